import { describe, expect, it } from "vitest";
import { matches, scoreOne } from "./helpers";

describe("text operators (trimmed, case-insensitive)", () => {
  it("= / is / equals", () => {
    expect(matches("  Software ", "=", "software")).toBe(true);
    expect(matches("Software", "is", "SOFTWARE")).toBe(true);
    expect(matches("Software", "equals", "Soft")).toBe(false);
    expect(matches("", "=", "x")).toBe(false);
  });
  it("= compares as numbers when both sides are numbers", () => {
    expect(matches(1200, "=", "1,200")).toBe(true);
    expect(matches("1200.0", "=", 1200)).toBe(true);
    expect(matches("12", "=", "12.5")).toBe(false);
    expect(matches("abc", "=", 5)).toBe(false);
  });
  it("!= / is not / not equals; a blank cell matches only is blank", () => {
    expect(matches("Retail", "!=", "Software")).toBe(true);
    expect(matches("software", "is not", "Software")).toBe(false);
    expect(matches(5, "not equals", "5.0")).toBe(false);
    expect(matches("", "!=", "Software")).toBe(false);
  });
  it("contains / not contains", () => {
    expect(matches("VP of Sales", "contains", "vp")).toBe(true);
    expect(matches("Engineer", "contains", "vp")).toBe(false);
    expect(matches("Engineer", "not contains", "vp")).toBe(true);
    expect(matches("VP", "not contains", "vp")).toBe(false);
    expect(matches("", "not contains", "vp")).toBe(false);
  });
  it("starts with / ends with", () => {
    expect(matches("/pricing/teams", "starts with", "/PRICING")).toBe(true);
    expect(matches("see /pricing", "starts with", "/pricing")).toBe(false);
    expect(matches("mit.edu ", "ends with", ".EDU")).toBe(true);
    expect(matches("edu.com", "ends with", ".edu")).toBe(false);
  });
  it("in list / not in list with comma-separated values", () => {
    expect(matches("canada", "in list", "US, Canada ,UK")).toBe(true);
    expect(matches("Mexico", "in list", "US, Canada")).toBe(false);
    expect(matches("Mexico", "not in list", "US, Canada")).toBe(true);
    expect(matches("US", "not in list", "us,canada")).toBe(false);
    expect(matches(10, "in list", "5, 10.0")).toBe(true);
    expect(matches("", "not in list", "US")).toBe(false);
  });
  it("in list @Name uses a Lists column", () => {
    const lists = [
      ["Free email", "Competitors"],
      ["gmail.com", "rival.io"],
      ["Yahoo.com ", ""],
    ];
    const rule = (op: string, value: string) => [{ field: "Email Domain", op, value, points: 1 }];
    expect(scoreOne({ Email: "a@YAHOO.com" }, rule("in list", "@Free email"), { lists }).lead.score).toBe(1);
    expect(scoreOne({ Email: "a@acme.com" }, rule("in list", "@free  EMAIL"), { lists }).lead.score).toBe(0);
    expect(scoreOne({ Email: "a@acme.com" }, rule("not in list", "@Free email"), { lists }).lead.score).toBe(
      1,
    );
    expect(scoreOne({ Email: "b@rival.io" }, rule("in list", "@Competitors"), { lists }).lead.score).toBe(1);
  });
  it("matches: JavaScript regex, case-insensitive, anywhere", () => {
    expect(matches("Senior VP, Sales", "matches", "\\bvp\\b")).toBe(true);
    expect(matches("MVP", "matches", "\\bvp\\b")).toBe(false);
    expect(matches("Chief Revenue Officer", "matches", "^chief|cro$")).toBe(true);
    expect(matches("CTO", "matches", "c[et]o")).toBe(true);
  });
  it("matches: JavaScript escapes and groups keep their meaning", () => {
    expect(matches("Café owner", "matches", "caf\\u00e9")).toBe(true);
    expect(matches("/pricing/teams", "matches", "^\\/pricing\\/")).toBe(true);
    expect(matches("VP Sales", "matches", "(?<level>vp|chief) sales")).toBe(true);
    expect(matches("Head of IT", "matches", "^(?:head|vp) of [a-z]{2}$")).toBe(true);
    expect(matches("Head of ITS", "matches", "^(?:head|vp) of [a-z]{2}$")).toBe(false);
  });
  it("matches: lookbehinds without captures are supported", () => {
    expect(matches("For-profit", "matches", "(?<!non-)profit")).toBe(true);
    expect(matches("Non-profit", "matches", "(?<!non-)profit")).toBe(false);
    expect(matches("ann@acme.com", "matches", "(?<=@)acme\\.")).toBe(true);
  });
  it("matches: patterns that backtrack exponentially give the right answer on a 50,000-character cell", () => {
    const a = "a".repeat(50_000);
    const x = "x".repeat(50_000);
    expect(matches(a, "matches", "^(a+)+$")).toBe(true);
    expect(matches(`${a}!`, "matches", "^(a+)+$")).toBe(false);
    expect(matches(`b${a}`, "matches", "(a|aa)+$")).toBe(true);
    expect(matches(`${a}b`, "matches", "(a|aa)+$")).toBe(false);
    expect(matches(x, "matches", "(x+x+)+y")).toBe(false);
    expect(matches(`${x}y`, "matches", "(x+x+)+y")).toBe(true);
  });
});

