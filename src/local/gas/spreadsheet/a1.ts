// A1 notation: column letters, cell and range references ("B2", "A1:C3", "A:A", "2:5", "'My tab'!A1:B").
import { columnLetter } from "../../../core/a1";

export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A parsed range; open ends (e.g. "A2:C") are undefined and resolved against the sheet size. */
export interface A1Range {
  sheet?: string;
  row?: number;
  column?: number;
  lastRow?: number;
  lastColumn?: number;
}

const CELL = /^\$?([A-Za-z]{0,3})\$?(\d*)$/;

function part(ref: string): { column?: number; row?: number } | null {
  const m = CELL.exec(ref.trim());
  if (!m || (!m[1] && !m[2])) return null;
  return { column: m[1] ? columnNumber(m[1]) : undefined, row: m[2] ? Number(m[2]) : undefined };
}

/** Splits "'Tab name'!A1:B2" into the sheet name (quotes undone) and the range part. */
export function splitSheet(a1: string): { sheet?: string; ref: string } {
  const bang = a1.lastIndexOf("!");
  if (bang < 0) return { ref: a1 };
  let sheet = a1.slice(0, bang).trim();
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, ref: a1.slice(bang + 1) };
}

export function parseA1(a1: string): A1Range | null {
  const { sheet, ref } = splitSheet(a1);
  const [a, b, extra] = ref.split(":");
  if (extra !== undefined) return null;
  const start = part(a);
  if (!start) return null;
  const end = b === undefined ? start : part(b);
  if (!end) return null;
  // A lone "A" or "5" is not a range; "A:A" and "5:5" are.
  if (b === undefined && (start.row === undefined || start.column === undefined)) return null;
  if (start.row === 0 || end.row === 0) return null;
  const row = start.row !== undefined && end.row !== undefined ? Math.min(start.row, end.row) : start.row;
  const lastRow = start.row !== undefined && end.row !== undefined ? Math.max(start.row, end.row) : end.row;
  const column =
    start.column !== undefined && end.column !== undefined
      ? Math.min(start.column, end.column)
      : start.column;
  const lastColumn =
    start.column !== undefined && end.column !== undefined ? Math.max(start.column, end.column) : end.column;
  return { sheet, row, column, lastRow, lastColumn };
}

export function a1Of(row: number, column: number, numRows = 1, numColumns = 1): string {
  const start = columnLetter(column) + row;
  if (numRows === 1 && numColumns === 1) return start;
  return `${start}:${columnLetter(column + numColumns - 1)}${row + numRows - 1}`;
}
