// The CSV bytes parser: RFC 4180 fields typed as they are read, each column's repeated values decoded once.
import { utcIsoInstant } from "../../core/time";
import type { CellValue } from "../../core/types";
import { type Decode, decodeUtf8, typeCsvCell } from "./csv-cells";
import { type ColumnPart, CsvColumns, type DistinctFields } from "./csv-table";

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;
/** The second lane's start (see laneHash): another offset, so that "ab" and "ba" differ. */
const FNV_OFFSET_2 = 0x050c5d1f;

/**
 * A field's hash from FNV-1a over its even bytes (`even`) and its odd bytes (`odd`): two chains of
 * multiplies that the CPU runs side by side, where one chain over every byte made each byte wait for the
 * last. Equal fields hash alike however they were read (quoted or not).
 */
function laneHash(even: number, odd: number): number {
  return even ^ Math.imul((odd << 13) | (odd >>> 19), 0x9e3779b1);
}

/** laneHash of buf[start, end). */
function fieldHash(buf: Buffer, start: number, end: number): number {
  let even = FNV_OFFSET;
  let odd = FNV_OFFSET_2;
  let b = start;
  for (; b + 1 < end; b += 2) {
    even = Math.imul(even ^ buf[b], FNV_PRIME);
    odd = Math.imul(odd ^ buf[b + 1], FNV_PRIME);
  }
  if (b < end) even = Math.imul(even ^ buf[b], FNV_PRIME);
  return laneHash(even, odd);
}

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
  /** The code of the field's value (1 + its index in `distinct`), adding the value if it is new. */
  code(buf: Buffer, start: number, end: number, fnv: number, decode: Decode): number {
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
        // The code alone: a coded read keeps no value per field, and distinct[code - 1] is one more miss.
        if (i === end) return slots[slot * 4 + 3];
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
    const code = this.distinct.length;
    this.slots[slot * 4] = hash;
    this.slots[slot * 4 + 1] = this.used;
    this.slots[slot * 4 + 2] = length;
    this.slots[slot * 4 + 3] = code;
    this.used += length;
    this.size++;
    return code;
  }

  /** The values with their fields' bytes, in order of their codes (which is the order `bytes` holds them in). */
  spans(): DistinctFields {
    const ends = new Int32Array(this.size);
    const slots = this.slots;
    for (let s = 0; s < this.capacity; s++)
      if (slots[s * 4 + 2] !== 0) ends[slots[s * 4 + 3] - 1] = slots[s * 4 + 1] + slots[s * 4 + 2];
    return { bytes: new Uint8Array(this.bytes.subarray(0, this.used)), ends, values: this.distinct };
  }

  private grow(): void {
    const old = this.slots;
    const capacity = this.capacity;
    this.capacity = capacity * 2;
    const mask = this.capacity - 1;
    // Filled through a local, field by field, not this.slots (a property load per write): the log's lead
    // keys' table grows twelve times on its way to 262,144 slots.
    const slots = new Int32Array(this.capacity * 4);
    for (let s = 0; s < capacity; s++) {
      const length = old[s * 4 + 2];
      if (length === 0) continue;
      const hash = old[s * 4];
      let slot = hash & mask;
      while (slots[slot * 4 + 2] !== 0) slot = (slot + 1) & mask;
      slots[slot * 4] = hash;
      slots[slot * 4 + 1] = old[s * 4 + 1];
      slots[slot * 4 + 2] = length;
      slots[slot * 4 + 3] = old[s * 4 + 3];
    }
    this.slots = slots;
  }
}

const CACHE_MAX = 16_384;

/** scratchCodes: the field's cell is its value, not its bytes as they stand (a quoted field with ""). */
const OWN = -1;

/**
 * Rows a coded parser read from some byte of a file on (CsvBytesParser.part), to append to the rows another
 * read before that byte (CsvBytesParser.append): a file read in two parts at once (csv-tail.ts). Plain data,
 * so that it can be posted from a worker thread.
 */
export interface ParsedPart {
  rows: number;
  malformed: MalformedQuote[];
  /** Per column, the values its codes stand for, with their bytes (null: it coded none). */
  distinct: (DistinctFields | null)[];
  /** Per column, whether its table of values gave up (its later fields were kept as bytes). */
  gaveUp: boolean[];
  columns: ColumnPart[];
}

/**
 * The columns a coded read of a file beginning with `head` gives up at its first row under the header
 * (UTC times: see CsvBytesParser.cell), so that the reader of a later part gives them up before it starts
 * rather than when told, which can come after it has coded thousands of them.
 */
