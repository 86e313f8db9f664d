// Header matching: case-insensitive, trimmed, inner runs of whitespace collapsed. The one rule for every
// name a user types: headers, tab names, Settings names, event names.
import type { CellValue } from "./types";
import { cellText, isBlank } from "./values";

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

/** The header row with every wanted header it lacks appended at the right (trailing blank cells dropped first). */
export function withHeaders<T extends CellValue>(
  headerRow: readonly T[],
  wanted: readonly string[],
): (T | string)[] {
  const out: (T | string)[] = headerRow.slice();
  while (out.length > 0 && isBlank(out[out.length - 1])) out.pop();
  for (const h of wanted) if (findColumn(out, h) < 0) out.push(h);
  return out;
}

/** Header text as the user spelt it (trimmed), for messages. */
export function headerText(headers: readonly CellValue[], col: number): string {
  const h = headers[col];
  return h === null || h === undefined ? "" : String(h).trim();
}
