// The built dist/Code.js runs `matches` rules on the same linear-time matcher: a menu run and the
// custom functions finish on an exponentially backtracking pattern, and report the unsupported one.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import { TAB } from "../../src/core/types";
import {
  REGEX_LEADS,
  REGEX_MATRIX,
  REGEX_MESSAGE,
  REGEX_PROBLEM,
  REGEX_SCORES,
  REGEX_TABS,
} from "../fixtures/regex-workbook";
import { loadAddon } from "./helpers";

const fresh = () =>
  loadAddon(REGEX_TABS.map((t) => ({ name: t.name, values: t.values.map((r) => r.slice()) })));

describe("matches rules in dist/Code.js", () => {
  it("Score all leads now: the problem on the Problems tab, the other rules scored", () => {
    const { runtime, script } = fresh();
    script.call("menuScoreAll");
    const problems = runtime.values("Problems");
    const header = problems[0];
    const bad = problems.filter((p) => p[findColumn(header, "Tab")] === REGEX_PROBLEM.tab);
    expect(bad).toHaveLength(1);
    expect(bad[0][findColumn(header, "Row")]).toBe(REGEX_PROBLEM.row);
    expect(bad[0][findColumn(header, "Column")]).toBe(REGEX_PROBLEM.column);
    expect(String(bad[0][findColumn(header, "Problem")])).toMatch(REGEX_MESSAGE);
    expect(String(bad[0][findColumn(header, "Fix")])).toMatch(/Write out what the group matches/);
    const leads = runtime.values(TAB.leads);
    const score = findColumn(leads[0], "Score");
    expect(Object.fromEntries(leads.slice(1).map((r) => [r[0], r[score]]))).toEqual(REGEX_SCORES);
  });

  it("=LEADSCORE scores with the same rules", () => {
    const { script } = fresh();
    const column = script.callAs(
      "CUSTOM_FUNCTION",
      "LEADSCORE",
      REGEX_LEADS,
      "",
      REGEX_MATRIX,
      undefined,
      "2026-11-01",
    ) as unknown[][];
    expect(column).toEqual([
      ["Score"],
      ...REGEX_LEADS.slice(1).map((r) => [REGEX_SCORES[r[0] as keyof typeof REGEX_SCORES]]),
    ]);
  });
});
