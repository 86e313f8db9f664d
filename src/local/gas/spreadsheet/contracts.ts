// What the spreadsheet, its sheets, ranges, charts and rules need of one another, as structural types:
// the modules depend on these, so none of them imports another that imports it back.
import type { CellValue } from "../../../core/types";
import type { SheetLocale } from "./locale";
import type { ProtectionData } from "./protection";
import type { CellStore } from "./store";
import type { Typing } from "./typed-input";

/** A rectangle of one sheet, 1-based. */
export interface Rect {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

/** A rectangle on a given sheet, as charts, rules and named ranges record one. */
export interface SheetRect extends Rect {
  sheet: SheetRef;
}

/** Turns a recorded rectangle back into a Range facade (provided by the spreadsheet). */
export type RangeMaker = (r: SheetRect) => unknown;

/** A range as other modules take one (Range has these): its sheet and where it lies. */
export interface RangeRef {
  readonly _sheet: SheetRef;
  readonly _row: number;
  readonly _column: number;
  readonly _numRows: number;
  readonly _numColumns: number;
}

/** Where a range lies, as a record that outlives its facade. */
export function sheetRect(r: RangeRef): SheetRect {
  return { sheet: r._sheet, row: r._row, column: r._column, numRows: r._numRows, numColumns: r._numColumns };
}

/** What ranges, charts and rules need of their sheet (Sheet implements it). */
export interface SheetRef {
  readonly _store: CellStore;
  readonly _proxy: unknown;
  readonly _id: number;
  readonly _name: string;
  _merges: Rect[];
  _tz(): string;
  /** What typed input is parsed with: time zone, locale and the clock (for year-less dates). */
  _typing(): Typing;
  _evaluate(formula: string, r: number, c: number): CellValue;
  /** A counted Range facade after Google's argument checks. */
  _range(row: number, column: number, numRows?: number, numColumns?: number): RangeRef;
  /** Makes this sheet active, with `range` (on it) as the active range. */
  _select(range?: RangeRef): void;
  _protect(
    type: "RANGE" | "SHEET",
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): unknown;
}

/** What a sheet needs of its spreadsheet (Spreadsheet implements it). */
export interface SheetParent {
  readonly _proxy: unknown;
  readonly _timeZone: string;
  readonly _locale: SheetLocale;
  readonly _sheets: readonly { readonly _hidden: boolean }[];
  readonly _protections: ProtectionData[];
  readonly _ruleRange: RangeMaker;
  /** Cells in the whole workbook (for Google's 10-million-cell limit). */
  _cellCount(): number;
  _rename(sheet: SheetRef, name: string): void;
  _activate(sheet: SheetRef, range?: RangeRef): void;
  _activeRangeOn(sheet: SheetRef): unknown;
  _protectionsOf(type: string, sheet?: SheetRef): unknown[];
}
