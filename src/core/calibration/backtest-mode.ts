// When a backtest scores each lead: a fixed time after Created, just before it converted, or not at all.
export type BacktestMode = "created-plus" | "before-conversion" | "none";
