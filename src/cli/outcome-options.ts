// Options `calibrate` and `fit` share: which column holds the outcome, when to score, and the backtest.
import { type BacktestMode, DEFAULT_DAYS } from "../core/calibration";
import { UsageError } from "./command";
import { parseAsOf, parseTimeZone } from "./time-options";

export const OUTCOME_OPTIONS = {
  outcome: { type: "string" },
  "converted-at": { type: "string" },
  json: { type: "boolean" },
  "as-of": { type: "string" },
  tz: { type: "string" },
  backtest: { type: "string" },
  days: { type: "string" },
} as const;

export interface OutcomeValues {
  outcome?: string;
  "converted-at"?: string;
  "as-of"?: string;
  tz?: string;
  backtest?: string;
  days?: string;
}

/** The parsed shared options, in the shape calibrate() and fitMatrix() take. */
export function outcomeOptions(values: OutcomeValues) {
  return {
    outcomeColumn: values.outcome,
    convertedAtColumn: values["converted-at"],
    asOf: parseAsOf(values["as-of"]),
    timeZone: parseTimeZone(values.tz),
    backtest: parseBacktest(values.backtest, values.days),
  };
}

/** The workbook argument: exactly one. */
export function oneWorkbook(positionals: string[]): string {
  if (positionals.length !== 1)
    throw new UsageError("give exactly one workbook (a CSV folder or an .xlsx file)");
  return positionals[0];
}

export function parseBacktest(
  mode: string | undefined,
  days: string | undefined,
): { mode: BacktestMode; days: number } | undefined {
  if (mode === undefined) {
    if (days !== undefined) throw new UsageError("--days needs --backtest");
    return undefined;
  }
  if (mode !== "created-plus" && mode !== "before-conversion" && mode !== "none") {
    throw new UsageError(`--backtest must be created-plus, before-conversion or none, not "${mode}"`);
  }
  const n =
    days === undefined ? (mode === "created-plus" ? DEFAULT_DAYS : mode === "none" ? 0 : 1) : Number(days);
  if (!Number.isFinite(n) || n < 0)
    throw new UsageError(`--days must be a number of days ≥ 0, not "${days}"`);
  return { mode, days: n };
}