describe("numeric operators", () => {
  it("> >= < <= on numbers and numeric text", () => {
    expect(matches(51, ">", 50)).toBe(true);
    expect(matches(50, ">", 50)).toBe(false);
    expect(matches("50", ">=", "50")).toBe(true);
    expect(matches("1,200", ">", "1000")).toBe(true);
    expect(matches(" 9.5 ", "<", 10)).toBe(true);
    expect(matches(10, "<", 10)).toBe(false);
    expect(matches(10, "<=", "10")).toBe(true);
    expect(matches(-3, "<", 0)).toBe(true);
  });
  it("between a..b is inclusive", () => {
    expect(matches(50, "between", "50..500")).toBe(true);
    expect(matches(500, "between", "50..500")).toBe(true);
    expect(matches(501, "between", "50..500")).toBe(false);
    expect(matches("2,000", "between", "1,000..5,000")).toBe(true);
    expect(matches(-1, "between", "-5..0")).toBe(true);
  });
  it("a blank cell does not match; other text does not match and is a data warning", () => {
    expect(matches("", ">", 0)).toBe(false);
    expect(matches(null, "<", 10)).toBe(false);
    const { run, lead } = scoreOne({ Email: "a@x.com", Employees: "lots" }, [
      { field: "Employees", op: ">", value: 5, points: 1 },
    ]);
    expect(lead.score).toBe(0);
    expect(run.problems).toHaveLength(1);
    expect(run.problems[0]).toMatchObject({ tab: "Leads", row: 2, column: "Employees", severity: "warning" });
    expect(run.problems[0].message).toContain('"lots"');
  });
  it("blank cells raise no warning", () => {
    const { run } = scoreOne({ Email: "a@x.com", Employees: "" }, [
      { field: "Employees", op: ">", value: 5, points: 1 },
    ]);
    expect(run.problems).toEqual([]);
  });
});

describe("is blank / is not blank", () => {
  it("treats whitespace-only text as blank", () => {
    expect(matches("   ", "is blank", "")).toBe(true);
    expect(matches(null, "is blank", "")).toBe(true);
    expect(matches(0, "is blank", "")).toBe(false);
    expect(matches("x", "is not blank", "")).toBe(true);
    expect(matches("", "is not blank", "")).toBe(false);
    expect(matches(false, "is not blank", "")).toBe(true);
  });
});

describe("operator names", () => {
  it("are case-insensitive and space-tolerant", () => {
    expect(matches("a", "  IS   Not  Blank ", "")).toBe(true);
    expect(matches("abc", "CONTAINS", "B")).toBe(true);
    expect(matches("x", "Not In List", "y")).toBe(true);
  });
});
