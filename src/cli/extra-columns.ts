// Cells typed to the right of the last Leads header: they belong to the user like any other cell, so the
// output columns go after them (withOutputsRow lays out after the last used column), and each such column is
// reported.

import { columnLetter } from "../core/a1";
import { type CellValue, type Grid, type Problem, TAB } from "../core/types";

export interface ExtraColumns {
  /** 0-based columns right of the last header that hold a cell, in order. */
  columns: number[];
  warnings: Problem[];
}

// Blank as usedWidth (core/output-columns) sees it: a cell holding only spaces is still the user's.
const empty = (v: CellValue | undefined) => v === "" || v === null || v === undefined;

export function extraColumns(leads: Grid): ExtraColumns {
  const header = leads[0] ?? [];
  let headed = header.length;
  while (headed > 0 && empty(header[headed - 1])) headed--;
  const firstRow = new Map<number, number>(); // column → first row (0-based) with a cell in it
  for (let r = 1; r < leads.length; r++) {
    const row = leads[r];
    for (let c = headed; c < row.length; c++) if (!firstRow.has(c) && !empty(row[c])) firstRow.set(c, r);
  }
  const columns = [...firstRow.keys()].sort((a, b) => a - b);
  const warnings = columns.map((c): Problem => {
    const r = firstRow.get(c)!;
    const letter = columnLetter(c + 1);
    return {
      tab: TAB.leads,
      row: r + 1,
      column: "",
      message: `Column ${letter} has no header, but row ${r + 1} has "${String(leads[r][c])}" in it. Its cells are kept; the output columns go to the right of them.`,
      fix: `Give column ${letter} a header in row 1, or move its cells under a headed column.`,
      severity: "warning",
    };
  });
  return { columns, warnings };
}
