// Header lookup with the workbook's rule: case-insensitive, trimmed, inner runs of spaces collapsed.
import type { CellValue } from "../types";

export function headerKey(h: CellValue | undefined): string {
  return String(h ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** Index of the column named `name` in a header row, or -1. */
export function columnIndex(headers: readonly CellValue[], name: string): number {
  const want = headerKey(name);
  return headers.findIndex((h) => headerKey(h) === want);
}

/** Value of a `Setting | Value` row in the Settings grid (the engine ignores settings it does not know). */
export function settingValue(settings: CellValue[][] | undefined, name: string): CellValue | undefined {
  if (!settings || settings.length === 0) return undefined;
  const header = settings[0];
  for (let c = 0; c + 1 < header.length; c++) {
    if (headerKey(header[c]) !== "setting" || headerKey(header[c + 1]) !== "value") continue;
    for (let r = 1; r < settings.length; r++) {
      if (headerKey(settings[r]?.[c]) === headerKey(name)) return settings[r][c + 1];
    }
  }
  return undefined;
}
