// Dates in CSV output as people read them: ISO 8601 to the second (2026-11-01T09:30:00Z), and a date
// with no time of day (an .xlsx date-only cell, which exceljs reads as midnight UTC) as the date alone.
import type { CellValue, Grid } from "../../core/types";

/** 2026-11-01T09:30:00Z: to the second, in UTC. */
export function isoDateTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function readable(v: CellValue): CellValue {
  if (!(v instanceof Date) || Number.isNaN(v.getTime())) return v;
  const text = isoDateTime(v);
  return text.endsWith("T00:00:00Z") ? text.slice(0, 10) : text;
}

/**
 * The grid with its Date cells as text; `dateTimeColumn` (e.g. Scored At) keeps its time even at
 * midnight. Rows without a Date are shared, not copied.
 */
export function readableDates(grid: Grid, dateTimeColumn = -1): Grid {
  return grid.map((row) => {
    if (!row.some((v) => v instanceof Date)) return row;
    return row.map((v, c) => (c === dateTimeColumn && v instanceof Date ? isoDateTime(v) : readable(v)));
  });
}
