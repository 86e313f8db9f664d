// Point-in-time backtest: each lead is scored as of a moment before its outcome was known, so activity
// logged after the conversion (the demo that *was* the sale) cannot flatter the score.
//   created-plus:      Created + N days
//   before-conversion: Converted At - N days; open or lost leads: the as-of time - N days
//   none:              everyone at the as-of time

import { activityTable } from "../cell-table";
import { findColumn, headerText } from "../headers";
import { parseSettings, workbookClock } from "../settings";
import { DAY_MS, parseTimestamp } from "../time";
import type { WorkbookInput } from "../types";
import type { BacktestMode } from "./backtest-mode";
import { CalibrationError } from "./errors";

export type { BacktestMode } from "./backtest-mode";

export interface BacktestOption {
  mode: BacktestMode;
  days: number;
}

export interface BacktestInfo {
  mode: BacktestMode;
  days: number;
  /** Column the cut-off was taken from ("" for none). */
  column: string;
  /** Leads scored at their own cut-off. */
  leads_cut: number;
  /** Leads the mode needed a date for but had none: scored at the as-of time. */
  leads_without_date: number;
  description: string;
}

export interface Cutoffs {
  info: BacktestInfo;
  /** As-of time for a sheet row (undefined → the run's as-of). */
  asOfForLead: (sheetRow: number) => Date | undefined;
}

/** The default when the user did not choose: a cut-off is only needed when activity can leak. */
/** Days after creation the default backtest scores each lead at. */
export const DEFAULT_DAYS = 14;

export function defaultBacktest(input: WorkbookInput, convertedAtColumn: string): BacktestOption {
  const hasActivity = (activityTable(input)?.length ?? 0) > 1;
  if (!hasActivity) return { mode: "none", days: 0 };
  // Same age for every lead: scoring converted leads just before they convert and the others at the end
  // of the data would reward recency itself (quiet old leads look "cold" only because they are old).
  if (findColumn(input.leads[0] ?? [], "Created") >= 0) return { mode: "created-plus", days: DEFAULT_DAYS };
  if (findColumn(input.leads[0] ?? [], convertedAtColumn) >= 0) return { mode: "before-conversion", days: 1 };
  return { mode: "none", days: 0 };
}

export function cutoffs(
  input: WorkbookInput,
  labels: readonly (boolean | null)[],
  option: BacktestOption,
  asOf: Date,
  timeZone: string,
  convertedAtColumn: string,
  createdColumn = "Created",
): Cutoffs {
  const { mode, days } = option;
  const none: Cutoffs = {
    info: {
      mode: "none",
      days: 0,
      column: "",
      leads_cut: 0,
      leads_without_date: 0,
      description: `Every lead scored as of ${asOf.toISOString()} (no point-in-time cut-off).`,
    },
    asOfForLead: () => undefined,
  };
  if (mode === "none") return none;
  const headers = input.leads[0] ?? [];
  const column = mode === "created-plus" ? createdColumn : convertedAtColumn;
  const idx = findColumn(headers, column);
  if (idx < 0) throw new CalibrationError({ kind: "no-backtest-column", mode, column });
  const convertedIdx = findColumn(headers, convertedAtColumn);
  const clock = workbookClock(timeZone, parseSettings(input.settings).settings);
  const dateOf = (r: number, c: number) => parseTimestamp(input.leads[r][c], clock);
  const cut = new Map<number, Date>();
  let without = 0;
  for (let r = 1; r < input.leads.length; r++) {
    const label = labels[r - 1];
    if (label === null || label === undefined) continue;
    let at: number | null = null;
    if (mode === "created-plus") {
      const d = dateOf(r, idx);
      if (!Number.isNaN(d)) at = d + days * DAY_MS;
      // A lead that converted sooner is scored as of its conversion: nothing after it may count.
      const converted = label && convertedIdx >= 0 ? dateOf(r, convertedIdx) : Number.NaN;
      if (at !== null && !Number.isNaN(converted)) at = Math.min(at, converted);
    } else if (label) {
      const d = dateOf(r, idx);
      if (!Number.isNaN(d)) at = d - days * DAY_MS;
    } else at = asOf.getTime() - days * DAY_MS;
    if (at === null) {
      without++;
      continue;
    }
    cut.set(r + 1, new Date(Math.min(at, asOf.getTime())));
  }
  const description =
    mode === "created-plus"
      ? `Each lead scored as of ${column} + ${days} day(s), or at its conversion if sooner.`
      : `Converted leads scored as of ${column} - ${days} day(s); the others as of the as-of time - ${days} day(s).`;
  return {
    info: {
      mode,
      days,
      column: headerText(headers, idx),
      leads_cut: cut.size,
      leads_without_date: without,
      description,
    },
    asOfForLead: (row) => cut.get(row),
  };
}
