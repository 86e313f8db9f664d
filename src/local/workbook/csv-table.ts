// A CSV file kept by column (the CLI's Activity Log): each field as the code of a repeated value or as its
// bytes, decoded and typed when read. A million-row log is then a few arrays and buffers, not a million
// row arrays and a million strings that every collection copies; scoring reads each cell once anyway.
import { utcIsoInstant } from "../../core/time";
import type { CellTable, CellValue, CodedColumn, Grid } from "../../core/types";
import { type Decode, latin1, typeCsvCell } from "./csv-cells";

/**
 * A column's codes by row (ColumnValues.code; 0 = not coded), in the narrowest array that holds them:
 * bytes while the column has under 255 distinct values (an event, a country), 16 bits, then 32.
 */
export class RowCodes {
  codes: Uint8Array | Uint16Array | Int32Array = new Uint8Array(1024);
  private max = 0xff;

  set(row: number, code: number): void {
    if (row >= this.codes.length || code > this.max) this.widen(row, code);
    this.codes[row] = code;
  }

  /** The codes of rows 0..rows-1 (rows past the end have none). */
  finish(rows: number): CodedColumn["codes"] {
    return this.codes.length > rows ? this.codes.slice(0, rows) : this.codes;
  }

  /** Rows offset.. take their code in `codes` plus `shift` (rows without one, none). */
  shifted(offset: number, codes: CodedColumn["codes"], shift: number, max: number): void {
    if (codes.length === 0) return;
    const last = offset + codes.length - 1;
    if (last >= this.codes.length || max + shift > this.max) this.widen(last, max + shift);
    const out = this.codes;
    for (let r = 0; r < codes.length; r++) if (codes[r] > 0) out[offset + r] = codes[r] + shift;
  }

  private widen(row: number, code: number): void {
    const old = this.codes;
    if (code > this.max) this.max = code > 0xffff ? 0x7fffffff : 0xffff;
    const Codes = this.max === 0xff ? Uint8Array : this.max === 0xffff ? Uint16Array : Int32Array;
    this.codes = new Codes(row >= old.length ? Math.max(old.length * 2, row + 1) : old.length);
    this.codes.set(old);
  }
}

/** `array` if it holds index r, else a copy in one at least twice as long, made by `make`. */
function holding<T extends Int32Array | Float64Array>(array: T | null, r: number, make: (n: number) => T): T {
  if (array !== null && r < array.length) return array;
  const bigger = make(Math.max(1024, (array?.length ?? 0) * 2, r + 1));
  if (array) bigger.set(array);
  return bigger;
}

const nanArray = (n: number) => new Float64Array(n).fill(Number.NaN);
const intArray = (n: number) => new Int32Array(n);

/** A column's distinct values by code, with their fields' bytes: code k's are bytes[ends[k - 2] (0 for k = 1), ends[k - 1]). */
export interface DistinctFields {
  bytes: Uint8Array;
  ends: Int32Array;
  values: readonly CellValue[];
}

/** A column's rows as read by one parser (StoredColumn.part), to append to another's (StoredColumn.append). */
export interface ColumnPart {
  codes: CodedColumn["codes"];
  bytes: Uint8Array;
  ends: Int32Array | null;
  owned: Map<number, CellValue> | null;
  instants: Float64Array | null;
  form: number;
}

/** One column: per row the code of its value (RowCodes), a value of its own, or the bytes of its field. */
class StoredColumn {
  readonly codes = new RowCodes();
  /** The uncoded fields' bytes, one after another. */
  private bytes = Buffer.allocUnsafe(0);
  private used = 0;
  /** Per row, where its bytes end in `bytes` (they start where the row before's end); null: none yet. */
  private ends: Int32Array | null = null;
  /** The last row whose end is set (rows after it, up to the next set, have no bytes). */
  private last = -1;
  /** Fields whose cell is not their bytes as they stand (a quoted field with "" in it), by row. */
  private owned: Map<number, CellValue> | null = null;
  /** Whether every byte in `bytes` is ASCII, which reads the same in every encoding the reader takes. */
  private ascii = true;
  /** Per row, the instant of a field that is UTC ISO 8601 text (utcIsoInstant), else NaN; null: none. */
  instants: Float64Array | null = null;
  /**
   * The length (20 or 24) of the column's first such field: fields of that length keep no bytes, their
   * text being the instant's toISOString (without ".000" at 20), character for character (0 until then).
   */
  private form = 0;

