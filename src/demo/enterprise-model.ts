// The demo's second model, `Enterprise`: the same buyers seen by an enterprise sales team, so fit is
// seniority and company size more than industry, and engagement is buying intent (demo, pricing, case
// studies) with an unsubscribe starting it over. Its own tiers (Settings' Tier table, Model column)
// notify on the top one.
import type { CellValue, Grid } from "../core/types";

export const ENTERPRISE = "Enterprise";

/** Group, Rule, Source, Event, Field, Operator, Value, Points, Max Count, Within Days, Only If. */
type EnterpriseRule = [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  number | "reset",
  number | "",
  number | "",
  string,
];

const RULES: EnterpriseRule[] = [
  [
    "Fit",
    "Senior buyer",
    "Lead",
    "",
    "Job Title",
    "matches",
    "\\b(vp|vice president|chief|head of|c[etfmo]o|founder|director)\\b",
    20,
    "",
    "",
    "",
  ],
  ["Fit", "Company 200+ employees", "Lead", "", "Employees", ">=", "200", 20, "", "", ""],
  ["Fit", "Company 50–199 employees", "Lead", "", "Employees", "between", "50..199", 8, "", "", ""],
  ["Fit", "Business email", "Lead", "", "Email Domain", "not in list", "@Free email", 10, "", "", ""],
  ["Fit", "Competitor", "Lead", "", "Email Domain", "in list", "@Competitors", -50, "", "", ""],
  ["Engagement", "Demo request", "Activity", "Demo Request", "", "", "", 30, 1, 90, ""],
  [
    "Engagement",
    "Pricing page views",
    "Activity",
    "Page View",
    "Detail",
    "contains",
    "/pricing",
    6,
    3,
    30,
    "",
  ],
  [
    "Engagement",
    "Senior buyer on pricing",
    "Activity",
    "Page View",
    "Detail",
    "contains",
    "/pricing",
    10,
    1,
    30,
    "Senior buyer",
  ],
  [
    "Engagement",
    "Case studies",
    "Activity",
    "Page View",
    "Detail",
    "contains",
    "/case-studies",
    4,
    2,
    60,
    "",
  ],
  ["Engagement", "Unsubscribed", "Activity", "Unsubscribe", "", "", "", "reset", "", "", ""],
];

/** The model's tiers: Tier, Min Score, Notify (Model is ENTERPRISE). */
export const ENTERPRISE_TIERS: readonly [string, number, boolean][] = [
  ["Nurture", 0, false],
  ["Target account", 40, false],
  ["Enterprise-ready", 70, true],
];

/**
 * The starter matrix with the optional `Only If` and `Model` columns, blank on the starter rules (the
 * default model), and the Enterprise rules below them.
 */
export function withEnterpriseModel(starter: Grid): Grid {
  const rows: CellValue[][] = starter.map((row, i) => [
    ...row,
    ...(i === 0 ? ["Only If", "Model"] : ["", ""]),
  ]);
  for (const [group, rule, source, event, field, op, value, points, max, within, onlyIf] of RULES)
    rows.push([
      true,
      group,
      rule,
      source,
      event,
      field,
      op,
      value,
      points,
      max,
      within,
      "",
      onlyIf,
      ENTERPRISE,
    ]);
  return rows;
}
