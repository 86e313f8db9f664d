// Input the engine used to take in silence: each kind gets one problem naming tab, row, column and the
// fix, and changes no score but the ones the flaw itself rightly changes.
import { describe, expect, it } from "vitest";
import { scoreWorkbook } from "../../src/core/index";
import { AS_OF, BASE_SCORES, baseTabs, type Tabs, WARNING_CASES } from "../fixtures/warnings-workbook";

const run = (t: Tabs) => scoreWorkbook(t, { asOf: new Date(AS_OF), timeZone: "UTC" });
const scoresOf = (r: ReturnType<typeof run>) => Object.fromEntries(r.leads.map((l) => [l.key, l.score]));

describe("warnings owed", () => {
  it("the good workbook has no problem and scores as the fixture says", () => {
    const base = run(baseTabs());
    expect(base.problems).toEqual([]);
    expect(scoresOf(base)).toEqual(BASE_SCORES);
    expect(base.leads.map((l) => l.grade)).toEqual(["A", "C"]);
  });

  for (const c of WARNING_CASES) {
    it(c.name, () => {
      const r = run(c.tabs());
      expect(r.problems).toHaveLength(1);
      const [p] = r.problems;
      expect(p).toMatchObject(c.problem);
      expect(p.message).toMatch(c.message);
      expect(p.fix).toMatch(c.fix);
      expect(scoresOf(r)).toEqual(c.scores ?? BASE_SCORES);
    });
  }

  it("a Grade group naming no group blanks the grades, and none asks for no grades in silence", () => {
    const grades = (value: string) => {
      const t = baseTabs();
      t.settings[3][1] = value;
      const r = run(t);
      return { grades: r.leads.map((l) => l.grade), problems: r.problems.length };
    };
    expect(grades("Fitt")).toEqual({ grades: ["", ""], problems: 1 });
    expect(grades("none")).toEqual({ grades: ["", ""], problems: 0 });
    expect(grades(" fit ")).toEqual({ grades: ["A", "C"], problems: 0 });
  });

  it("of two tiers with the same minimum the first is kept", () => {
    const t = baseTabs({
      tiers: [
        ["Cold", 0, false],
        ["Hot", 30, false],
        ["Blazing", 30, false],
      ],
    });
    expect(run(t).leads.map((l) => l.tier)).toEqual(["Hot", "Cold"]);
  });

  it("Points at the bound are used; one past it is refused", () => {
    const withPoints = (points: number) => {
      const t = baseTabs();
      t.matrix[1][8] = points;
      return run(t);
    };
    expect(withPoints(1e9).leads[0].groups[0].total).toBe(1e9 + 5);
    const past = withPoints(-1000000001);
    expect(past.problems[0]).toMatchObject({ row: 2, column: "Points" });
    expect(past.problems[0].message).toContain('Points "-1000000001" is beyond');
    expect(scoresOf(past)).toEqual({ "ann@acme.com": 25, "bob@beta.com": 0 });
  });

  it("1e999 in any numeric cell is quoted as typed, never as Infinity", () => {
    const t = baseTabs({
      kv: [
        ["Score floor", "1e999"],
        ...baseTabs()
          .settings.slice(2, 4)
          .map((r) => r.slice(0, 2)),
      ],
      tiers: [
        ["Cold", 0, false],
        ["Hot", "1e999", false],
      ],
      groups: [["Engagement", "", "-1e999"]],
    });
    t.matrix[1][9] = "1e999";
    t.matrix[1][8] = "1e999";
    const r = run(t);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "Value"],
      [3, "Min Score"],
      [2, "Max"],
      [2, "Points"],
    ]);
    for (const p of r.problems) {
      expect(p.message).toMatch(/"-?1e999"/);
      expect(p.message).not.toContain("Infinity");
    }
  });

  it("every rule broken: one summary for the matrix besides each row's problem", () => {
    const t = baseTabs();
    for (const row of t.matrix.slice(1)) row[8] = "lots";
    const r = run(t);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([
      [2, "Points"],
      [3, "Points"],
      [4, "Points"],
      [0, ""],
    ]);
    expect(r.problems[3]).toMatchObject({ tab: "Scoring Matrix", severity: "error" });
    expect(r.problems[3].message).toMatch(/^No rule can score: every rule has a problem/);
  });

  it("duplicate Activity Log headers are named; the first column is used", () => {
    const t = baseTabs();
    t.activities[0].push("Detail");
    t.activities[1].push("nothing");
    const r = run(t);
    expect(r.problems).toEqual([
      expect.objectContaining({ tab: "Activity Log", row: 1, column: "Detail", severity: "warning" }),
    ]);
    expect(r.problems[0].message).toContain("Column E is headed Detail like column D");
    expect(scoresOf(r)).toEqual(BASE_SCORES);
  });

  it("a blank header row in the Activity Log (an empty tab in Sheets) is the log's problem too", () => {
    const t = baseTabs();
    t.activities = [["", "", "", ""]];
    const r = run(t);
    expect(r.problems.map((p) => [p.tab, p.row])).toEqual([["Activity Log", 1]]);
  });
});