  /** The column's distinct values, in order of their codes (set with the first code). */
  private values: readonly CellValue[] = [];

  constructor(private readonly decode: Decode) {}

  /** Row r's field is values[code - 1] (code > 0). */
  code(r: number, code: number, values: readonly CellValue[]): void {
    if (this.values !== values) this.values = values;
    this.codes.set(r, code);
  }

  /** Row r's cell is `value`, not its field's bytes. */
  own(r: number, value: CellValue): void {
    this.owned ??= new Map();
    this.owned.set(r, value);
  }

  /** Row r's field is buf[start, end), decoded and typed when read. */
  field(r: number, buf: Buffer, start: number, end: number): void {
    const length = end - start;
    const instant = utcIsoInstant(buf, start, end);
    if (!Number.isNaN(instant)) {
      this.instantsTo(r)[r] = instant;
      if (this.form === 0) this.form = length;
      if (length === this.form) return;
    }
    if (this.used + length > this.bytes.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + length, 1024));
      this.bytes.copy(bigger, 0, 0, this.used);
      this.bytes = bigger;
    }
    const bytes = this.bytes;
    let any = 0;
    for (let i = start, at = this.used; i < end; i++, at++) {
      const b = buf[i];
      bytes[at] = b;
      any |= b;
    }
    if (any >= 0x80) this.ascii = false;
    this.used += length;
    this.endRow(r);
  }

  /** `instants`, long enough to hold row r (NaN where none was read). */
  private instantsTo(r: number): Float64Array {
    this.instants = holding(this.instants, r, nanArray);
    return this.instants;
  }

  /** Marks rows up to r as ending at `used`: the rows between the last set and r had no bytes. */
  private endRow(r: number): void {
    const ends = holding(this.ends, r, intArray);
    this.ends = ends;
    const before = this.last >= 0 ? ends[this.last] : 0;
    for (let k = this.last + 1; k < r; k++) ends[k] = before;
    ends[r] = this.used;
    this.last = r;
  }

  /** The column's codes for rows 0..rows-1, with its values. */
  coded(rows: number): CodedColumn {
    return { codes: this.codes.finish(rows), values: this.values };
  }

  cell(r: number): CellValue {
    const codes = this.codes.codes;
    const code = r < codes.length ? codes[r] : 0;
    if (code > 0) return this.values[code - 1];
    const owned = this.owned?.get(r);
    if (owned !== undefined) return owned;
    const ends = this.ends;
    if (ends !== null && r <= this.last) {
      const start = r > 0 ? ends[r - 1] : 0;
      const end = ends[r];
      if (end > start) {
        const bytes = this.bytes;
        return typeCsvCell(this.ascii ? latin1(bytes, start, end) : this.decode(bytes, start, end));
      }
    }
    const instants = this.instants;
    if (instants === null || r >= instants.length || Number.isNaN(instants[r])) return "";
    // Text as it was read (validated digit by digit: see utcIsoInstant), which typeCsvCell leaves text.
    const iso = new Date(instants[r]).toISOString();
    return this.form === 24 ? iso : `${iso.slice(0, 19)}Z`;
  }

  /** Rows 0..rows-1 as plain data (typed arrays cut to their length). */
  part(rows: number): ColumnPart {
    const instants = this.instants;
    return {
      codes: this.codes.finish(rows),
      bytes: new Uint8Array(this.bytes.subarray(0, this.used)),
      ends: this.ends === null ? null : this.ends.slice(0, this.last + 1),
      owned: this.owned,
      instants: instants && (instants.length > rows ? instants.slice(0, rows) : instants),
      form: this.form,
    };
  }

  /** Whether `part` can be appended: its instants' text has this column's form, or either has none yet. */
  takes(part: ColumnPart): boolean {
    return part.form === 0 || this.form === 0 || part.form === this.form;
  }

  /**
   * Appends `part`'s rows (see takes) as rows offset.. of this column, past its last row. `distinct`: the
   * values of the part's codes, which follow this column's (`coding`), or whose fields are kept as bytes.
   * Array by array, not row by row: the part is most of a million-row file.
   */
  append(part: ColumnPart, offset: number, distinct: DistinctFields | null, coding: boolean): void {
    if (this.form === 0) this.form = part.form;
    // Coded fields come first: a table of values codes every field until it gives up, and none after.
    const coded = part.codes;
    if (distinct && coding) {
      this.codes.shifted(offset, coded, this.values.length, distinct.values.length);
      this.values = this.values.concat(distinct.values);
    } else if (distinct) {
      const { ends } = distinct;
      const bytes = Buffer.from(distinct.bytes.buffer, distinct.bytes.byteOffset, distinct.bytes.length);
      for (let r = 0; r < coded.length; r++) {
        const code = coded[r];
        if (code > 0) this.field(offset + r, bytes, code > 1 ? ends[code - 2] : 0, ends[code - 1]);
      }
    }
    if (part.owned) for (const [r, value] of part.owned) this.own(offset + r, value);
    const ends = part.ends;
    if (ends !== null && ends.length > 0) {
      const base = this.used;
      const bytes = part.bytes;
      if (base + bytes.length > this.bytes.length) {
        const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, base + bytes.length));
        this.bytes.copy(bigger, 0, 0, base);
        this.bytes = bigger;
      }
      this.bytes.set(bytes, base);
      let any = 0;
      for (let i = 0; i < bytes.length; i++) any |= bytes[i];
      if (any >= 0x80) this.ascii = false;
      this.used += bytes.length;
      const to = holding(this.ends, offset + ends.length - 1, intArray);
      this.ends = to;
      for (let k = this.last + 1; k < offset; k++) to[k] = base;
      // Rows up to this.last got bytes above (coded there, kept as bytes here): none in the part.
      for (let r = Math.max(0, this.last + 1 - offset); r < ends.length; r++) to[offset + r] = base + ends[r];
      this.last = offset + ends.length - 1;
    }
    const instants = part.instants;
    if (instants !== null && instants.length > 0) {
      const to = this.instantsTo(offset + instants.length - 1);
      for (let r = 0; r < instants.length; r++) if (!Number.isNaN(instants[r])) to[offset + r] = instants[r];
    }
  }
}

