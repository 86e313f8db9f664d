// Templates written by "Set up workbook", used by the demo generator and tests.
import { DEFAULT_GRADES } from "./grades";
import { starterSettingRows } from "./known-settings";
import { MATRIX_COLUMNS } from "./matrix";
import { DEFAULT_TIERS } from "./tiers";
import type { Grid } from "./types";

export const LEADS_HEADERS: string[] = [
  "Email",
  "First Name",
  "Last Name",
  "Job Title",
  "Company",
  "Industry",
  "Employees",
  "Country",
  "Source",
  "Owner",
  "Created",
  "Converted",
  "Converted At",
];

export const ACTIVITY_HEADERS: string[] = ["Timestamp", "Email", "Event", "Detail"];

/** Events the demo workbook, form intake and the starter matrix use. */
export const EVENT_NAMES: string[] = [
  "Page View",
  "Email Open",
  "Email Click",
  "Form Fill",
  "Webinar Attended",
  "Demo Request",
  "Unsubscribe",
  "Form Submit",
];

export const FREE_EMAIL_DOMAINS: string[] = [
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "yahoo.co.uk",
  "ymail.com",
  "outlook.com",
  "hotmail.com",
  "hotmail.co.uk",
  "live.com",
  "msn.com",
  "icloud.com",
  "me.com",
  "mac.com",
  "aol.com",
  "proton.me",
  "protonmail.com",
  "gmx.com",
  "gmx.de",
  "gmx.net",
  "web.de",
  "mail.com",
  "zoho.com",
  "yandex.com",
  "yandex.ru",
  "mail.ru",
  "qq.com",
  "163.com",
  "fastmail.com",
  "hey.com",
  "tutanota.com",
];

type RuleRow = [
  group: string,
  rule: string,
  source: string,
  event: string,
  field: string,
  operator: string,
  value: string,
  points: number,
  maxCount: number | "",
  withinDays: number | "",
  halfLife: number | "",
];

// Fit adds up to ~50 (title 15 + industry 10 + size 10 + country 5 + business email 10); engagement
// to ~50 for an active buyer; negative rules pull down students, competitors, job seekers and the
// unsubscribed. Engagement decays (Settings half-life 30 days unless the row says otherwise).
const STARTER_RULES: RuleRow[] = [
  [
    "Fit",
    "Executive title",
    "Lead",
    "",
    "Job Title",
    "matches",
    "\\b(vp|vice president|chief|head of|c[etfmo]o|founder)\\b",
    15,
    "",
    "",
    "",
  ],
  [
    "Fit",
    "Director or manager",
    "Lead",
    "",
    "Job Title",
    "matches",
    "\\b(director|manager)\\b",
    8,
    "",
    "",
    "",
  ],
  [
    "Fit",
    "Target industry",
    "Lead",
    "",
    "Industry",
    "in list",
    "Software, SaaS, Technology, Financial Services, Marketing",
    10,
    "",
    "",
    "",
  ],
  ["Fit", "Company size 50–5,000", "Lead", "", "Employees", "between", "50..5000", 10, "", "", ""],
  ["Fit", "Enterprise (5,000+)", "Lead", "", "Employees", ">", "5000", 6, "", "", ""],
  [
    "Fit",
    "Target country",
    "Lead",
    "",
    "Country",
    "in list",
    "United States, US, USA, Canada, United Kingdom, UK, Germany, France, Netherlands, Australia",
    5,
    "",
    "",
    "",
  ],
  ["Fit", "Business email", "Lead", "", "Email Domain", "not in list", "@Free email", 10, "", "", ""],
  ["Fit", "Free email address", "Lead", "", "Email Domain", "in list", "@Free email", -5, "", "", ""],
  ["Fit", "Student (.edu email)", "Lead", "", "Email Domain", "ends with", ".edu", -15, "", "", ""],
  ["Fit", "Student title", "Lead", "", "Job Title", "matches", "\\b(student|intern)\\b", -20, "", "", ""],
  ["Fit", "Competitor", "Lead", "", "Email Domain", "in list", "@Competitors", -50, "", "", ""],
  ["Engagement", "Demo request", "Activity", "Demo Request", "", "", "", 25, 1, 90, ""],
  [
    "Engagement",
    "Pricing page views",
    "Activity",
    "Page View",
    "Detail",
    "contains",
    "/pricing",
    5,
    3,
    30,
    "",
  ],
  ["Engagement", "Webinar attended", "Activity", "Webinar Attended", "", "", "", 10, 2, 90, ""],
  ["Engagement", "Form fill", "Activity", "Form Fill", "", "", "", 8, 2, 60, ""],
  ["Engagement", "Contact form", "Activity", "Form Submit", "", "", "", 10, 1, 60, ""],
  ["Engagement", "Email click", "Activity", "Email Click", "", "", "", 3, 5, 30, 14],
  ["Engagement", "Email open", "Activity", "Email Open", "", "", "", 1, 5, 30, 7],
  ["Engagement", "Recent site visits", "Activity", "Page View", "", "", "", 1, 10, 14, ""],
  ["Engagement", "Unsubscribed", "Activity", "Unsubscribe", "", "", "", -20, 1, "", 0],
  ["Engagement", "Careers page", "Activity", "Page View", "Detail", "contains", "/careers", -10, 1, 90, ""],
  [
    "Engagement",
    "No activity for 90+ days",
    "Lead",
    "",
    "Days Since Last Activity",
    ">",
    "90",
    -10,
    "",
    "",
    "",
  ],
];

/** Header row + the starter rules. */
export function starterMatrix(): Grid {
  return [
    [...MATRIX_COLUMNS],
    ...STARTER_RULES.map(([group, rule, source, event, field, op, value, points, max, within, half]) => [
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
      half,
    ]),
  ];
}

/** Settings tab: Setting|Value ; Tier|Min Score|Notify ; Group|Min|Max ; Grade|Min Points, blank columns between. */
export function defaultSettingsGrid(): Grid {
  const kv = starterSettingRows();
  const tiers = DEFAULT_TIERS.map((t) => [t.name, t.minScore, t.notify]);
  const groups: [string, number | "", number | ""][] = [
    ["Fit", "", ""],
    ["Engagement", "", ""],
  ];
  // Best grade first, as people read a grade scale.
  const grades = DEFAULT_GRADES.map((g) => [g.name, g.minPoints]).reverse();
  const header = [
    "Setting",
    "Value",
    "",
    "Tier",
    "Min Score",
    "Notify",
    "",
    "Group",
    "Min",
    "Max",
    "",
    "Grade",
    "Min Points",
  ];
  const n = Math.max(kv.length, tiers.length, groups.length, grades.length);
  const grid: Grid = [header];
  for (let i = 0; i < n; i++) {
    grid.push([
      ...(kv[i] ?? ["", ""]),
      "",
      ...(tiers[i] ?? ["", "", ""]),
      "",
      ...(groups[i] ?? ["", "", ""]),
      "",
      ...(grades[i] ?? ["", ""]),
    ]);
  }
  return grid;
}

/** Lists tab: Free email domains and an empty Competitors list. */
export function defaultListsGrid(): Grid {
  return [["Free email", "Competitors"], ...FREE_EMAIL_DOMAINS.map((d) => [d, ""])];
}
