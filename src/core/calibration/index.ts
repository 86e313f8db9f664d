// Calibration and point fitting: pure TypeScript shared by the CLI, the add-on and the sidebar.
export { auc } from "./auc";
export type { BacktestInfo, BacktestMode, BacktestOption } from "./backtest";
export { cutoffs, DEFAULT_DAYS, defaultBacktest } from "./backtest";
export type { DecileRow, HistogramBin, RateRow, TierRow } from "./deciles";
export type { FitMatrixOptions, FitReport, FitResult, FitRuleInfo } from "./fit";
export { fitMatrix } from "./fit";
export type { LeakageFlag } from "./leakage";
export { parseOutcome, readOutcomes } from "./outcomes";
export type { CalibrateOptions, CalibrationReport } from "./report";
export { calibrate, currentMatrixRules } from "./report";
export type { GainPoint, RocPoint } from "./roc";
export { gainCurve, rocCurve } from "./roc";
export type { RuleStat } from "./rules-lift";
export type { BoundaryRow, SuggestedThresholds } from "./thresholds";
export { lowestQualifyingThreshold, suggestThresholds } from "./thresholds";
export { isBlankLike } from "./values";
export { wilson } from "./wilson";
