// Rounding used for scores and displayed group totals.

/** Tolerance for float noise: 2.4999999999999996 (from 0.1-style sums) counts as 2.5. */
export const HALF_EPSILON = 1e-9;

/** Round half away from zero: 2.5 → 3, −2.5 → −3, 2.4 → 2. */
export function roundHalfAwayFromZero(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  const whole = Math.floor(a);
  const r = a - whole >= 0.5 - HALF_EPSILON ? whole + 1 : whole;
  return x < 0 ? (r === 0 ? 0 : -r) : r;
}

/** Round to `digits` decimals, half away from zero. */
export function roundTo(x: number, digits: number): number {
  const f = 10 ** digits;
  return roundHalfAwayFromZero(x * f) / f;
}
