// Malformed quotes in a CSV file as problems on its tab: the file, the row where the quote opened, the
// column, and what was done (the field was read as plain text, so the rows after it are all there).
import { headerText } from "../../core/headers";
import type { CellValue, Problem } from "../../core/types";
import type { MalformedQuote } from "./csv-parser";

/** `headers`: the file's first row. */
export function quoteProblems(
  tab: string,
  file: string,
  headers: readonly CellValue[],
  quotes: MalformedQuote[],
): Problem[] {
  return quotes.map(({ row, column, unclosed }) => {
    const header = row > 1 ? headerText(headers, column - 1) : "";
    return {
      tab,
      row,
      column: header,
      message:
        `${file}: the quote that opens ${header ? "this cell" : `field ${column} of this row`} ` +
        (unclosed ? "is not closed on its line" : "is followed by more text after its closing quote") +
        ", so the cell was read as plain text up to the next delimiter or line end, quotes included.",
      fix: `Close the quote in row ${row} of ${file} (a quote inside a quoted cell is written twice: ""), or remove it.`,
      severity: "warning",
    };
  });
}
