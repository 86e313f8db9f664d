// Column views: a tab column converted once into the forms conditions compare (normalized text,
// numbers), so rule tests in the hot loops are array reads, not per-cell parsing. Index = grid row.
import type { CellTable, CellValue } from "./types";
import { normText, parseNumber } from "./values";

export interface ColumnSource {
  /** Trimmed lower-case text per grid row; "" = blank. */
  text(): string[];
  /** Number per grid row; NaN when blank or not numeric. */
  num(): Float64Array;
  /** True when every cell is a number or blank (NaN means blank): no text needs telling apart. */
  readonly numeric?: boolean;
  /** The column's distinct cells, when few enough that a condition is best tested once per value. */
  dictionary?(): Dictionary | null;
}

/** Row → code of its cell value; `values` is a column over the codes (code 0 = blank). */
export interface Dictionary {
  codes: Int32Array;
  values: ColumnSource;
  size: number;
}

function cellNorm(v: CellValue | undefined): string {
  return typeof v === "string" ? (v.length === 0 ? "" : v.trim().toLowerCase()) : normText(v);
}

function cellNum(v: CellValue | undefined): number {
  return typeof v === "number" ? (Number.isFinite(v) ? v : Number.NaN) : parseNumber(v);
}

/** A column of the given cells (index = position). */
function cellsColumn(cells: readonly (CellValue | undefined)[]): ColumnSource {
  let text: string[] | undefined;
  let num: Float64Array | undefined;
  return {
    text: () => (text ??= cells.map(cellNorm)),
    num: () => (num ??= Float64Array.from(cells, cellNum)),
  };
}

/**
 * A lazily converted table column; each form is computed at most once. `only` limits the conversion to
 * the rows a rule can test (e.g. Page View rows of Detail); other rows read as blank. `coded`: the
 * column already coded on those rows (null: too many values to code), else it is coded on request.
 */
export function tableColumn(
  table: CellTable,
  col: number,
  only?: (row: number) => boolean,
  coded?: Dictionary | null,
): ColumnSource {
  let text: string[] | undefined;
  let num: Float64Array | undefined;
  let dict: Dictionary | null | undefined = coded;
  return {
    text() {
      if (text === undefined) {
        const n = table.length;
        text = new Array<string>(n);
        text[0] = "";
        for (let r = 1; r < n; r++)
          text[r] = only !== undefined && !only(r) ? "" : cellNorm(table.cell(r, col));
      }
      return text;
    },
    num() {
      if (num === undefined) {
        const n = table.length;
        num = new Float64Array(n).fill(Number.NaN);
        for (let r = 1; r < n; r++) {
          if (only !== undefined && !only(r)) continue;
          num[r] = cellNum(table.cell(r, col));
        }
      }
      return num;
    },
    dictionary() {
      if (dict === undefined) dict = text === undefined ? codeCells(table, col) : null;
      return dict;
    },
  };
}

/**
 * Codes cells by value (a Map on the raw cell: no text is normalized per row) until there are more
 * distinct values than a sixteenth of the rows (keys, names, dates: testing per row is cheaper then).
 */
export class CellCoder {
  private readonly codes: Int32Array;
  private readonly cells: (CellValue | undefined)[] = [null];
  private readonly ids = new Map<CellValue | undefined, number>([
    [null, 0],
    [undefined, 0],
    ["", 0],
  ]);
  private readonly limit: number;

  constructor(rows: number) {
    this.codes = new Int32Array(rows);
    this.limit = Math.max(64, rows >> 4);
  }

  /** Codes row r's cell; false once the values are too many (then the coder is done with). */
  add(v: CellValue | undefined, r: number): boolean {
    const id = this.id(v);
    if (id < 0) return false;
    this.codes[r] = id;
    return true;
  }

  /** The code of a value, made if new; -1 once the values are too many. */
  id(v: CellValue | undefined): number {
    let id = this.ids.get(v);
    if (id === undefined) {
      if (this.cells.length >= this.limit) return -1;
      id = this.cells.length;
      this.cells.push(v);
      this.ids.set(v, id);
    }
    return id;
  }

  /** Row r's cell has code `id` (from id). */
  set(r: number, id: number): void {
    this.codes[r] = id;
  }

  /** Rows never added read as blank (code 0). */
  finish(): Dictionary {
    return { codes: this.codes, values: cellsColumn(this.cells), size: this.cells.length };
  }
}

function codeCells(table: CellTable, col: number): Dictionary | null {
  const coder = new CellCoder(table.length);
  for (let r = 1; r < table.length; r++) if (!coder.add(table.cell(r, col), r)) return null;
  return coder.finish();
}

/** A column computed by the engine (derived lead fields): numbers, with text made on demand. */
export function numberColumn(values: Float64Array): ColumnSource {
  let text: string[] | undefined;
  return {
    numeric: true,
    num: () => values,
    text() {
      if (text === undefined) {
        text = new Array<string>(values.length);
        for (let i = 0; i < values.length; i++) text[i] = Number.isNaN(values[i]) ? "" : String(values[i]);
      }
      return text;
    },
  };
}

/** A derived text column; numbers are parsed on demand. */
export function textColumn(values: string[]): ColumnSource {
  let num: Float64Array | undefined;
  return {
    text: () => values,
    num() {
      if (num === undefined) {
        num = new Float64Array(values.length);
        for (let i = 0; i < values.length; i++) num[i] = parseNumber(values[i]);
      }
      return num;
    },
  };
}
