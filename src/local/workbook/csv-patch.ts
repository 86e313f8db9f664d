// Saving a CSV tab without reformatting the user's file: the new bytes are the old file's bytes wherever a
// cell's value did not change (its field's exact text: quotes, spacing, number spelling), the old line
// ends and BOM included; only changed or new cells are written, as csvCellText spells them, with the
// file's own delimiter and in its own encoding (so a ";" Windows-1252 file stays one).
import type { CellValue, Grid } from "../../core/types";
import { csvCellText } from "./csv";
import { encodeWindows1252 } from "./csv-cells";
import type { CsvFormat } from "./sniff";

interface CsvRecord {
  /** [start, end) of each field's raw bytes (quotes included). */
  fields: [number, number][];
  /** [start, end) of the line end ("\r\n", "\n", "\r", or empty at the end of the file). */
  eol: [number, number];
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

/**
 * The records of a CSV file as byte ranges, split exactly as csv.ts's reader splits rows (quote-aware,
 * "\r\n", "\n" or "\r" line ends, a final line end ending the last row), so record i is grid row i.
 */
export function csvRecords(buf: Buffer, delimiter = 44): { bom: number; records: CsvRecord[] } {
  const bom = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const records: CsvRecord[] = [];
  let fields: [number, number][] = [];
  let i = bom;
  const end = buf.length;
  while (i < end) {
    const start = i;
    if (buf[i] === QUOTE) {
      i++;
      while (i < end) {
        if (buf[i] === QUOTE) {
          if (buf[i + 1] === QUOTE) i += 2;
          else {
            i++;
            break;
          }
        } else i++;
      }
    }
    while (i < end && buf[i] !== delimiter && buf[i] !== CR && buf[i] !== LF) i++;
    fields.push([start, i]);
    if (i < end && buf[i] === delimiter) {
      i++;
      if (i >= end) fields.push([i, i]);
      continue;
    }
    const eolStart = i;
    if (i < end && buf[i] === CR) i++;
    if (i < end && buf[i] === LF) i++;
    records.push({ fields, eol: [eolStart, i] });
    fields = [];
  }
  if (fields.length) records.push({ fields, eol: [end, end] });
  return { bom, records };
}

const isDate = (v: unknown): v is Date => Object.prototype.toString.call(v) === "[object Date]";

function instant(v: CellValue | undefined): number | undefined {
  if (isDate(v)) return v.getTime();
  if (typeof v === "string" && /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/.test(v))
    return Date.parse(v);
  return undefined;
}

/**
 * Whether a cell holds the value it was read with. A date-time the add-on wrote back as a Date equals the
 * ISO text it was read from (the runtime stores CSV text as text, the add-on writes Dates).
 */
export function sameCell(before: CellValue | undefined, now: CellValue | undefined): boolean {
  const a = before ?? "";
  const b = now ?? "";
  if (a === b) return true;
  const [x, y] = [instant(a), instant(b)];
  return x !== undefined && x === y && !Number.isNaN(x);
}

function fieldText(value: CellValue | undefined, delimiter: string): string {
  const text = csvCellText(value);
  const needsQuotes = /["\r\n]|^\s|\s$/.test(text) || text.includes(delimiter);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

const UTF8_COMMA: CsvFormat = { encoding: "UTF-8", delimiter: "," };

/** A new field's bytes in the file's encoding (UTF-16 files are patched as UTF-8, see patchCsv). */
function encodeField(text: string, format: CsvFormat, row: number, col: number): Buffer {
  if (format.encoding !== "Windows-1252") return Buffer.from(text, "utf8");
  const bytes = encodeWindows1252(text);
  if (bytes) return bytes;
  const bad = [...text].find((ch) => !encodeWindows1252(ch)) ?? "";
  throw new Error(
    `row ${row + 1}, column ${col + 1} holds "${bad}", which the file's encoding (Windows-1252) cannot hold. ` +
      "Change that cell, or save the file as CSV UTF-8 in Excel and open it again.",
  );
}

/**
 * The file's new bytes: `original` is the file as read into `loaded` (in `format`, as the reader sniffed
 * it); `current` is the tab now. A row whose cells are all unchanged is copied byte for byte; in a changed
 * row, each unchanged field is too. A UTF-16 file is patched as its UTF-8 transcoding and encoded back
 * (its BOM included), which keeps every unchanged character.
 */
export function patchCsv(original: Buffer, loaded: Grid, current: Grid, format = UTF8_COMMA): Buffer {
  if (format.encoding === "UTF-16LE" || format.encoding === "UTF-16BE") {
    const text = new TextDecoder(format.encoding, { ignoreBOM: true }).decode(original);
    const patched = patchCsv(Buffer.from(text, "utf8"), loaded, current, { ...format, encoding: "UTF-8" });
    const le = Buffer.from(patched.toString("utf8"), "utf16le");
    return format.encoding === "UTF-16LE" ? le : le.swap16();
  }
  const delimiter = format.delimiter;
  const d = delimiter.charCodeAt(0);
  const { bom, records } = csvRecords(original, d);
  const eolOf = records.find((r) => r.eol[1] > r.eol[0])?.eol;
  const newline = eolOf ? original.subarray(eolOf[0], eolOf[1]) : Buffer.from("\n");
  const sep = Buffer.from(delimiter);
  const parts: Buffer[] = [original.subarray(0, bom)];
  for (let r = 0; r < current.length; r++) {
    const row = current[r];
    const rec = records[r];
    const before = loaded[r] ?? [];
    // Trailing blank cells beyond the record's own fields are the grid's padding, not content.
    let width = row.length;
    while (width > (rec?.fields.length ?? 0) && (row[width - 1] ?? "") === "") width--;
    const fields: Buffer[] = [];
    let changed = !rec || width !== rec.fields.length;
    for (let c = 0; c < width; c++) {
      const field = rec?.fields[c];
      if (field && sameCell(before[c], row[c])) fields.push(original.subarray(field[0], field[1]));
      else {
        changed = true;
        fields.push(encodeField(fieldText(row[c], delimiter), format, r, c));
      }
    }
    if (rec && !changed) {
      parts.push(original.subarray(rec.fields[0][0], rec.eol[1]));
      // The old last line had no line end: a row after it needs one.
      if (rec.eol[0] === rec.eol[1] && r < current.length - 1) parts.push(newline);
      continue;
    }
    fields.forEach((f, i) => {
      if (i) parts.push(sep);
      parts.push(f);
    });
    const ownEol = rec && rec.eol[1] > rec.eol[0] ? original.subarray(rec.eol[0], rec.eol[1]) : null;
    if (ownEol) parts.push(ownEol);
    else if (!rec || r < current.length - 1) parts.push(newline);
  }
  return Buffer.concat(parts);
}
