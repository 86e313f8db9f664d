// The owed warnings through the built dist/Code.js: Score all leads now puts each on the Problems tab
// (tab, row, column, message, fix), the sidebar's state carries it, and the Leads tab scores as without it.
import { describe, expect, it } from "vitest";
import { findColumn } from "../../src/core/headers";
import type { Problem } from "../../src/core/types";
import { TAB } from "../../src/core/types";
import { AS_OF, BASE_SCORES, namedTabs, WARNING_CASES } from "../fixtures/warnings-workbook";
import { loadAddon } from "./helpers";

describe("owed warnings in dist/Code.js", () => {
  for (const c of WARNING_CASES) {
    it(c.name, () => {
      const { runtime, script } = loadAddon(namedTabs(c.tabs()), { now: new Date(AS_OF) });
      script.call("menuScoreAll");
      const problems = runtime.values("Problems");
      const col = (name: string) => findColumn(problems[0], name);
      const rows = problems
        .slice(1)
        .filter((p) => p[col("Tab")] === c.problem.tab && String(p[col("Problem")]).match(c.message));
      expect(rows, JSON.stringify(problems)).toHaveLength(1);
      const [p] = rows;
      expect(p[col("Severity")]).toBe(c.problem.severity);
      expect(p[col("Row")]).toBe(c.problem.row || "");
      expect(p[col("Column")]).toBe(c.problem.column);
      expect(String(p[col("Fix")])).toMatch(c.fix);

      const state = script.call("getSidebarState") as { problems: Problem[] };
      expect(state.problems.filter((q) => c.message.test(q.message))).toEqual([
        expect.objectContaining({ ...c.problem, fix: expect.stringMatching(c.fix) }),
      ]);

      const leads = runtime.values(TAB.leads);
      const score = findColumn(leads[0], "Score");
      const scores = Object.fromEntries(leads.slice(1).map((r) => [r[0], r[score]]));
      expect(scores).toEqual(c.scores ?? BASE_SCORES);
    });
  }
});
