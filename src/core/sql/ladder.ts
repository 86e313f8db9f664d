// tiers.ts's ladders (tiers, grades, engagement bands) in SQL: the name of the highest step whose minimum
// `x` reaches, else the first step's.
import type { Dialect } from "./dialect";

export function ladderSql(x: string, steps: readonly { name: string; min: number }[], d: Dialect): string {
  return steps.length === 1
    ? d.string(steps[0].name)
    : `CASE ${steps
        .slice(1)
        .reverse()
        .map((s) => `WHEN ${x} >= ${d.double(s.min)} THEN ${d.string(s.name)}`)
        .join(" ")} ELSE ${d.string(steps[0].name)} END`;
}
