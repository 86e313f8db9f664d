// What `calibrate` and `fit` share: the options (which column holds the outcome, when to score, the
// backtest, which model), the command line's one workbook, and the CLI's wording of why calibration cannot run.
import { type ParseArgsConfig, parseArgs } from "node:util";
import { type BacktestMode, type CalibrationFailure, DEFAULT_DAYS } from "../core/calibration";
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
  model: { type: "string" },
} as const;

export interface OutcomeValues {
  outcome?: string;
  "converted-at"?: string;
  "as-of"?: string;
  tz?: string;
  backtest?: string;
  days?: string;
  model?: string;
}

/** The parsed shared options, in the shape calibrate() and fitMatrix() take. */
export function outcomeOptions(values: OutcomeValues) {
  return {
    outcomeColumn: values.outcome,
    convertedAtColumn: values["converted-at"],
    asOf: parseAsOf(values["as-of"]),
    timeZone: parseTimeZone(values.tz),
    backtest: parseBacktest(values.backtest, values.days),
    model: values.model,
  };
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parses a calibrate or fit command line: the shared options plus the command's own, and one workbook. */
export function parseOutcomeArgs<T extends Options>(argv: string[], own: T) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...OUTCOME_OPTIONS, ...own },
  });
  return { values, path: oneWorkbook(positionals) };
}

/** How to fix a calibration failure from the command line. */
export function cliFix(f: CalibrationFailure): string {
  switch (f.kind) {
    case "no-outcome-column":
      return "Name the outcome column with --outcome, or set Outcome column in Settings.";
    case "no-lead-key-column":
      return "Correct Lead key in Settings, or add that column to Leads.";
    case "one-outcome-only":
      return "Name an outcome column with both outcomes (--outcome), or fill in the outcome of more leads.";
    case "no-backtest-column":
      return f.mode === "before-conversion"
        ? "Name the conversion date column with --converted-at, or choose another --backtest mode."
        : "Add the column to Leads, or choose another --backtest mode.";
    case "unknown-model":
      return f.models.length
        ? "Name one of those with --model, or leave --model out for the default model."
        : "Leave --model out for the default model.";
  }
}

/** Runs calibrate() or fitMatrix(); a failure is printed with its fix (undefined: exit 1). */
/** A titled list of a report printout ("Warnings:", "Flags:"), after a blank line; nothing when empty. */
export function listSection(title: string, items: readonly string[]): string[] {
  return items.length ? ["", `${title}:`, ...items.map((x) => `  ${x}`)] : [];
}

/** The workbook argument: exactly one. */
function oneWorkbook(positionals: string[]): string {
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
