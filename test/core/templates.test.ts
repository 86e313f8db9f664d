import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import {
  ACTIVITY_HEADERS,
  defaultListsGrid,
  defaultSettingsGrid,
  EVENT_NAMES,
  LEADS_HEADERS,
  MATRIX_COLUMNS,
  OPERATORS,
  parseOperator,
  starterMatrix,
  validateWorkbook,
} from "../../src/core/index";
import { daysAgo, score } from "./helpers";

const lead = (values: Record<string, string | number>): (string | number)[] =>
  LEADS_HEADERS.map((h) => values[h] ?? "");

describe("setup templates", () => {
  const input = (leads: Grid, activities: Grid) => ({
    leads,
    activities,
    matrix: starterMatrix(),
    settings: defaultSettingsGrid(),
    lists: defaultListsGrid(),
  });
  it("the starter matrix uses only the demo columns and known events, and validates cleanly", () => {
    const m = starterMatrix();
    expect(m[0]).toEqual(MATRIX_COLUMNS);
    expect(m.length - 1).toBeGreaterThanOrEqual(18);
    const events = new Set(EVENT_NAMES.map((e) => e.toLowerCase()));
    for (const row of m.slice(1)) {
      if (row[4] !== "") expect(events.has(String(row[4]).toLowerCase())).toBe(true);
      if (row[6] !== "") expect(parseOperator(String(row[6]))).toBeDefined();
    }
    const problems = validateWorkbook(input([[...LEADS_HEADERS]], [[...ACTIVITY_HEADERS]]), "UTC");
    // An empty Activity Log: one warning for all the activity rules, not one per rule.
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ tab: "Activity Log", severity: "warning" });
    expect(problems[0].message).toContain("no activities yet, so the 10 activity rules (Demo request,");
  });
  it("every dropdown operator parses", () => {
    for (const op of OPERATORS) expect(parseOperator(op)).toBeDefined();
  });
  it("scores a strong fit, engaged lead high and a student low", () => {
    const leads: Grid = [
      [...LEADS_HEADERS],
      lead({
        Email: "vp@acme.com",
        "Job Title": "VP Marketing",
        Industry: "Software",
        Employees: 800,
        Country: "Canada",
      }),
      lead({
        Email: "kid@state.edu",
        "Job Title": "Student",
        Industry: "Education",
        Employees: 20000,
        Country: "India",
      }),
    ];
    const activities: Grid = [
      [...ACTIVITY_HEADERS],
      [daysAgo(1), "vp@acme.com", "Demo Request", ""],
      [daysAgo(2), "vp@acme.com", "Page View", "/pricing"],
      [daysAgo(3), "vp@acme.com", "Webinar Attended", ""],
      [daysAgo(5), "kid@state.edu", "Page View", "/careers"],
    ];
    const run = score(input(leads, activities));
    // The starter rules on events this log lacks are named, with the events it has.
    const idle = run.problems.map((p) => `${p.tab}|${p.row}|${p.column}|${p.severity}`);
    expect(idle).toEqual([16, 17, 18, 19, 21].map((row) => `Scoring Matrix|${row}|Event|warning`));
    expect(run.problems[0].message).toContain(`"Form Fill"`);
    expect(run.problems[0].message).toContain(
      "The log's events are: Demo Request, Page View, Webinar Attended.",
    );
    const [vp, kid] = run.leads;
    expect(vp.grade).toBe("A");
    expect(vp.score).toBeGreaterThanOrEqual(86);
    expect(vp.tier).toBe("Sales-ready");
    expect(kid.score).toBe(0);
    expect(kid.grade).toBe("F");
    expect(kid.reasons).toMatch(/Student/);
  });
  it("lists ship Free email and an empty Competitors", () => {
    const lists = defaultListsGrid();
    expect(lists[0]).toEqual(["Free email", "Competitors"]);
    const free = lists.slice(1).map((r) => r[0]);
    for (const d of [
      "gmail.com",
      "yahoo.com",
      "outlook.com",
      "hotmail.com",
      "icloud.com",
      "aol.com",
      "proton.me",
      "gmx.com",
    ]) {
      expect(free).toContain(d);
    }
    expect(lists.slice(1).every((r) => r[1] === "")).toBe(true);
  });
});
