// CSV ⇄ grid (or, for a big Activity Log, a column store): read a chunk at a time, each field typed by
// typeCsvCell (csv-cells.ts); written a batch of rows at a time.
import { open } from "node:fs/promises";
import type { CellTable, CellValue, Grid } from "../../core/types";
import { type Decode, decodeUtf8, decodeWindows1252, typeCsvCell } from "./csv-cells";
import { CsvColumns } from "./csv-table";
import { type CsvDelimiter, type CsvFormat, SNIFF_BYTES, sniffDelimiter, sniffEncoding } from "./sniff";

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * One column's typed values by the bytes of their field (open addressing on an FNV-1a hash). Repeated
 * values (events, titles, countries; in smaller files a lead's email on each of its activities) are then
 * decoded and typed once and share one string, and no cell keeps a larger string alive. A column stops using it past 16,384
 * distinct values when more than a quarter of its fields are new (timestamps, IDs, the emails of Leads):
 * probing a table that size misses the CPU caches and costs more than decoding the field. A column that
 * repeats (the Activity Log's lead keys, about ten rows per lead) keeps it: a million strings fewer to
 * hold and to collect.
 */
class ColumnValues {
  // Per slot: hash, start in `bytes`, length (0 = empty: blank fields are never stored) and code (1 + the
  // value's index in `distinct`), side by side so that a probe touches one cache line: on the Activity
  // Log's lead keys, each array more per slot was one more cache miss per row.
  private slots = new Int32Array(64 * 4);
  private capacity = 64;
  private bytes = Buffer.allocUnsafe(1024);
  private used = 0;
  /** The values in order of first appearance. */
  readonly distinct: CellValue[] = [];
  size = 0;
  /** Non-blank fields looked up. */
  rows = 0;
  /** Set by get: the code of the value it returned. */
  code = 0;

  get(buf: Buffer, start: number, end: number, fnv: number, decode: Decode): CellValue {
    const length = end - start;
    // FNV-1a's low bits mix poorly (they see only the low bits of each step): finish like MurmurHash3.
    let hash = Math.imul(fnv ^ (fnv >>> 16), 0x85ebca6b);
    hash = Math.imul(hash ^ (hash >>> 13), 0xc2b2ae35);
    hash ^= hash >>> 16;
    const slots = this.slots;
    let mask = this.capacity - 1;
    let slot = hash & mask;
    for (;;) {
      const n = slots[slot * 4 + 2];
      if (n === 0) break;
      if (n === length && slots[slot * 4] === hash) {
        const bytes = this.bytes;
        let at = slots[slot * 4 + 1];
        let i = start;
        while (i < end && bytes[at] === buf[i]) {
          at++;
          i++;
        }
        if (i === end) {
          const code = slots[slot * 4 + 3];
          this.code = code;
          return this.distinct[code - 1];
        }
      }
      slot = (slot + 1) & mask;
    }
    const value = typeCsvCell(decode(buf, start, end));
    if ((this.size + 1) * 2 > this.capacity) {
      this.grow();
      mask = this.capacity - 1;
      slot = hash & mask;
      while (this.slots[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
    }
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const bytes = this.bytes;
    for (let i = start, at = this.used; i < end; i++, at++) bytes[at] = buf[i];
    this.distinct.push(value);
    this.code = this.distinct.length;
    this.slots[slot * 4] = hash;
    this.slots[slot * 4 + 1] = this.used;
    this.slots[slot * 4 + 2] = length;
    this.slots[slot * 4 + 3] = this.code;
    this.used += length;
    this.size++;
    return value;
  }

  private grow(): void {
    const { slots, capacity } = this;
    this.capacity = capacity * 2;
    const mask = this.capacity - 1;
    this.slots = new Int32Array(this.capacity * 4);
    for (let s = 0; s < capacity; s++) {
      if (slots[s * 4 + 2] === 0) continue;
      let slot = slots[s * 4] & mask;
      while (this.slots[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
      for (let f = 0; f < 4; f++) this.slots[slot * 4 + f] = slots[s * 4 + f];
    }
  }
}

const CACHE_MAX = 16_384;

/** scratchCodes: the field's cell is its value, not its bytes as they stand (a quoted field with ""). */
const OWN = -1;

/** A field that opens with a quote but is not a well-formed quoted field (1-based row and column). */
export interface MalformedQuote {
  row: number;
  column: number;
  /** true: no quote closes it before the end of its line; false: text follows the closing quote. */
  unclosed: boolean;
}

/**
 * Incremental RFC 4180 CSV parser over ASCII-compatible bytes (UTF-8 or Windows-1252: quotes, "" escapes,
 * embedded newlines, \n or \r\n line ends, a UTF-8 BOM), with a comma, semicolon or tab between fields;
 * each field is typed by typeCsvCell, through its column's ColumnValues. Fed the file a chunk at a time,
 * it never holds the whole file, as bytes or as text. Hand-written because it is several times faster
 * than a general parser plus a typing pass on million-row files.
 *
 * A field that opens with a quote never closed, or with text after its closing quote, is not a quoted
 * field: it is read as plain text up to the next delimiter or line end (quotes included) and listed in
 * `malformed`, so one stray quote cannot swallow the rows after it into one cell.
 */
class CsvBytesParser {
  /** The rows read, unless `coded` (then in `store`). */
  readonly rows: CellValue[][] = [];
  /** With `coded`: the rows read, by column. */
  readonly store: CsvColumns | null;
  readonly malformed: MalformedQuote[] = [];
  private readonly columns: (ColumnValues | null | undefined)[] = [];
  /** Rows read. */
  private count = 0;
  /** The row being read, field by field: its value (not made for a column a store keeps as bytes), */
  private readonly scratch: CellValue[] = [];
  /** its code (0: none; OWN: the value is its own, not its bytes as they stand), and its bytes' span. */
  private readonly scratchCodes: number[] = [];
  private readonly scratchStart: number[] = [];
  private readonly scratchEnd: number[] = [];
  /** Set by cell: the code of the value it returned. */
  private code = 0;

  /**
   * `first`: whether a UTF-8 BOM may come first (not in text transcoded from UTF-16, whose BOM is gone).
   * `coded`: keep the rows by column (store) and each column's codes (see codedColumns).
   */
  constructor(
    private readonly delimiter = 44,
    private readonly decode: Decode = decodeUtf8,
    private first = true,
    coded = false,
  ) {
    this.store = coded ? new CsvColumns(decode) : null;
  }

  /** Per column, whether all its fields were coded (its table of values never gave up): CsvColumns.whole. */
  codedColumns(): boolean[] {
    return Array.from(this.columns, (values) => Boolean(values));
  }

  /**
   * Parses the complete rows of buf[0, end) and returns how many bytes they took. Unless `last`, a row
   * only counts as complete once a byte after its line end is in view (a "\r" may be followed by "\n").
   */
  parse(buf: Buffer, end: number, last: boolean): number {
    let i = 0;
    if (this.first) {
      if (end < 3 && !last) return 0;
      this.first = false;
      if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) i = 3;
    }
    const d = this.delimiter;
    const scratch = this.scratch;
    let rowStart = i;
    let k = 0;
    // Quotes found in the row being read count once the row is complete (an incomplete one is read again).
    let malformedBefore = this.malformed.length;
    while (i < end) {
      let value!: CellValue;
      let fieldStart = i;
      let fieldEnd = i;
      let malformed: MalformedQuote | undefined;
      let quoted = buf[i] === 34;
      if (quoted) {
        // Quoted field: "" is a quote.
        const start = i + 1;
        let j = start;
        let escapes = false;
        let closed = false;
        while (j < end) {
          j = buf.indexOf(34, j);
          if (j < 0 || j >= end) {
            j = end;
            break;
          }
          if (j + 1 < end && buf[j + 1] === 34) {
            escapes = true;
            j += 2;
            continue;
          }
          if (j + 1 >= end && !last) break; // the next chunk may start with the second quote
          closed = true;
          break;
        }
        if (!closed && !last) break;
        const next = buf[j + 1];
        if (closed && (j + 1 >= end || next === d || next === 10 || next === 13)) {
          fieldStart = start;
          fieldEnd = j;
          if (escapes) {
            value = typeCsvCell(this.decode(buf, start, j).replace(/""/g, '"'));
            this.code = OWN;
          } else {
            let hash = FNV_OFFSET;
            for (let b = start; b < j; b++) hash = Math.imul(hash ^ buf[b], FNV_PRIME);
            value = this.cell(k, buf, start, j, hash);
          }
          i = j + 1;
        } else {
          // A quote closed only on a later line was, to the person who typed it, never closed.
          let unclosed = !closed;
          for (let b = start; !unclosed && b < j; b++) if (buf[b] === 10 || buf[b] === 13) unclosed = true;
          malformed = { row: this.count + 1, column: k + 1, unclosed };
          quoted = false;
        }
      }
      if (!quoted) {
        let j = i;
        let hash = FNV_OFFSET;
        if (this.columns[k] === null) {
          // A column past its memo needs no hash.
          while (j < end) {
            const c = buf[j];
            if (c === d || c === 10 || c === 13) break;
            j++;
          }
        } else {
          while (j < end) {
            const c = buf[j];
            if (c === d || c === 10 || c === 13) break;
            hash = Math.imul(hash ^ c, FNV_PRIME);
            j++;
          }
        }
        fieldStart = i;
        fieldEnd = j;
        value = this.cell(k, buf, i, j, hash);
        i = j;
      }
      if (i >= end && !last) break;
      if (malformed) this.malformed.push(malformed);
      this.scratchCodes[k] = this.code;
      this.scratchStart[k] = fieldStart;
      this.scratchEnd[k] = fieldEnd;
      scratch[k++] = value;
      if (i < end && buf[i] === d) {
        i++;
        if (i >= end && !last) break;
        if (i >= end) {
          // An empty field at the very end of the text.
          this.scratchCodes[k] = 0;
          this.scratchStart[k] = 0;
          this.scratchEnd[k] = 0;
          scratch[k++] = "";
        }
        continue;
      }
      if (i < end && buf[i] === 13) {
        if (i + 1 >= end && !last) break;
        i++;
      }
      if (i < end && buf[i] === 10) {
        if (i + 1 >= end && !last) break;
        i++;
      }
      this.commit(k, buf);
      k = 0;
      rowStart = i;
      malformedBefore = this.malformed.length;
    }
    if (last && k > 0) {
      this.commit(k, buf);
      rowStart = end;
    } else if (!last) this.malformed.length = malformedBefore;
    return rowStart;
  }

  /** The row read (its k fields, spans in buf) as the next row of `rows` or of the store. */
  private commit(k: number, buf: Buffer): void {
    const r = this.count++;
    const store = this.store;
    if (store === null) {
      this.rows.push(this.scratch.slice(0, k));
      return;
    }
    const columns = store.columnsTo(k);
    for (let c = 0; c < k; c++) {
      const column = columns[c];
      const code = this.scratchCodes[c];
      if (code === OWN) column.own(r, this.scratch[c]);
      else if (code > 0) column.code(r, code, (this.columns[c] as ColumnValues).distinct);
      else if (this.scratchEnd[c] > this.scratchStart[c])
        column.field(r, buf, this.scratchStart[c], this.scratchEnd[c]);
    }
    store.length = this.count;
  }

  private cell(column: number, buf: Buffer, start: number, end: number, hash: number): CellValue {
    this.code = 0;
    if (start === end) return "";
    let values = this.columns[column];
    if (values === undefined) values = this.columns[column] = new ColumnValues();
    // In a store such a field is kept as its bytes, and made a cell only when read.
    if (values === null) return this.store ? "" : typeCsvCell(this.decode(buf, start, end));
    const value = values.get(buf, start, end, hash, this.decode);
    this.code = values.code;
    values.rows++;
    if (values.size > CACHE_MAX && values.size * 4 > values.rows) {
      this.columns[column] = null;
      this.code = 0;
    }
    return value;
  }
}

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

const CHUNK = 1 << 20;

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
 * time first.
 */
export async function readCsvTable(file: string, chunkBytes = CHUNK, coded = false): Promise<CsvTable> {
  const handle = await open(file, "r");
  let reading: Promise<{ bytesRead: number }> | undefined;
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
    const parser = new CsvBytesParser(
      DELIMITER_BYTE[format.delimiter],
      encoding === "Windows-1252" ? decodeWindows1252 : decodeUtf8,
      !utf16,
      coded,
    );
    const transcoder = utf16 ? new TextDecoder(encoding) : undefined;
    // Two read buffers: the next chunk is read while this one is parsed (a read from the page cache
    // still waits for the thread pool, which otherwise idled the parser for a good part of the run).
    const size = Math.max(2, chunkBytes);
    const raws = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
    let which = 0;
    let position = 0;
    reading = handle.read(raws[0], 0, size, 0);
    let buf: Buffer<ArrayBuffer> = Buffer.allocUnsafe(size);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await reading;
      const raw = raws[which].subarray(0, bytesRead);
      position += bytesRead;
      const last = bytesRead === 0;
      if (!last) {
        which ^= 1;
        reading = handle.read(raws[which], 0, size, position);
      }
      const bytes = transcoder ? Buffer.from(transcoder.decode(raw, { stream: !last })) : raw;
      if (filled + bytes.length > buf.length)
        buf = grown(buf, filled, Math.max(buf.length * 2, filled + bytes.length));
      bytes.copy(buf, filled);
      filled += bytes.length;
      const used = parser.parse(buf, filled, last);
      if (last) break;
      buf.copy(buf, 0, used, filled);
      filled -= used;
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
    await reading?.catch(() => {}); // a read still in flight when parsing threw
    await handle.close();
  }
}

/** A bigger buffer holding buf[0, filled) (one row longer than the buffer, or a transcoded chunk). */
function grown(buf: Buffer, filled: number, size: number): Buffer<ArrayBuffer> {
  const bigger = Buffer.allocUnsafe(size);
  buf.copy(bigger, 0, 0, filled);
  return bigger;
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
