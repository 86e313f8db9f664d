// Where the add-on's output columns live on the Leads tab: found by header (the user may move them),
// missing ones appended after the last used column (past any cell the user typed right of the headers).
// Everything else on the tab belongs to the user and is never written.
import { normalizeHeader } from "./headers";
import type { CellValue, Grid } from "./types";

export interface OutputLayout {
  /** 0-based column of each output header, in the order of the headers asked for. */
  columns: number[];
  /** Headers that were missing and get appended, in order. */
  appended: string[];
  /** Width of the tab once the appended headers are added. */
  width: number;
}

/** `used` is how many columns hold data in any row (getLastColumn): appended headers go after them. */
export function outputLayout(
  headerRow: readonly CellValue[],
  outputHeaders: readonly string[],
  used = 0,
): OutputLayout {
  const existing = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const key = normalizeHeader(String(h ?? ""));
    if (key && !existing.has(key)) existing.set(key, i);
  });
  let width = Math.max(lastNonBlank(headerRow) + 1, used);
  const appended: string[] = [];
  const columns = outputHeaders.map((header) => {
    const found = existing.get(normalizeHeader(header));
    if (found !== undefined) return found;
    appended.push(header);
    return width++;
  });
  return { columns, appended, width };
}

/** Runs of adjacent columns, so a writer makes one write per run instead of one per column. */
export function contiguousRuns(columns: readonly number[]): { start: number; indexes: number[] }[] {
  const order = columns.map((c, i) => ({ c, i })).sort((a, b) => a.c - b.c);
  const runs: { start: number; indexes: number[] }[] = [];
  for (const { c, i } of order) {
    const last = runs[runs.length - 1];
    if (last && last.start + last.indexes.length === c) last.indexes.push(i);
    else runs.push({ start: c, indexes: [i] });
  }
  return runs;
}

/**
 * Row `r` of the Leads grid with the output values written into their columns (`outputs` by sheet row;
 * undefined for a row not scored), as a fresh array: a writer builds the scored table a row at a time
 * instead of holding a copy of it, or even the output cells of every row.
 */
export function withOutputsRow(
  leads: Grid,
  outputHeaders: readonly string[],
  outputs: (sheetRow: number) => readonly CellValue[] | undefined,
): (r: number) => CellValue[] {
  const { columns, width } = outputLayout(leads[0] ?? [], outputHeaders, usedWidth(leads));
  return (r) => {
    const copy = leads[r].slice();
    while (copy.length < width) copy.push("");
    if (r === 0) {
      // Keep the user's spelling of headers that exist; only name the appended ones.
      for (let i = 0; i < columns.length; i++)
        if (copy[columns[i]] === "" || copy[columns[i]] === null) copy[columns[i]] = outputHeaders[i];
      return copy;
    }
    const values = outputs(r + 1);
    if (values) for (let i = 0; i < columns.length; i++) copy[columns[i]] = values[i];
    return copy;
  };
}

/** Columns up to the last non-blank cell of any row (a grid read with getDataRange may be ragged or padded). */
export function usedWidth(grid: Grid): number {
  let width = 0;
  for (const row of grid) width = Math.max(width, lastNonBlank(row) + 1);
  return width;
}

function lastNonBlank(row: readonly CellValue[]): number {
  for (let i = row.length - 1; i >= 0; i--) if (row[i] !== "" && row[i] !== null) return i;
  return -1;
}
