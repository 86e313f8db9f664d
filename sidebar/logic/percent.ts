// Rates as the Calibration panel prints them.

export function pct(x: number | null | undefined, digits = 1): string {
  return x == null || !Number.isFinite(x) ? "–" : `${(x * 100).toFixed(digits)}%`;
}

/** "12.3% (9.8–15.1%)" when a confidence interval is known. */
export function pctCi(x: number | null, lo: number | null, hi: number | null): string {
  if (x == null) return "–";
  return lo == null || hi == null ? pct(x) : `${pct(x)} (${pct(lo)}–${pct(hi)})`;
}

export function ratio(x: number | null | undefined): string {
  return x == null || !Number.isFinite(x) ? "–" : `${x.toFixed(2)}×`;
}
