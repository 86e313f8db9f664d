import { describe, expect, it } from "vitest";
import type { Grid } from "../../src/core/index";
import { DEFAULT_TIERS, gradeFor, outputRow, tierFor } from "../../src/core/index";
import { AS_OF, daysAgo, matrix, OPEN_SETTINGS, score, scoreOne } from "./helpers";

describe("tiers", () => {
  it("takes the greatest Min Score ≤ score; below all → the lowest", () => {
    expect(tierFor(0, DEFAULT_TIERS).name).toBe("Cold");
    expect(tierFor(30, DEFAULT_TIERS).name).toBe("Cold");
    expect(tierFor(31, DEFAULT_TIERS).name).toBe("Warm");
    expect(tierFor(85, DEFAULT_TIERS).name).toBe("Hot");
    expect(tierFor(86, DEFAULT_TIERS).name).toBe("Sales-ready");
    expect(tierFor(-40, DEFAULT_TIERS).name).toBe("Cold");
  });
  it("gives the next tier and the points needed", () => {
    const { lead } = scoreOne({ Email: "a@x.com", T: "x" }, [{ field: "T", op: "is not blank", points: 55 }]);
    expect(lead.tier).toBe("Warm");
    expect(lead.nextTier).toEqual({ name: "Hot", pointsNeeded: 6 });
    const top = scoreOne({ Email: "a@x.com", T: "x" }, [{ field: "T", op: "is not blank", points: 90 }]).lead;
    expect(top.nextTier).toBeNull();
  });
  it("reads custom tiers from Settings in any row order", () => {
    const settings: Grid = [
      ["Tier", "Min Score", "Notify"],
      ["Top", 50, true],
      ["Bottom", 10, false],
    ];
    const { lead, run } = scoreOne(
      { Email: "a@x.com", T: "x" },
      [{ field: "T", op: "is not blank", points: 5 }],
      { settings },
    );
    expect(run.settings.tiers.map((t) => t.name)).toEqual(["Bottom", "Top"]);
    expect(lead.tier).toBe("Bottom");
    expect(lead.nextTier).toEqual({ name: "Top", pointsNeeded: 45 });
  });
});

describe("grades", () => {
  it("uses the grade group's clamped total; below all → the lowest", () => {
    const grades = [
      { name: "F", minPoints: 0 },
      { name: "B", minPoints: 30 },
      { name: "A", minPoints: 40 },
    ];
    expect(gradeFor(39.9, grades).name).toBe("B");
    expect(gradeFor(40, grades).name).toBe("A");
    expect(gradeFor(-5, grades).name).toBe("F");
  });
  it("grades from the Fit group by default, blank when Fit has no active rule", () => {
    const fit = scoreOne({ Email: "a@x.com", T: "x" }, [
      { group: "Fit", field: "T", op: "is not blank", points: 25 },
      { group: "Engagement", field: "T", op: "is not blank", points: 50 },
    ]).lead;
    expect(fit.grade).toBe("C");
    const noFit = scoreOne({ Email: "a@x.com", T: "x" }, [
      { group: "Engagement", field: "T", op: "is not blank", points: 50 },
    ]).lead;
    expect(noFit.grade).toBe("");
  });
  it("honours Grade group and a capped total", () => {
    const settings: Grid = [
      ["Setting", "Value", "Group", "Min", "Max"],
      ["Grade group", "engagement", "Engagement", "", 15],
    ];
    const { lead } = scoreOne(
      { Email: "a@x.com", T: "x" },
      [{ group: "Engagement", field: "T", op: "is not blank", points: 50 }],
      { settings },
    );
    expect(lead.grade).toBe("D");
  });
});

