// How text reaches a cell. Sheets parses every string setValues/appendRow writes as if the user typed it
// (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption, USER_ENTERED): "=…" becomes a live
// formula, "+…"/"-…" a formula or a number, "00123" the number 123, "TRUE" a boolean, "2024-05-01" a date,
// and how text is read as a number or date follows the spreadsheet's locale. A leading apostrophe stores the
// rest as text (not part of the value, so getValues returns it without the apostrophe).
import type { CellValue } from "../core/types";

/**
 * Any string kept exactly as the text it is: every non-empty string gets the apostrophe, because which
 * strings Sheets would re-parse depends on the locale. Numbers, booleans and dates pass through, so a
 * value read with getValues and written with this comes back as the same value of the same type.
 */
export function literal(v: CellValue): CellValue {
  return typeof v === "string" && v !== "" ? `'${v}` : v;
}
