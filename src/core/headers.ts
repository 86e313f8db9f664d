// Header matching: case-insensitive, trimmed, inner runs of whitespace collapsed. The one rule for every
// name a user types: headers, tab names, Settings names, event names.
import type { CellValue } from "./types";
import { cellText } from "./values";

/** Trim, lower-case and collapse inner whitespace so " Job  Title" finds "job title"; blank → "". */
export function normalizeHeader(s: CellValue | undefined): string {
  return (typeof s === "string" ? s : cellText(s)).trim().toLowerCase().replace(/\s+/g, " ");
}

/** Index of the column whose header matches `name`; -1 when missing. The first match wins. */
export function findColumn(headers: readonly CellValue[], name: string): number {
  const want = normalizeHeader(name);
  for (let i = 0; i < headers.length; i++) {
    const h = headers[i];
    if (h !== null && h !== undefined && normalizeHeader(h) === want) return i;
  }
  return -1;
}

/** Header text as the user spelt it (trimmed), for messages. */
export function headerText(headers: readonly CellValue[], col: number): string {
  const h = headers[col];
  return h === null || h === undefined ? "" : String(h).trim();
}
