// The owed warnings on the CLI's stderr, read from CSV files: one line each with tab, row, column and the
// fix; the other leads scored as without the flaw.
import { describe, expect, it } from "vitest";
import type { CellValue, Grid } from "../../src/core/types";
import { AS_OF, BASE_SCORES, namedTabs, type Tabs, WARNING_CASES } from "../fixtures/warnings-workbook";
import { runCli, workbook } from "./run-cli";

const field = (v: CellValue) => {
  const s = v === true ? "TRUE" : v === false ? "FALSE" : String(v ?? "");
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csv = (grid: Grid) => grid.map((row) => `${row.map(field).join(",")}\n`).join("");

async function score(t: Tabs) {
  const files = Object.fromEntries(namedTabs(t).map((tab) => [`${tab.name}.csv`, csv(tab.values)]));
  return runCli(["score", workbook(files, false), "--as-of", AS_OF]);
}

/** Email → Score from the CSV printed on stdout. */
function scores(stdout: string): Record<string, number> {
  const [header, ...rows] = stdout
    .trim()
    .split("\n")
    .map((l) => l.split(","));
  const score = header.indexOf("Score");
  return Object.fromEntries(rows.map((r) => [r[0], Number(r[score])]));
}

const byName = (name: string) => WARNING_CASES.find((c) => c.name === name)!;

describe("leadscore score: owed warnings on stderr", () => {
  for (const name of [
    "Points of 1e308",
    "Points of 1e999 (shown as typed, not as Infinity)",
    "duplicate Leads headers",
    "a Grade group that names no group",
    "two tiers with the same minimum",
    "an empty Activity Log",
  ]) {
    it(name, async () => {
      const c = byName(name);
      const result = await score(c.tabs());
      expect(result.code).toBe(0);
      const { tab, row, column, severity } = c.problem;
      const where = [tab, row ? `row ${row}` : "", column ? `column "${column}"` : ""]
        .filter(Boolean)
        .join(", ");
      const line = result.stderr.split("\n").find((l) => l.startsWith(`${severity}: ${where}: `));
      expect(line, result.stderr).toBeDefined();
      const [message, fix] = line!.slice(`${severity}: ${where}: `.length).split(" Fix: ");
      expect(message).toMatch(c.message);
      expect(fix).toMatch(c.fix);
      expect(result.stderr).not.toContain("Infinity");
      expect(scores(result.stdout)).toEqual(c.scores ?? BASE_SCORES);
    });
  }

  it("every rule switched off: the warning, then exit 1 with nothing written", async () => {
    const result = await score(byName("every rule switched off").tabs());
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /warning: Scoring Matrix, row 2, column "Active": No rule is active \(all 3 rules are switched off or broken\)/,
    );
    expect(result.stdout).toBe("");
  });
});
