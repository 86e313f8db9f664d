// The Calibration panel's requests and answers (the report itself is the core's CalibrationReport).
import type { BacktestMode } from "../core/calibration";

export interface CalibrationRequest {
  /** Leads column holding the outcome (default: Settings "Outcome column", else "Converted"). */
  outcomeColumn?: string;
  /** Score each lead as of a point before its outcome was known. */
  backtest?: { mode: BacktestMode; days: number };
  /** Top-tier suggestion: the lowest threshold converting at least this many times the base rate (3). */
  topTierMultiple?: number;
  /** A named model (LeadColumns.models) to calibrate; blank or absent: the default model. */
  model?: string;
}

export interface SuggestRequest {
  outcomeColumn?: string;
  /** Leads columns left out of the fit (filled in after contact: leakage). */
  exclude?: string[];
  maxRules?: number;
  /** A named model (Scoring Matrix `Model` column) to fit instead of the default model. */
  model?: string;
}

export interface SuggestSummary {
  /** Tab the proposal was written to ("Suggested Matrix"). */
  tab: string;
  rules: number;
  /** AUC of the current matrix and of the suggestion on the same leads (null when not computable). */
  aucCurrent: number | null;
  aucSuggested: number;
  /** What both AUCs were measured on, e.g. "500 held-out leads". */
  measuredOn: string;
  /** Warnings: likely leakage, rules fitted on few leads, small data. */
  flags: string[];
}

export interface MatrixVersion {
  /** ISO time the matrix was replaced. */
  savedAt: string;
  rules: number;
}

/** The Leads columns for the Calibration panel's pickers. */
export interface LeadColumns {
  /** Every Leads header, in sheet order. */
  columns: string[];
  /** Plausible outcome columns: yes/no-like values, never the add-on's output columns, the key or names. */
  outcomes: string[];
  /** Features a user can leave out of a fit: every column but the key and the add-on's outputs. */
  features: string[];
  /** Features known only once the outcome is (Converted At, Closed Won Date…): left out by default. */
  leaveOut: string[];
  /** The Scoring Matrix's named models (its Model column), for the model picker; [] without models. */
  models: string[];
}

/** What applying the Suggested Matrix would change, shown before it is applied. */
export interface ApplyPreview {
  rules: number;
  /** Leads per tier (the Settings tiers, then "" for no tier), scored now with each matrix. */
  tiers: { tier: string; before: number; after: number }[];
  /** AUC of the current matrix and of the suggestion, both on the leads `measuredOn` names. */
  aucCurrent: number | null;
  aucSuggested: number | null;
  /** What the AUCs were measured on, e.g. "500 held-out leads (when the points were suggested)". */
  measuredOn: string;
  /** True when the suggestion ranks leads better than the current matrix (or there is none). */
  better: boolean;
  /** One plain sentence: better, or not better and what to do. */
  verdict: string;
  /** Points every lead starts with (the suggestion's Baseline rule), or null when it has none. */
  baselinePoints: number | null;
}
