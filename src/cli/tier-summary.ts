// The line `score` ends with on stderr: how many leads and how many in each tier, best tier first.
import type { ScoreRun } from "../core/types";

const count = (n: number) => n.toLocaleString("en-US");

/** "Scored 1,234 leads: Hot 12, Warm 80, Cold 1,142". */
export function tierSummary(run: ScoreRun): string {
  const order = [...run.settings.tiers].sort((a, b) => b.minScore - a.minScore).map((t) => t.name);
  return tierCountSummary(
    run.leads.map((lead) => lead.tier),
    order,
  );
}

/** The same line from each scored lead's tier, tiers in `order` first (highest first), then any others. */
export function tierCountSummary(tiers: readonly string[], order: readonly string[]): string {
  const byTier = new Map<string, number>();
  for (const tier of tiers) byTier.set(tier, (byTier.get(tier) ?? 0) + 1);
  const names = [...order, ...[...byTier.keys()].filter((t) => !order.includes(t))];
  const parts = names.map((t) => `${t || "no tier"} ${count(byTier.get(t) ?? 0)}`);
  const n = tiers.length;
  return `Scored ${count(n)} lead${n === 1 ? "" : "s"}: ${parts.join(", ")}`;
}
