// The Calibration panel's requests and answers (the report itself is the core's CalibrationReport).
import type { BacktestMode } from "../core/calibration";

export interface CalibrationRequest {
  /** Leads column holding the outcome (default: Settings "Outcome column", else "Converted"). */
  outcomeColumn?: string;
  /** Score each lead as of a point before its outcome was known. */
  backtest?: { mode: BacktestMode; days: number };
  /** Top-tier suggestion: the lowest threshold converting at least this many times the base rate (3). */
  topTierMultiple?: number;
}

export interface SuggestRequest {
  outcomeColumn?: string;
  /** Leads columns left out of the fit (filled in after contact: leakage). */
  exclude?: string[];
  maxRules?: number;
}

export interface SuggestSummary {
  /** Tab the proposal was written to ("Suggested Matrix"). */
  tab: string;
  rules: number;
  /** AUC of the current matrix and of the suggestion on the same leads (null when not computable). */
  aucCurrent: number | null;
  aucSuggested: number;
  /** Warnings: likely leakage, rules fitted on few leads, small data. */
  flags: string[];
}

export interface MatrixVersion {
  /** ISO time the matrix was replaced. */
  savedAt: string;
  rules: number;
}