describe("reasons", () => {
  it("lists the 3 largest absolute contributions, ties in matrix order", () => {
    const { run, lead } = scoreOne({ Email: "a@x.com", T: "x" }, [
      { rule: "Small", field: "T", op: "is not blank", points: 2 },
      { rule: "Tie A", field: "T", op: "is not blank", points: 10 },
      { rule: "Careers page", field: "T", op: "is not blank", points: -15 },
      { rule: "Tie B", field: "T", op: "is not blank", points: 10 },
      { rule: "Zero", field: "T", op: "is not blank", points: 0 },
    ]);
    expect(lead.reasons).toBe("Careers page \u221215; Tie A +10; Tie B +10");
    expect(run.contributions(lead).map((c) => c.label)).toEqual(["Small", "Tie A", "Careers page", "Tie B"]);
  });
  it("shows decayed activity contributions with one decimal and generates labels", () => {
    const run = score({
      leads: [["Email"], ["a@x.com"]],
      activities: [
        ["Timestamp", "Email", "Event", "Detail"],
        [daysAgo(30), "a@x.com", "Demo Request", ""],
        [daysAgo(1), "a@x.com", "Page View", "/pricing"],
      ],
      matrix: matrix(
        { event: "Demo Request", points: 25, half: 30 },
        { event: "Page View", field: "Detail", op: "contains", value: "/pricing", points: 5 },
      ),
      settings: OPEN_SETTINGS,
    });
    expect(run.leads[0].reasons).toBe("Demo Request +12.5; Page View: Detail contains /pricing +5");
  });
  it("gives each lead's contributions on request, and none for a row the run did not score", () => {
    const input = {
      leads: [
        ["Email", "T"],
        ["a@x.com", "x"],
        ["b@x.com", ""],
      ],
      activities: [
        ["Timestamp", "Email", "Event", "Detail"],
        [daysAgo(30), "a@x.com", "Demo Request", ""],
        [daysAgo(10), "a@x.com", "Demo Request", ""],
        [daysAgo(2), "b@x.com", "Demo Request", ""],
      ],
      matrix: matrix(
        { rule: "Has T", field: "T", op: "is not blank", points: 4 },
        { rule: "Demo", event: "Demo Request", points: 10, half: 10 },
      ),
      settings: OPEN_SETTINGS,
    };
    const run = score(input);
    const [a, b] = run.leads.map((l) => run.contributions(l));
    expect(a.map((c) => [c.label, c.count])).toEqual([
      ["Has T", 1],
      ["Demo", 2],
    ]);
    expect(a[1].value).toBeCloseTo(10 * (0.5 ** 3 + 0.5 ** 1), 12);
    expect(a[1].weight).toBeCloseTo((0.5 ** 3 + 0.5 ** 1) / 2, 12);
    expect(b.map((c) => c.label)).toEqual(["Demo"]);
    // Asking again, or in another order, gives the same objects' values.
    expect(run.contributions(run.leads[0])).toEqual(a);
    const onlyB = score(input, { onlyRows: new Set([3]) });
    expect(onlyB.contributions(run.leads[0])).toEqual([]);
    expect(onlyB.contributions(onlyB.leads[0])).toEqual(b);
  });
  it("is empty when nothing matched", () => {
    const { lead } = scoreOne({ Email: "a@x.com", T: "" }, [{ field: "T", op: "is not blank", points: 2 }]);
    expect(lead.reasons).toBe("");
  });
});

describe("output row", () => {
  it("aligns with outputHeaders and rounds group scores to one decimal", () => {
    const run = score({
      leads: [["Email"], ["a@x.com"]],
      activities: [
        ["Timestamp", "Email", "Event"],
        [daysAgo(10), "a@x.com", "Demo Request"],
      ],
      matrix: matrix(
        { rule: "Demo", event: "Demo Request", points: 10, half: 7 },
        { group: "Fit", field: "Email", op: "is not blank", points: 40 },
      ),
    });
    expect(run.groupNames).toEqual(["Engagement", "Fit"]);
    expect(run.outputHeaders).toEqual([
      "Score",
      "Tier",
      "Grade",
      "Engagement Score",
      "Fit Score",
      "Top Reasons",
      "Scored At",
    ]);
    const eng = 10 * 0.5 ** (10 / 7);
    expect(outputRow(run, run.leads[0])).toEqual([
      Math.round(eng + 40),
      "Warm",
      "A",
      Math.round(eng * 10) / 10,
      40,
      `Email is not blank +40; Demo +${(Math.round(eng * 10) / 10).toString()}`,
      AS_OF,
    ]);
  });
});
