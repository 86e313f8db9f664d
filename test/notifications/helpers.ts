// A small workbook whose scores are easy to follow, loaded with the BUILT dist/Code.js in the local runtime.
//   score = 50 (a VP) + 40 × decay (a demo request, half-life 10 days) [+ 30 for a webinar, no decay]
// Tiers: Cold 0, Warm 31, Hot 61, Sales-ready 86 (notifies). A VP's demo request today: 90, Sales-ready;
// two days later 50 + 40 × 0.87 = 85: Hot.
import { readFileSync } from "node:fs";
import { ACTIVITY_HEADERS, defaultListsGrid, MATRIX_COLUMNS } from "../../src/core";
import type { CellValue, Grid } from "../../src/core/types";
import {
  createRuntime,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type ScriptHandle,
} from "../../src/local/gas";

export const CODE = readFileSync(new URL("../../dist/Code.js", import.meta.url), "utf8");
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** A Monday, 07:30 UTC: a daily 08:00 schedule first fires half an hour later. */
export const T0 = new Date("2024-06-03T07:30:00Z");
export const XSS = "<img src=x onerror=alert(1)>";

export const LEAD_HEADERS = ["Email", "First Name", "Last Name", "Job Title", "Company", "Owner"];

export interface LeadSpec {
  email: string;
  first?: string;
  last?: string;
  title?: string;
  company?: string;
  owner?: string;
}

export function leadRow(l: LeadSpec): CellValue[] {
  return [
    l.email,
    l.first ?? "Pat",
    l.last ?? "Doe",
    l.title ?? "Analyst",
    l.company ?? "Acme",
    l.owner ?? "",
  ];
}

export function matrix(): Grid {
  const blank = (n: number) => new Array<CellValue>(n).fill("");
  const row = (cells: Record<string, CellValue>) => MATRIX_COLUMNS.map((h) => cells[h] ?? "");
  return [
    [...MATRIX_COLUMNS],
    row({
      Active: true,
      Group: "Fit",
      Rule: "VP",
      Source: "Lead",
      Field: "Job Title",
      Operator: "matches",
      Value: "\\bvp\\b",
      Points: 50,
    }),
    row({
      Active: true,
      Group: "Engagement",
      Rule: "Demo request",
      Source: "Activity",
      Event: "Demo Request",
      Points: 40,
      "Max Count": 1,
      "Half-life Days": 10,
    }),
    row({
      Active: true,
      Group: "Engagement",
      Rule: "Webinar",
      Source: "Activity",
      Event: "Webinar Attended",
      Points: 30,
      "Max Count": 1,
      "Half-life Days": 0,
    }),
    blank(MATRIX_COLUMNS.length),
  ].slice(0, 4);
}

export interface NotifyOptions {
  emails?: string;
  mode?: "digest" | "each";
  margin?: number;
}

export function settings(o: NotifyOptions = {}): Grid {
  const kv: [string, CellValue][] = [
    ["Lead key", "Email"],
    ["Score floor", 0],
    ["Score ceiling", 100],
    ["Half-life days", 10],
    ["Notify emails", o.emails ?? ""],
    ["Owner column", "Owner"],
    ["Notify mode", o.mode ?? "digest"],
    ["Re-arm margin", o.margin ?? 5],
  ];
  const tiers: [string, number, boolean][] = [
    ["Cold", 0, false],
    ["Warm", 31, false],
    ["Hot", 61, false],
    ["Sales-ready", 86, true],
  ];
  const grid: Grid = [["Setting", "Value", "", "Tier", "Min Score", "Notify"]];
  for (let i = 0; i < kv.length; i++) grid.push([...kv[i], "", ...(tiers[i] ?? ["", "", ""])]);
  return grid;
}

export interface Scenario {
  runtime: LocalRuntime;
  script: ScriptHandle;
  /** Appends an activity as of the runtime's clock (not counted as a script call). */
  activity(email: string, event: string, detail?: string, at?: Date): void;
  /** One tab's values (uncounted). */
  values(tab: string): CellValue[][];
}

export function scenario(
  leads: LeadSpec[],
  activities: [email: string, event: string, at: Date][] = [],
  notify: NotifyOptions = {},
  options: LocalRuntimeOptions = {},
): Scenario {
  const runtime = createRuntime({ now: T0, user: "owner@example.com", ...options });
  runtime.loadTabs([
    { name: "Leads", values: [LEAD_HEADERS, ...leads.map(leadRow)] },
    {
      name: "Activity Log",
      values: [[...ACTIVITY_HEADERS], ...activities.map(([e, ev, at]) => [at, e, ev, ""])],
    },
    { name: "Scoring Matrix", values: matrix() },
    { name: "Settings", values: settings(notify) },
    { name: "Lists", values: defaultListsGrid() },
  ]);
  const script = runtime.load(CODE);
  return {
    runtime,
    script,
    activity(email, event, detail = "", at = runtime.clock.date()) {
      runtime.peek(() =>
        runtime.spreadsheet.getSheetByName("Activity Log")!.appendRow([at, email, event, detail]),
      );
    },
    values: (tab) => runtime.values(tab),
  };
}

/** Score History rows (no header) as plain objects. */
export function history(
  s: Scenario,
): { key: string; from: string; to: string; oldScore: CellValue; newScore: CellValue }[] {
  const names = s.runtime.sheetNames();
  if (!names.includes("Score History")) return [];
  return s
    .values("Score History")
    .slice(1)
    .map((r) => ({
      key: String(r[1]),
      from: String(r[2]),
      to: String(r[3]),
      oldScore: r[4],
      newScore: r[5],
    }));
}

export function scoreOf(s: Scenario, email: string): CellValue | undefined {
  const leads = s.values("Leads");
  const col = leads[0].indexOf("Score");
  return leads.find((r) => r[0] === email)?.[col];
}
