// CSV ⇄ grid, typed the way a Sheets import types cells, but conservatively: only values that survive a
// round trip unchanged become numbers or booleans, so IDs, zip codes and phone numbers stay text.
import { readFile, writeFile } from "node:fs/promises";
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
    if (NUMBER.test(text) && (text.length <= 15 || text.replace(/^-|\.|[eE].*$/g, "").length <= 15))
      return Number(text);
    return text;
  }
  if (text.length === 4 || text.length === 5) {
    const u = text.toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
  }
  return text;
}

/**
 * Parses RFC 4180 CSV (quotes, "" escapes, embedded newlines, \n or \r\n line ends, a BOM) in one pass,
 * handing each field's text to `cell`. A final line end does not make an extra row. Hand-written because
 * it is several times faster than a general parser plus a typing pass on million-row files.
 */
export function parseCsvRows<T>(text: string, cell: (field: string) => T): T[][] {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const rows: T[][] = [];
  if (i >= n) return rows;
  let row: T[] = [];
  for (;;) {
    let field: string;
    if (text.charCodeAt(i) === 34) {
      // Quoted field: copy runs between quotes, "" is a quote; text after the closing quote is ignored.
      let start = i + 1;
      field = "";
      for (;;) {
        const q = text.indexOf('"', start);
        if (q < 0) {
          field += text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          field += text.slice(start, q + 1);
          start = q + 2;
          continue;
        }
        field += text.slice(start, q);
        i = q + 1;
        break;
      }
      while (i < n) {
        const c = text.charCodeAt(i);
        if (c === 44 || c === 10 || c === 13) break;
        i++;
      }
    } else {
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field = text.slice(i, j);
      i = j;
    }
    row.push(cell(field));
    if (i < n && text.charCodeAt(i) === 44) {
      i++;
      continue; // another field follows (possibly an empty one at the end of the line or text)
    }
    rows.push(row);
    row = [];
    if (i < n && text.charCodeAt(i) === 13) i++;
    if (i < n && text.charCodeAt(i) === 10) i++;
    if (i >= n) break;
  }
  return rows;
}

/** Parses CSV text into a rectangular grid of typed cells (rows padded with ""; a final newline ignored). */
export function parseCsv(text: string): Grid {
  const rows = parseCsvRows<CellValue>(text, typeCsvCell);
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push("");
  return rows;
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
