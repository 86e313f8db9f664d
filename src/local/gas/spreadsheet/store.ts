// The cells of one sheet. Values are rows of arrays (row r = sheet row r + 1), so whole-range reads and
// writes are slices; other attributes live in sparse layers.
import type { CellValue } from "../../../core/types";
import { Layer } from "./layer";
import { plainText, type Typing } from "./typed-input";
import { coerceInput, readValue, type Written } from "./values";

export interface ValidationData {
  criteria: string;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class CellStore {
  values: CellValue[][] = [];
  readonly formulas = new Layer<string>();
  readonly notes = new Layer<string>();
  readonly formats = new Layer<string>();
  readonly validations = new Layer<ValidationData>();
  /** Style attributes by name ("background", "fontColor", "fontWeight", …). */
  readonly styles = new Map<string, Layer<unknown>>();

  constructor(
    public maxRows = 1000,
    public maxColumns = 26,
  ) {}

  style(name: string): Layer<unknown> {
    let layer = this.styles.get(name);
    if (!layer) {
      layer = new Layer<unknown>();
      this.styles.set(name, layer);
    }
    return layer;
  }

  private rowHasContent(r: number): boolean {
    const row = this.values[r];
    if (row) for (let c = row.length - 1; c >= 0; c--) if (row[c] !== "") return true;
    return this.formulas.hasRow(r);
  }

  /** 1-based last row with content, 0 if none. */
  lastRow(): number {
    for (let r = this.values.length - 1; r >= 0; r--) if (this.rowHasContent(r)) return r + 1;
    for (let r = this.formulas.rows.length - 1; r >= 0; r--) if (this.formulas.hasRow(r)) return r + 1;
    return 0;
  }

  /** 1-based last column with content, 0 if none. */
  lastColumn(): number {
    let last = -1;
    for (let r = 0; r < this.values.length; r++) {
      const row = this.values[r];
      for (let c = row.length - 1; c > last; c--) {
        if (row[c] !== "") {
          last = c;
          break;
        }
      }
    }
    for (let r = 0; r < this.formulas.rows.length; r++) last = Math.max(last, this.formulas.lastInRow(r));
    return last + 1;
  }

  get(r: number, c: number): CellValue {
    const v = this.values[r]?.[c];
    return v === undefined ? "" : v;
  }

  /** Copies of the values in a 0-based rectangle, blanks as "". */
  read(r: number, c: number, nr: number, nc: number): CellValue[][] {
    const out: CellValue[][] = new Array(nr);
    for (let i = 0; i < nr; i++) {
      const src = this.values[r + i];
      let row: CellValue[];
      if (!src) {
        row = new Array(nc).fill("");
      } else {
        row = src.slice(c, c + nc);
        for (let j = 0; j < row.length; j++) {
          const v = row[j];
          if (typeof v === "object") row[j] = readValue(v);
        }
        while (row.length < nc) row.push("");
      }
      out[i] = row;
    }
    return out;
  }

  private row(r: number, width: number): CellValue[] {
    while (this.values.length <= r) this.values.push([]);
    const row = this.values[r];
    while (row.length < width) row.push("");
    return row;
  }

  /** Stores one written cell (0-based), setting or clearing its formula. */
  put(r: number, c: number, w: Written): void {
    this.row(r, c + 1)[c] = w.value;
    if (w.formula !== undefined) this.formulas.set(r, c, w.formula);
    else if (this.formulas.rows[r]) this.formulas.set(r, c, undefined);
  }

  /**
   * Writes a grid as a script's setValues does (strings parsed as typed input), 0-based. Plain numbers and
   * plain text take a fast path: whole-sheet writes must stay cheap.
   */
  writeTyped(
    r: number,
    c: number,
    data: unknown[][],
    at: Typing,
    evaluate: (f: string, r: number, c: number) => CellValue,
  ): void {
    for (let i = 0; i < data.length; i++) {
      const src = data[i];
      const rr = r + i;
      const row = this.row(rr, c + src.length);
      const formats = this.formats.rows[rr];
      const formulas = this.formulas.rows[rr];
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        const cc = c + j;
        if (
          (typeof v === "number" && !Number.isNaN(v)) ||
          (typeof v === "string" && plainText(v)) ||
          typeof v === "boolean"
        ) {
          row[cc] = v === 0 ? 0 : (v as CellValue);
          if (formulas && cc < formulas.length) formulas[cc] = undefined;
          continue;
        }
        const w = coerceInput(v, formats?.[cc] === "@", at, (f) => evaluate(f, rr, cc));
        row[cc] = w.value;
        if (w.formula !== undefined) this.formulas.set(rr, cc, w.formula);
        else if (this.formulas.rows[rr]) this.formulas.set(rr, cc, undefined);
      }
    }
  }

  /** Stores raw values (already typed, e.g. from a workbook file), no formula parsing. */
  putRaw(r: number, c: number, grid: CellValue[][]): void {
    for (let i = 0; i < grid.length; i++) {
      const src = grid[i];
      const row = this.row(r + i, c + src.length);
      for (let j = 0; j < src.length; j++) {
        const v = src[j];
        row[c + j] = v === null || v === undefined ? "" : v instanceof Date ? new Date(v.getTime()) : v;
      }
    }
  }

  clearValues(r: number, c: number, nr: number, nc: number): void {
    const end = Math.min(r + nr, this.values.length);
    for (let i = r; i < end; i++) {
      const row = this.values[i];
      const stop = Math.min(c + nc, row.length);
      for (let j = c; j < stop; j++) row[j] = "";
    }
    this.formulas.clear(r, c, nr, nc);
  }

  clearFormats(r: number, c: number, nr: number, nc: number): void {
    this.formats.clear(r, c, nr, nc);
    for (const layer of this.styles.values()) layer.clear(r, c, nr, nc);
  }

  private layers(): Layer<unknown>[] {
    return [this.formulas, this.notes, this.formats, this.validations, ...this.styles.values()];
  }

  spliceRows(start: number, deleteCount: number, insertCount: number): void {
    if (start < this.values.length) {
      // Rebuilt rather than splice(...spread): spreading 100k arguments overflows the stack.
      const v = this.values;
      const out: CellValue[][] = v.slice(0, start);
      for (let i = 0; i < insertCount; i++) out.push([]);
      for (let i = start + deleteCount; i < v.length; i++) out.push(v[i]);
      this.values = out;
    }
    for (const layer of this.layers()) layer.spliceRows(start, deleteCount, insertCount);
    this.maxRows += insertCount - deleteCount;
  }

  spliceColumns(start: number, deleteCount: number, insertCount: number): void {
    const blanks = new Array<CellValue>(insertCount).fill("");
    for (const row of this.values) if (start < row.length) row.splice(start, deleteCount, ...blanks);
    for (const layer of this.layers()) layer.spliceColumns(start, deleteCount, insertCount);
    this.maxColumns += insertCount - deleteCount;
  }
}
