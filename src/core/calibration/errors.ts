// Why calibration or fitting cannot run, as data: the core says what is wrong; each front end (CLI,
// sidebar) words its own fix, since only it knows where the user chooses columns.
import type { BacktestMode } from "./backtest-mode";

export type CalibrationFailure =
  /** The outcome column (option, Settings "Outcome column" or the default) is not on Leads. */
  | { kind: "no-outcome-column"; column: string }
  /** The lead key named in Settings is not on Leads. */
  | { kind: "no-lead-key-column"; column: string }
  /** Every labelled lead has the same outcome, so there is nothing to fit. */
  | { kind: "one-outcome-only"; converted: number; labelled: number }
  /** The backtest mode takes its cut-off from a column Leads does not have. */
  | { kind: "no-backtest-column"; mode: BacktestMode; column: string }
  /** The model asked for is not one the Scoring Matrix names (`models`: those it does, as spelt). */
  | { kind: "unknown-model"; model: string; models: string[] };

export type CalibrationFailureKind = CalibrationFailure["kind"];

function describe(f: CalibrationFailure): string {
  switch (f.kind) {
    case "no-outcome-column":
      return `Leads has no "${f.column}" column for the outcome.`;
    case "no-lead-key-column":
      return `Leads has no "${f.column}" column, the lead key named in Settings.`;
    case "one-outcome-only":
      return `Fitting needs both converted and non-converted leads (${f.converted} of ${f.labelled} labelled leads converted).`;
    case "no-backtest-column":
      return `Backtest mode ${f.mode} needs a "${f.column}" column on Leads.`;
    case "unknown-model":
      return f.models.length
        ? `The Scoring Matrix has no model "${f.model}"; its models are ${f.models.map((m) => `"${m}"`).join(", ")}.`
        : `The Scoring Matrix has no model "${f.model}": it has no named models (no Model column, or every Model cell blank).`;
  }
}

/** Thrown by calibrate() and fitMatrix(); `failure` says why, `message` states it without a fix. */
export class CalibrationError extends Error {
  constructor(readonly failure: CalibrationFailure) {
    super(describe(failure));
    this.name = "CalibrationError";
  }
}
