// Dates in CSV output as people read them: ISO 8601 to the second (2026-11-01T09:30:00Z), and a date
// with no time of day (an .xlsx date-only cell, which exceljs reads as midnight UTC) as the date alone.
import type { CellValue, Grid } from "../../core/types";

/** 2026-11-01T09:30:00Z: to the second, in UTC. */
export function isoDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Per row, the row with its Date cells as text; `dateTimeColumn` (e.g. Scored At) keeps its time even at
 * midnight. A row without a Date is returned as it is. The last time written is remembered: every lead
 * has the same Scored At.
 */
export function readableDateRow(dateTimeColumn = -1): (row: CellValue[]) => CellValue[] {
  let lastMs = Number.NaN;
  let lastText = "";
  const iso = (d: Date): string => {
    const ms = d.getTime();
    if (ms !== lastMs) {
      lastMs = ms;
      lastText = isoDateTime(d);
    }
    return lastText;
  };
  // One pass, copying from the first Date: the CLI writes every row of a 100,000-lead table through it.
  return (row) => {
    let out = row;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (!(v instanceof Date)) continue;
      if (out === row) out = row.slice();
      if (c === dateTimeColumn) out[c] = iso(v);
      else if (!Number.isNaN(v.getTime())) {
        const text = iso(v);
        out[c] = text.endsWith("T00:00:00Z") ? text.slice(0, 10) : text;
      }
    }
    return out;
  };
}

/** The grid with its Date cells as text (see readableDateRow). Rows without a Date are shared, not copied. */
export function readableDates(grid: Grid, dateTimeColumn = -1): Grid {
  return grid.map(readableDateRow(dateTimeColumn));
}
