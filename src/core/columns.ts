// Column views: a tab column converted once into the forms conditions compare (normalized text,
// numbers), so rule tests in the hot loops are array reads, not per-cell parsing. Index = grid row.
import type { Grid } from "./types";
import { normText, parseNumber } from "./values";

export interface ColumnSource {
  /** Trimmed lower-case text per grid row; "" = blank. */
  text(): string[];
  /** Number per grid row; NaN when blank or not numeric. */
  num(): Float64Array;
}

/**
 * A lazily converted grid column; each form is computed at most once. `only` limits the conversion to
 * the rows a rule can test (e.g. Page View rows of Detail); other rows read as blank.
 */
export function gridColumn(grid: Grid, col: number, only?: (row: number) => boolean): ColumnSource {
  let text: string[] | undefined;
  let num: Float64Array | undefined;
  return {
    text() {
      if (text === undefined) {
        const n = grid.length;
        text = new Array<string>(n);
        text[0] = "";
        for (let r = 1; r < n; r++) {
          if (only !== undefined && !only(r)) {
            text[r] = "";
            continue;
          }
          const v = grid[r]?.[col];
          text[r] = typeof v === "string" ? (v.length === 0 ? "" : v.trim().toLowerCase()) : normText(v);
        }
      }
      return text;
    },
    num() {
      if (num === undefined) {
        const n = grid.length;
        num = new Float64Array(n).fill(Number.NaN);
        for (let r = 1; r < n; r++) {
          if (only !== undefined && !only(r)) continue;
          const v = grid[r]?.[col];
          num[r] = typeof v === "number" ? (Number.isFinite(v) ? v : Number.NaN) : parseNumber(v);
        }
      }
      return num;
    },
  };
}

/** A column computed by the engine (derived lead fields): numbers, with text made on demand. */
export function numberColumn(values: Float64Array): ColumnSource {
  let text: string[] | undefined;
  return {
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
