// rounding.ts in SQL: half away from zero with the engine's tolerance for float noise.
import { HALF_EPSILON } from "../rounding";
import type { Dialect } from "./dialect";

export function roundHalfSql(x: string, d: Dialect): string {
  const a = `ABS(${x})`;
  // "+ 0" turns −0 into 0, as the engine returns 0 for a rounded −0.3.
  return `(SIGN(${x}) * (FLOOR(${a}) + CASE WHEN ${a} - FLOOR(${a}) >= ${d.double(0.5 - HALF_EPSILON)} THEN 1 ELSE 0 END) + 0)`;
}

/** roundTo(x, 1). */
export function roundTenthSql(x: string, d: Dialect): string {
  return `(${roundHalfSql(`(${x}) * 10`, d)} / 10)`;
}
