// The worked example in docs/scoring.md, checked number by number.
import { expect, it } from "vitest";
import { matrix, score } from "./helpers";

it("docs/scoring.md worked example", () => {
  const run = score({
    leads: [
      ["Email", "Job Title", "Industry", "Employees"],
      ["ann@acme.com", "VP Marketing", "Software", 800],
    ],
    activities: [
      ["Timestamp", "Email", "Event", "Detail"],
      ["2024-05-31 00:00", "ann@acme.com", "Page View", "/pricing"],
      ["2024-05-22 00:00", "ann@acme.com", "Page View", "/pricing"],
      ["2024-05-02 00:00", "ann@acme.com", "Demo Request", ""],
      ["2024-06-03 00:00", "ann@acme.com", "Webinar Attended", ""],
    ],
    matrix: matrix(
      {
        group: "Fit",
        rule: "Executive title",
        field: "Job Title",
        op: "matches",
        value: "\\b(vp|chief)\\b",
        points: 15,
      },
      {
        group: "Fit",
        rule: "Target industry",
        field: "Industry",
        op: "in list",
        value: "Software, SaaS",
        points: 10,
      },
      {
        group: "Fit",
        rule: "Company size",
        field: "Employees",
        op: "between",
        value: "50..5000",
        points: 10,
      },
      {
        group: "Engagement",
        rule: "Pricing views",
        event: "Page View",
        field: "Detail",
        op: "contains",
        value: "/pricing",
        points: 5,
        max: 1,
        within: 30,
      },
      {
        group: "Engagement",
        rule: "Demo request",
        event: "Demo Request",
        points: 25,
        max: 1,
        within: 90,
        half: 0,
      },
    ),
    settings: [
      ["Setting", "Value", "", "Group", "Min", "Max"],
      ["Half-life days", 30, "", "Engagement", "", 40],
    ],
  });
  const [l] = run.leads;
  expect(run.problems).toEqual([]);
  expect(l.groups[0].total).toBe(35);
  expect(l.groups[1].total).toBeCloseTo(5 * 0.5 ** (1 / 30) + 25, 10);
  expect(l.score).toBe(65);
  expect(l.tier).toBe("Hot");
  expect(l.grade).toBe("B");
  expect(l.nextTier).toEqual({ name: "Sales-ready", pointsNeeded: 21 });
  expect(l.reasons).toBe("Demo request +25; Executive title +15; Target industry +10");
});