export function firstRowGiveUps(head: Buffer, delimiter: number, decode: Decode): number[] {
  // The header and the row under it: its fields are looked at as they are read, whole row or not (a line
  // break in a quoted field ends it early, and the reader of the later part is then told as it reads).
  const end = head.indexOf(10, head.indexOf(10) + 1);
  const probe = new CsvBytesParser(delimiter, decode, true, true);
  const columns: number[] = [];
  probe.onGiveUp = (column) => columns.push(column);
  probe.parse(head, end < 0 ? head.length : end + 1, false);
  return columns;
}

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
export class CsvBytesParser {
  /** The rows read, unless `coded` (then in `store`). */
  readonly rows: CellValue[][] = [];
  /** With `coded`: the rows read, by column. */
  readonly store: CsvColumns | null;
  readonly malformed: MalformedQuote[] = [];
  private readonly columns: (ColumnValues | null | undefined)[] = [];
  /** Every column's table of values, kept when it gives up (null in columns): the codes it gave stand. */
  private readonly tables: (ColumnValues | undefined)[] = [];
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
  /** Called when a column's table of values gives up (see ColumnValues). */
  onGiveUp: ((column: number) => void) | null = null;
  /**
   * Whether the parser reads a file's second part, whose tables of values give up only when told (giveUp)
   * by the parser of the part before: every value of a key column is new at first to a reader that starts
   * mid-file, which is no sign that the column does not repeat.
   */
  follows = false;

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

  /** The rows read, as a part another coded parser can append (its store's columns and their codes' bytes). */
  part(): ParsedPart {
    const store = this.store!;
    return {
      rows: this.count,
      malformed: this.malformed,
      distinct: Array.from(store.columnsTo(0), (_, c) => this.tables[c]?.spans() ?? null),
      gaveUp: Array.from(store.columnsTo(0), (_, c) => this.columns[c] === null),
      columns: store.parts(this.count),
    };
  }

  /**
   * Appends the rows of `part`, read from the byte where this parser's rows end: the cells this parser would
   * have read (a column's values may then repeat in its codes' values: the part's follow this parser's).
   * False, appending nothing, where a column's instants were read in another form (see StoredColumn.takes).
   */
  append(part: ParsedPart): boolean {
    const store = this.store!;
    if (!store.takes(part.columns)) return false;
    const offset = this.count;
    for (const m of part.malformed) this.malformed.push({ ...m, row: m.row + offset });
    const columns = store.columnsTo(part.columns.length);
    for (let c = 0; c < part.columns.length; c++) {
      columns[c].append(part.columns[c], offset, part.distinct[c], this.columns[c] !== null);
      if (part.gaveUp[c]) this.columns[c] = null;
    }
    this.count += part.rows;
    store.length = this.count;
    return true;
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
            value = this.cell(k, buf, start, j, fieldHash(buf, start, j));
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
        let hash = 0;
        if (this.columns[k] === null) {
          // A column past its memo needs no hash.
          while (j < end) {
            const c = buf[j];
            if (c === d || c === 10 || c === 13) break;
            j++;
          }
        } else {
          // fieldHash's two lanes, hashed while the field's end is looked for: two bytes a turn.
          let even = FNV_OFFSET;
          let odd = FNV_OFFSET_2;
          while (j < end) {
            const c = buf[j];
            if (c === d || c === 10 || c === 13) break;
            even = Math.imul(even ^ c, FNV_PRIME);
            if (++j >= end) break;
            const c2 = buf[j];
            if (c2 === d || c2 === 10 || c2 === 13) break;
            odd = Math.imul(odd ^ c2, FNV_PRIME);
            j++;
          }
          hash = laneHash(even, odd);
        }
        // A field cut by the chunk's end is read again with the next chunk: not a value to code.
        if (j >= end && !last) break;
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
      else if (code > 0) column.code(r, code, this.tables[c]!.distinct);
      else if (this.scratchEnd[c] > this.scratchStart[c])
        column.field(r, buf, this.scratchStart[c], this.scratchEnd[c]);
    }
    store.length = this.count;
  }

  private cell(column: number, buf: Buffer, start: number, end: number, hash: number): CellValue {
    this.code = 0;
    if (start === end) return "";
    let values = this.columns[column];
    if (values === undefined) values = this.columns[column] = this.tables[column] = new ColumnValues();
    // In a store such a field is kept as its bytes, and made a cell only when read.
    if (values === null) return this.store ? "" : typeCsvCell(this.decode(buf, start, end));
    // A store keeps UTC ISO times as instants (StoredColumn.field), so a column whose field in the first
    // row under the header is one (a Timestamp) is not coded: its values rarely repeat, and coded rows
    // are typed from text again when read.
    if (this.store && this.count === 1 && !this.follows && !Number.isNaN(utcIsoInstant(buf, start, end))) {
      this.giveUp(column);
      this.onGiveUp?.(column);
      return "";
    }
    const code = values.code(buf, start, end, hash, this.decode);
    this.code = code;
    values.rows++;
    if (values.size > CACHE_MAX && values.size * 4 > values.rows && !this.follows) {
      this.giveUp(column);
      this.code = 0;
      this.onGiveUp?.(column);
    }
    // A store keeps the code (commit), not the value.
    return this.store ? "" : values.distinct[code - 1];
  }

  /** Column `column`'s fields are kept as bytes from now on (its table stays in `tables`: its codes stand). */
  giveUp(column: number): void {
    this.columns[column] = null;
  }
}
