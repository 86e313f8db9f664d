// Which way round an export writes its dates. 03/04/2026 is 4 March in the US and 3 April in Europe:
// only a day above 12 tells (14/03/2026 is European, 03/14/2026 American), so every value of every
// date-looking column is looked at; dotted dates (14.03.2026) are European by custom.
import type { DateFormat } from "../time";
import type { CellValue, Grid } from "../types";

/** What the date-looking columns of an export say about their format. */
export interface DateColumns {
  /** Headers of the columns whose filled cells are all dates (text), in column order. */
  columns: string[];
  /** undefined when no column holds dates, or none of them tells US from European. */
  format: DateFormat | undefined;
  /** Both a day-first and a month-first date were seen (the columns disagree, or a value is wrong). */
  conflicting: boolean;
  /** A value that shows the format, for the report (e.g. "14/03/2026"). */
  example: string;
}

const SLASHED = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T,]|$)/;
const ISO = /^\d{4}-\d{2}-\d{2}(?:[ T]|$)/;

type Kind = "us" | "eu" | "either" | "iso" | "dotted";

function kindOf(text: string): Kind | undefined {
  if (ISO.test(text)) return "iso";
  const m = SLASHED.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  if (a < 1 || b < 1 || (a > 12 && b > 12) || a > 31 || b > 31) return undefined;
  if (a > 12) return "eu";
  if (b > 12) return "us";
  return m[2] === "." ? "dotted" : "either";
}

/** Looks at every text cell under each header; a column counts when all its filled cells read as dates. */
export function detectDateFormat(grid: Grid): DateColumns {
  const headers = grid[0] ?? [];
  const seen: Partial<Record<Kind, string>> = {};
  const columns: string[] = [];
  for (let c = 0; c < headers.length; c++) {
    const kinds: Partial<Record<Kind, string>> = {};
    let dates = 0;
    let other = false;
    for (let r = 1; r < grid.length && !other; r++) {
      const v: CellValue = grid[r][c];
      if (v === "" || v === null || v === undefined) continue;
      const kind = typeof v === "string" ? kindOf(v.trim()) : undefined;
      if (!kind) other = true;
      else {
        dates++;
        kinds[kind] ??= String(v).trim();
      }
    }
    if (other || dates === 0) continue;
    columns.push(String(headers[c]).trim());
    for (const k of Object.keys(kinds) as Kind[]) seen[k] ??= kinds[k];
  }
  const conflicting = seen.us !== undefined && seen.eu !== undefined;
  const format: DateFormat | undefined = conflicting
    ? undefined
    : seen.us !== undefined
      ? "us"
      : seen.eu !== undefined || seen.dotted !== undefined
        ? "eu"
        : seen.iso !== undefined && seen.either === undefined
          ? "iso"
          : undefined;
  const example = (format && (seen[format] ?? seen.dotted)) ?? seen.either ?? seen.us ?? "";
  return { columns, format, conflicting, example };
}
