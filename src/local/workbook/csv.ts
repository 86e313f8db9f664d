// CSV ⇄ grid (or, for a big Activity Log, a column store): read a chunk at a time, each field typed by
// typeCsvCell (csv-cells.ts); written a batch of rows at a time.
import { open } from "node:fs/promises";
import type { CellTable, CellValue, Grid } from "../../core/types";
import { decodeFor } from "./csv-cells";
import { CHUNK, parseFile } from "./csv-chunks";
import { CsvBytesParser, firstRowGiveUps, type MalformedQuote } from "./csv-parser";
import { SPLIT, type SplitRead, startTail } from "./csv-tail";
import { type CsvDelimiter, type CsvFormat, SNIFF_BYTES, sniffDelimiter, sniffEncoding } from "./sniff";

/** Pads rows with "" to the widest row. */
function rectangular(rows: CellValue[][]): Grid {
  let width = 0;
  for (const row of rows) if (row.length > width) width = row.length;
  for (const row of rows) while (row.length < width) row.push("");
  return rows;
}

/** Parses CSV text into a rectangular grid of typed cells (rows padded with ""; a final newline ignored). */
export function parseCsv(text: string): Grid {
  const parser = new CsvBytesParser();
  const bytes = Buffer.from(text, "utf8");
  parser.parse(bytes, bytes.length, true);
  return rectangular(parser.rows);
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

/** One row as a CSV line, without its line end (quotes only where needed). */
function csvLine(row: readonly CellValue[]): string {
  const fields: string[] = new Array(row.length);
  for (let c = 0; c < row.length; c++) {
    const value = row[c];
    const text = csvCellText(value);
    // A number's or boolean's text never needs quotes (most output cells are scores): no test for them.
    const plain = typeof value === "number" || typeof value === "boolean" || !NEEDS_QUOTES.test(text);
    fields[c] = plain ? text : `"${text.replace(/"/g, '""')}"`;
  }
  return fields.join(",");
}

/** Serialises a grid as RFC 4180 CSV (quotes only where needed, "\n" line ends, final newline). */
export function toCsv(grid: Grid): string {
  const lines: string[] = new Array(grid.length);
  for (let r = 0; r < grid.length; r++) lines[r] = csvLine(grid[r]);
  return lines.length ? lines.join("\n") + "\n" : "";
}

/** A CSV file as read: its cells, how it was saved, and the fields whose quotes were malformed. */
export interface CsvTable {
  /** The cells (when read `coded`, made from `table` on first use). */
  readonly values: Grid;
  /** When read `coded`: the cells by column, which is how they are kept (see CsvColumns). */
  table?: CellTable;
  format: CsvFormat;
  malformed: MalformedQuote[];
}

const DELIMITER_BYTE: Record<CsvDelimiter, number> = { ",": 44, ";": 59, "\t": 9 };

/**
 * Reads a CSV file a chunk at a time (see CsvBytesParser): memory is the grid (`coded`: the column
 * store, CsvColumns, and `values` is made from it only if asked for) plus two chunks. The
 * encoding and delimiter are sniffed from the first bytes (see sniff.ts). UTF-8 and Windows-1252 bytes
 * go to the parser as they are (it decodes each field once); UTF-16 is transcoded to UTF-8 a chunk at a
 * time first. A big coded file in UTF-8 or Windows-1252 is read in two parts at once (`split`, csv-tail.ts).
 */
export async function readCsvTable(
  file: string,
  chunkBytes = CHUNK,
  coded = false,
  split: SplitRead = SPLIT,
): Promise<CsvTable> {
  const handle = await open(file, "r");
  try {
    const head = Buffer.allocUnsafe(SNIFF_BYTES);
    const { bytesRead: headBytes } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const encoding = sniffEncoding(head.subarray(0, headBytes), headBytes < SNIFF_BYTES);
    const utf16 = encoding === "UTF-16LE" || encoding === "UTF-16BE";
    const firstBytes = head.subarray(0, Math.min(headBytes, 1 << 16)); // the header row is in here
    const headText = utf16
      ? new TextDecoder(encoding).decode(firstBytes, { stream: true })
      : firstBytes.toString("latin1");
    const format: CsvFormat = { encoding, delimiter: sniffDelimiter(headText) };
    const delimiter = DELIMITER_BYTE[format.delimiter];
    const decode = decodeFor(encoding);
    const parser = new CsvBytesParser(delimiter, decode, !utf16, coded);
    const transcoder = utf16 ? new TextDecoder(encoding) : undefined;
    const transcode =
      transcoder && ((raw: Buffer, last: boolean) => Buffer.from(transcoder.decode(raw, { stream: !last })));
    const tail =
      coded && !utf16
        ? await startTail(
            handle,
            {
              file,
              delimiter,
              encoding,
              givenUp: firstRowGiveUps(head.subarray(0, headBytes), delimiter, decode),
            },
            split,
          )
        : null;
    // Handled from the start: a reader that fails while the first part is parsed must not go unhandled.
    const tailPart = tail?.read.part.catch(() => null);
    try {
      if (tail) parser.onGiveUp = (column) => tail.read.giveUp(column);
      if (await parseFile(handle, parser, 0, chunkBytes, transcode, tail?.from)) {
        const part = await tailPart;
        // Where the reader failed (a thread could not start) or read instants in another form: read here.
        if (!part || !parser.append(part)) await parseFile(handle, parser, tail!.from, chunkBytes);
      }
    } finally {
      tail?.read.cancel(); // done with it: its part appended, started inside a row, or parsing threw
    }
    const { store, malformed } = parser;
    if (store === null) return { values: rectangular(parser.rows), format, malformed };
    store.whole = parser.codedColumns();
    let grid: Grid | undefined;
    return {
      get values() {
        grid ??= store.grid();
        return grid;
      },
      table: store,
      format,
      malformed,
    };
  } finally {
    await handle.close();
  }
}

/**
 * Writes a grid as CSV (see toCsv) a batch of rows at a time, never building the whole text. `bom`: start
 * with a UTF-8 byte order mark, without which Excel reads the file as its ANSI code page ("–" shows "â€“").
 */
export async function writeCsvTable(file: string, grid: Grid, bom = false): Promise<void> {
  await writeCsvRows(file, grid.length, (r) => grid[r], bom);
}

/**
 * Characters written at a time (64 KB even as two-byte text): under V8's large-object size (128 KB), so
 * that each batch's text is made in the young generation and collected once written. Larger, it goes
 * straight to the old generation and stays until a full collection, which the CLI pays for in peak memory.
 */
const WRITE_CHARS = 1 << 15;

/**
 * writeCsvTable for rows made as they are written (`row(r)` for r < count), so that a table derived from
 * another one is never held whole.
 */
export async function writeCsvRows(
  file: string,
  count: number,
  row: (r: number) => CellValue[],
  bom = false,
): Promise<void> {
  const handle = await open(file, "w");
  let writing: Promise<unknown> = Promise.resolve();
  try {
    if (bom) await handle.write("\uFEFF", null, "utf8");
    let lines: string[] = [];
    let chars = 0;
    for (let r = 0; r < count; r++) {
      const line = csvLine(row(r));
      lines.push(line);
      chars += line.length + 1;
      if (chars >= WRITE_CHARS || r === count - 1) {
        const text = `${lines.join("\n")}\n`;
        // One write in flight while the next batch is made; awaited first, so batches land in order.
        await writing;
        writing = handle.write(text, null, "utf8");
        lines = [];
        chars = 0;
      }
    }
    await writing;
  } finally {
    await writing.catch(() => {}); // a write still in flight when making a row threw
    await handle.close();
  }
}
