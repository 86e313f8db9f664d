// `matches` patterns that only a backtracking engine can run are reported on their rule and skipped.
import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import { matrix, score } from "./helpers";

const leads: Grid = [
  ["Email", "Job Title"],
  ["ann@acme.com", "VP VP"],
  ["bob@acme.com", "Engineer"],
];

/** A matrix of one good rule (row 2), the pattern's rule (row 3) and another good rule (row 4). */
function withPattern(pattern: string) {
  const run = score({
    leads,
    matrix: matrix(
      { field: "Job Title", op: "matches", value: "\\bvp\\b", points: 10 },
      { field: "Job Title", op: "matches", value: pattern, points: 5 },
      { field: "Job Title", op: "contains", value: "engineer", points: 3 },
    ),
  });
  return { problems: run.problems, scores: run.leads.map((l) => l.score) };
}

const REFUSED: [string, string, RegExp, RegExp][] = [
  ["backreference", "(vp) \\1", /uses the backreference \\1, which Leadscore does not run/, /instead of \\1/],
  ["named backreference", "(?<t>vp) \\k<t>", /uses the backreference \\k<t>/, /instead of \\k<t>/],
  ["lookahead", "vp(?= )", /uses the lookahead \(\?=…\)/, /vp\\s/],
  ["negative lookahead", "vp(?!x)", /uses the lookahead \(\?!…\)/, /not contains/],
  ["capture in a lookbehind", "(?<=(v))p", /capturing group inside a lookbehind/, /\(\?:…\)/],
  ["repeat count above 1000", "v{1001}", /more than 1000 times/, /at most 1000/],
  ["other RE2 limits", "[\\b]", /does not support \(invalid escape sequence/, /Rewrite the pattern/],
];

describe("matches patterns Leadscore cannot run in linear time", () => {
  for (const [what, pattern, message, fix] of REFUSED) {
    it(`${what}: a problem on the rule's Value, the rule skipped, the others scored`, () => {
      const { problems, scores } = withPattern(pattern);
      expect(problems).toHaveLength(1);
      const p = problems[0];
      expect(p).toMatchObject({ tab: "Scoring Matrix", row: 3, column: "Value", severity: "error" });
      expect(p.message).toContain(`"${pattern}"`);
      expect(p.message).toMatch(message);
      expect(p.message).toMatch(/The rule is skipped\.$/);
      expect(p.fix).toMatch(fix);
      expect(scores).toEqual([10, 3]);
    });
  }

  it("(?= inside a character class is three plain characters", () => {
    const { problems, scores } = withPattern("[(?=]");
    expect(problems).toEqual([]);
    expect(scores).toEqual([10, 3]);
  });

  it("the same pattern without the construct scores", () => {
    const { problems, scores } = withPattern("(vp) (vp)");
    expect(problems).toEqual([]);
    expect(scores).toEqual([15, 3]);
  });
});
