// What fitMatrix takes: the outcome, the columns to leave out or allow, the matrix size (and whether it
// may hold interactions), the split, the
// backtest and the as-of time.
import type { BacktestOption } from "./backtest";

export interface FitMatrixOptions {
  outcomeColumn?: string;
  /**
   * A named model (Scoring Matrix `Model` column) to fit instead of the default model: the fitted rules
   * take its Model, and every other model's rows are kept as they are.
   */
  model?: string;
  convertedAtColumn?: string;
  /** Columns never used as features (on top of the key, outcome and conversion date). */
  exclude?: string[];
  /** Columns flagged as likely leakage that may be used anyway. */
  allowLeakage?: string[];
  /** Most rules in the matrix, baseline included (default 40). */
  maxRules?: number;
  /** Look for AND pairs of values that pay on held-out leads, written with Only If (default true). */
  interactions?: boolean;
  seed?: number;
  /** Share of labelled leads held out for the report (default 0.25; 0 = none). */
  holdout?: number;
  /** Refit on every labelled lead once the held-out figures are taken (default true). */
  refitOnAll?: boolean;
  /** Minimum training leads for a value or bin of its own (default 30). */
  minSupport?: number;
  backtest?: BacktestOption;
  /** Leave out columns whose values show no link with the outcome at this p-value (default 0.05; 1 = keep all). */
  screenAlpha?: number;
  timeZone: string;
  asOf: Date;
  /** Called as each long step starts (a progress line on a large workbook). */
  onStep?: (step: string) => void;
}
