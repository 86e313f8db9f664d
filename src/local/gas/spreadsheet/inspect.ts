// What tests read back from a sheet: everything the add-on set up on it, as plain data and uncounted.
import type { CellValue } from "../../../core/types";
import { a1Of } from "./a1";
import { type ChartState, chartState } from "./charts";
import type { ProtectionData } from "./protection";
import type { Sheet } from "./sheet";
import { displayValue } from "./values";

/** Every sheet-level fact the add-on may set up, read without counting calls. */
export interface SheetState {
  name: string;
  values: CellValue[][];
  formulas: string[][];
  displayValues: string[][];
  notes: { a1: string; note: string }[];
  validations: {
    a1: string;
    criteria: string;
    args: unknown[];
    allowInvalid: boolean;
    helpText: string | null;
  }[];
  numberFormats: { a1: string; format: string }[];
  styles: { a1: string; style: string; value: unknown }[];
  conditionalRules: {
    criteria: string;
    args: unknown[];
    background: string | null;
    fontColor: string | null;
    bold: boolean | null;
    ranges: string[];
  }[];
  protections: { type: string; a1: string; description: string; warningOnly: boolean }[];
  frozenRows: number;
  frozenColumns: number;
  hidden: boolean;
  tabColor: string | null;
  maxRows: number;
  maxColumns: number;
  columnWidths: Record<number, number>;
  merges: string[];
  layout: string[];
  /** Embedded charts, in insertion order. */
  charts: ChartState[];
}

interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

const rectA1 = (r: Rect) => a1Of(r.row, r.column, r.numRows, r.numColumns);

/** The set cells of a sparse layer, by A1. */
function sparse<V>(layer: { rows: (Array<V | undefined> | undefined)[] }): { a1: string; value: V }[] {
  const out: { a1: string; value: V }[] = [];
  layer.rows.forEach((row, r) => {
    row?.forEach((v, c) => {
      if (v !== undefined) out.push({ a1: a1Of(r + 1, c + 1), value: v });
    });
  });
  return out;
}

function grid<T>(rows: number, cols: number, cell: (r: number, c: number) => T): T[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => cell(r, c)));
}

/** The sheet's state; `protections` are the workbook's, of which those on this sheet are reported. */
export function inspectSheet(s: Sheet, protections: readonly ProtectionData[]): SheetState {
  const st = s._store;
  const tz = s._tz();
  const rows = st.lastRow();
  const cols = st.lastColumn();
  const styles: SheetState["styles"] = [];
  for (const [style, layer] of st.styles)
    for (const e of sparse(layer)) styles.push({ a1: e.a1, style, value: e.value });
  return {
    name: s._name,
    values: st.read(0, 0, rows, cols),
    formulas: grid(rows, cols, (r, c) => st.formulas.get(r, c) ?? ""),
    displayValues: grid(rows, cols, (r, c) => displayValue(st.get(r, c), st.formats.get(r, c), tz)),
    notes: sparse(st.notes).map((e) => ({ a1: e.a1, note: e.value })),
    validations: sparse(st.validations).map((e) => ({ a1: e.a1, ...e.value, args: [...e.value.args] })),
    numberFormats: sparse(st.formats).map((e) => ({ a1: e.a1, format: e.value })),
    styles,
    conditionalRules: s._rules.map((r) => ({
      criteria: r.criteria,
      args: [...r.args],
      background: r.background,
      fontColor: r.fontColor,
      bold: r.bold,
      ranges: r.ranges.map(rectA1),
    })),
    protections: protections
      .filter((p) => p.sheet === s)
      .map((p) => ({ type: p.type, a1: rectA1(p), description: p.description, warningOnly: p.warningOnly })),
    frozenRows: s._frozenRows,
    frozenColumns: s._frozenColumns,
    hidden: s._hidden,
    tabColor: s._tabColor,
    maxRows: st.maxRows,
    maxColumns: st.maxColumns,
    columnWidths: Object.fromEntries(s._columnWidths),
    merges: s._merges.map(rectA1),
    layout: [...s._layoutLog],
    charts: s._charts.map((d) => chartState(s, d)),
  };
}
