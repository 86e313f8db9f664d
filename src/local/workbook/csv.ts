// CSV ⇄ grid, typed the way a Sheets import types cells, but conservatively: only values that survive a
// round trip unchanged become numbers or booleans, so IDs, zip codes and phone numbers stay text.
import { readFile, writeFile } from "node:fs/promises";
import Papa from "papaparse";
import type { CellValue, Grid } from "../../core/types";

// Plain decimal numbers as String(n) writes them: no leading zeros ("00123" stays text), no grouping
// ("1,200" stays text: it is locale-dependent), no sign but "-" ("+1 555…" stays text).
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/** Types one CSV field: "" → "", TRUE/FALSE (any case) → boolean, a plain number → number, else the text. */
export function typeCsvCell(text: string): CellValue {
  if (text === "") return "";
  const c = text.charCodeAt(0);
  // Fast path: most fields are words, which cannot be numbers or booleans.
  if ((c >= 48 && c <= 57) || c === 45) {
    // More than 15 significant digits would lose precision as a double: keep such IDs as text.
    if (NUMBER.test(text) && text.replace(/^-|\.|[eE].*$/g, "").length <= 15) return Number(text);
    return text;
  }
  if (text.length === 4 || text.length === 5) {
    const u = text.toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
  }
  return text;
}

/** Parses CSV text into a rectangular grid of typed cells (rows padded with ""; a final newline ignored). */
export function parseCsv(text: string): Grid {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const parsed = Papa.parse<string[]>(text, { dynamicTyping: false, skipEmptyLines: false, header: false });
  const rows = parsed.data;
  // Papa reports a trailing newline as one more row holding a single empty field.
  if (rows.length > 0) {
    const last = rows[rows.length - 1];
    if (last.length === 1 && last[0] === "") rows.pop();
  }
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  const grid: Grid = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const src = rows[r];
    const out: CellValue[] = new Array(width);
    for (let c = 0; c < width; c++) out[c] = c < src.length ? typeCsvCell(src[c]) : "";
    grid[r] = out;
  }
  return grid;
}

/** Text of one cell in a CSV file: Date → ISO 8601, booleans TRUE/FALSE, null/blank → "". */
export function csvCellText(value: CellValue | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  return String(value);
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Serialises a grid as RFC 4180 CSV (quotes only where needed, "\n" line ends, final newline). */
export function toCsv(grid: Grid): string {
  const lines: string[] = new Array(grid.length);
  for (let r = 0; r < grid.length; r++) {
    const row = grid[r];
    const fields: string[] = new Array(row.length);
    for (let c = 0; c < row.length; c++) {
      const text = csvCellText(row[c]);
      fields[c] = NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    }
    lines[r] = fields.join(",");
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}

export async function readCsvTable(file: string): Promise<Grid> {
  return parseCsv(await readFile(file, "utf8"));
}

export async function writeCsvTable(file: string, grid: Grid): Promise<void> {
  await writeFile(file, toCsv(grid), "utf8");
}