/** The column store a CsvBytesParser fills in a coded read (see CellTable). */
export class CsvColumns implements CellTable {
  private readonly columns: StoredColumn[] = [];
  length = 0;
  /** Per column, whether its reader coded every one of its fields (set once all are read). */
  whole: readonly boolean[] = [];

  constructor(private readonly decode: Decode) {}

  /** The columns, at least `width` of them (a column is made on its first field). */
  columnsTo(width: number): readonly StoredColumn[] {
    while (this.columns.length < width) this.columns.push(new StoredColumn(this.decode));
    return this.columns;
  }

  cell(r: number, c: number): CellValue {
    return r < this.length && c < this.columns.length ? this.columns[c].cell(r) : "";
  }

  instants(c: number): Float64Array | null {
    return this.columns[c]?.instants ?? null;
  }

  row(r: number): CellValue[] {
    const out = new Array<CellValue>(this.columns.length);
    for (let c = 0; c < out.length; c++) out[c] = this.cell(r, c);
    return out;
  }

  /** The cells as a Grid (rows padded with "" to the widest), for a reader that needs one. */
  grid(): Grid {
    return Array.from({ length: this.length }, (_, r) => this.row(r));
  }

  /** Each column's rows 0..rows-1 (see CsvBytesParser.part). */
  parts(rows: number): ColumnPart[] {
    return this.columns.map((column) => column.part(rows));
  }

  /** Whether each column takes its part (StoredColumn.takes). */
  takes(parts: readonly ColumnPart[]): boolean {
    return parts.every((part, c) => c >= this.columns.length || this.columns[c].takes(part));
  }

  codes(c: number): CodedColumn | null {
    return this.whole[c] ? this.columns[c].coded(this.length) : null;
  }
}
