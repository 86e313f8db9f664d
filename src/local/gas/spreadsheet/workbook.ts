// The spreadsheet as the runtime and its tests reach it: tabs by name, uncounted, and the writes a user
// or a form makes (never a script's). The runtime goes through this surface, not the fakes' internals.
import type { CellValue } from "../../../core/types";
import type { RangeRef } from "./contracts";
import { inspectSheet, type SheetState } from "./inspect";
import type { ProtectionData } from "./protection";
import type { Range } from "./range";
import type { Sheet } from "./sheet";
import type { Spreadsheet } from "./spreadsheet";
import { displayValue } from "./values";

export interface TabValues {
  name: string;
  values: CellValue[][];
}

export class Workbook {
  constructor(private readonly ss: Spreadsheet) {}

  /** The spreadsheet as a script sees it (calls through it are counted). */
  get facade(): Spreadsheet {
    return this.ss._proxy;
  }

  get timeZone(): string {
    return this.ss._timeZone;
  }

  /** Replaces all sheets with these tabs (values stored as given: no formula or number parsing). */
  load(tabs: TabValues[]): void {
    this.ss._clear();
    const list = tabs.length ? tabs : [{ name: "Sheet1", values: [] }];
    let first: Sheet | undefined;
    for (const tab of list) {
      const width = tab.values.reduce((w, r) => Math.max(w, r.length), 0);
      const sheet = this.ss._addSheet(
        tab.name,
        undefined,
        Math.max(1000, tab.values.length),
        Math.max(26, width),
      );
      sheet._store.putRaw(0, 0, tab.values);
      first ??= sheet;
    }
    if (first) this.ss._activate(first);
  }

  sheetNames(): string[] {
    return this.ss._sheets.map((s) => s._name);
  }

  /** The protections on a sheet, as stored (uncounted; cheaper than inspect for the local page). */
  protectionsOn(sheetName: string): readonly ProtectionData[] {
    const sheet = this.sheet(sheetName);
    return this.ss._protections.filter((p) => p.sheet === sheet);
  }

  /** Selects a range as the user does by clicking. */
  select(range: Range): void {
    this.ss._activate(range._sheet as Sheet, range);
  }

  /** The raw sheet (uncounted internals); throws when missing. */
  sheet(name: string): Sheet {
    const s = this.ss._sheetByName(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  /** One tab's values (rows up to getLastRow, columns up to getLastColumn). */
  values(name: string): CellValue[][] {
    const st = this.sheet(name)._store;
    return st.read(0, 0, st.lastRow(), st.lastColumn());
  }

  tabs(): TabValues[] {
    return this.sheetNames().map((name) => ({ name, values: this.values(name) }));
  }

  /** Everything the add-on set up on a sheet: formulas, notes, validation, formats, rules, protection… */
  inspect(name: string): SheetState {
    return inspectSheet(this.sheet(name), this.ss._protections);
  }

  hasSheet(name: string): boolean {
    return this.ss._sheetByName(name) !== undefined;
  }

  /** getRange("A1") on the active sheet or getRange("'Tab'!A1"), as a counted facade. */
  range(a1: string): Range {
    return this.ss.getRange(a1);
  }

  /** A user types `value` (one value, or a grid cell by cell); returns the top-left cell's old value. */
  typeIn(range: Range, value: unknown): CellValue {
    const old = range._topLeft();
    range._typeIn(value);
    return old;
  }

  /** What an edit event says of a range: a fresh facade and, for one cell, its value as text. */
  edited(range: Range): { range: RangeRef; value?: string } {
    const r = range._sheet._range(range._row, range._column, range._numRows, range._numColumns);
    if (range._numRows !== 1 || range._numColumns !== 1) return { range: r };
    return { range: r, value: this.eventText(range._topLeft()) };
  }

  /** A value as an event carries it: its display text; undefined for a blank. */
  eventText(v: CellValue): string | undefined {
    if (v === "" || v === null) return undefined;
    return displayValue(v, undefined, this.ss._timeZone);
  }

  /**
   * Appends a form response row (the tab is created if missing): Forms write the answers as given and
   * the timestamp as a date. Returns the new row's range.
   */
  appendFormResponse(sheetName: string, at: Date, values: unknown[]): Range {
    const sheet = this.ss._sheetByName(sheetName) ?? this.ss._addSheet(sheetName);
    const row = sheet._store.lastRow() + 1;
    sheet._grow(row, values.length);
    sheet._store.putRaw(row - 1, 0, [
      [at, ...values.slice(1).map((v) => (v === undefined ? "" : (v as CellValue)))],
    ]);
    return sheet._range(row, 1, 1, values.length);
  }
}
