// Text a spreadsheet would run as a formula when it opens the file, made inert the way OWASP's CSV
// injection guidance says: a text cell starting with =, +, -, @, tab or carriage return gets a leading
// "'" (https://owasp.org/www-community/attacks/CSV_Injection; ASVS 5.0 requirement 1.2.10,
// https://asvs.emil.hemdal.se/1.2.10). Only text is guarded: numbers, booleans and dates are written as
// values, so a negative score stays a number. Idempotent: a guarded cell starts with "'", which is not a
// formula character, and readers keep the "'" as part of the text, so guarding it again changes nothing.
import type { CellValue } from "../../core/types";

function runsAsFormula(value: CellValue): value is string {
  if (typeof value !== "string" || value === "") return false;
  const c = value.charCodeAt(0);
  return c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13; // = + - @ \t \r
}

/**
 * The row with every formula-leading text cell guarded; a row without one is returned as it is. One pass,
 * copying from the first such cell: the CLI guards every row of a 100,000-lead table.
 */
export function guardFormulaRow(row: CellValue[]): CellValue[] {
  let out = row;
  for (let c = 0; c < row.length; c++) {
    const value = row[c];
    if (!runsAsFormula(value)) continue;
    if (out === row) out = row.slice();
    out[c] = `'${value}`;
  }
  return out;
}
