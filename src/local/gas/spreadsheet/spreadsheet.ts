// Spreadsheet: the workbook — its sheets, active sheet/range, protections, named ranges, toasts.
import type { CellValue } from "../../../core/types";
import type { Env } from "../env";
import { checkTimeZone } from "../tz";
import type { UiLog } from "../ui";
import { splitSheet } from "./a1";
import { type RangeRef, type SheetParent, type SheetRect, type SheetRef, sheetRect } from "./contracts";
import { type SheetLocale, sheetLocale } from "./locale";
import { type ProtectionData, protectionFacade, userFacade } from "./protection";
import type { Range } from "./range";
import { Sheet } from "./sheet";

export class Spreadsheet implements SheetParent {
  readonly _proxy: Spreadsheet;
  _sheets: Sheet[] = [];
  _protections: ProtectionData[] = [];
  _named = new Map<string, SheetRect>();
  _timeZone: string;
  _locale: SheetLocale;
  private active: Sheet | null = null;
  private activeRange: SheetRect | null = null;
  private nextSheetId = 0;

  constructor(
    readonly _env: Env,
    readonly _ui: UiLog,
    public _name: string,
    readonly _id: string,
  ) {
    this._timeZone = _env.options.timeZone;
    this._locale = sheetLocale(_env.options.locale ?? "en_US");
    this._proxy = _env.wrap(this, "Spreadsheet");
  }

  /** Drops every sheet, protection and named range (the runtime then adds the tabs it loads). */
  _clear(): void {
    this._sheets = [];
    this._protections = [];
    this._named.clear();
  }

  /** Uncounted creation, for the runtime (loadTabs). */
  _addSheet(name: string, index?: number, rows = 1000, columns = 26): Sheet {
    if (this._sheetByName(name)) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    // Google numbers the first sheet 0 and gives later ones large ids.
    const id = this.nextSheetId === 0 ? 0 : 100000000 + this.nextSheetId * 7919;
    this.nextSheetId++;
    const sheet = new Sheet(this._env, this, name, id, rows, columns);
    if (index === undefined || index >= this._sheets.length) this._sheets.push(sheet);
    else this._sheets.splice(Math.max(0, index), 0, sheet);
    return sheet;
  }

  _sheetByName(name: string): Sheet | undefined {
    // Sheet names are matched case-insensitively by Sheets.
    const lower = name.toLowerCase();
    return this._sheets.find((s) => s._name.toLowerCase() === lower);
  }

  _rename(sheet: Sheet, name: string): void {
    const other = this._sheetByName(name);
    if (other && other !== sheet) {
      throw new Error(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
    if (!name.trim()) throw new Error("Sheet name must not be empty.");
    sheet._name = name;
  }

  _cellCount(): number {
    return this._sheets.reduce((n, s) => n + s._store.maxRows * s._store.maxColumns, 0);
  }

  _activate(sheet: Sheet, range?: RangeRef): void {
    this.active = sheet;
    this.activeRange = range ? { ...sheetRect(range), sheet } : null;
  }

  _has(sheet: SheetRef): boolean {
    return this._sheets.some((s) => s === sheet);
  }

  _activeSheet(): Sheet {
    if (!this.active || !this._sheets.includes(this.active)) this.active = this._sheets[0];
    return this.active;
  }

  _activeRangeOn(sheet: Sheet): Range | null {
    const a = this.activeRange;
    if (!a || a.sheet !== sheet || !this._has(sheet)) return null;
    return sheet._range(a.row, a.column, a.numRows, a.numColumns);
  }

  readonly _ruleRange = (r: SheetRect): unknown => r.sheet._range(r.row, r.column, r.numRows, r.numColumns);

  _protectionsOf(type: string, sheet?: Sheet): unknown[] {
    const list = this._protections.filter((p) => p.type === type && (!sheet || p.sheet === sheet));
    return this._env.realm.plain(list.map((p) => protectionFacade(this._env, p, this._protections)));
  }

  // --- identity ---
  getId(): string {
    return this._id;
  }
  getName(): string {
    return this._name;
  }
  rename(name: string): void {
    this._name = String(name);
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this._id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this._timeZone;
  }
  setSpreadsheetTimeZone(timeZone: string): void {
    this._timeZone = checkTimeZone(String(timeZone));
  }
  getSpreadsheetLocale(): string {
    return this._locale.id;
  }
  setSpreadsheetLocale(locale: string): void {
    this._locale = sheetLocale(String(locale));
  }
  getOwner(): unknown {
    return userFacade(this._env, this._env.options.user);
  }
  getEditors(): unknown[] {
    return this._env.realm.plain(this._env.users.editors.map((e) => userFacade(this._env, e)));
  }
  addEditor(_user: unknown): this {
    return this;
  }
  getFormUrl(): string | null {
    return null;
  }

  // --- sheets ---
  getSheets(): Sheet[] {
    return this._env.realm.plain(this._sheets.map((s) => s._proxy));
  }
  getNumSheets(): number {
    return this._sheets.length;
  }
  getSheetByName(name: string): Sheet | null {
    return this._sheetByName(String(name))?._proxy ?? null;
  }
  getSheetById(id: number): Sheet | null {
    return this._sheets.find((s) => s._id === id)?._proxy ?? null;
  }
  /** insertSheet(), insertSheet(name), insertSheet(index), insertSheet(name, index). The new sheet becomes active. */
  insertSheet(a?: string | number, b?: number): Sheet {
    let name: string | undefined;
    let index: number | undefined;
    if (typeof a === "number") index = a;
    else if (a !== undefined) {
      name = String(a);
      index = typeof b === "number" ? b : undefined;
    }
    if (name === undefined) {
      let n = this._sheets.length + 1;
      while (this._sheetByName(`Sheet${n}`)) n++;
      name = `Sheet${n}`;
    }
    const sheet = this._addSheet(name, index);
    this._activate(sheet);
    return sheet._proxy;
  }
  deleteSheet(sheet: Sheet): void {
    const raw = this._sheets.find((s) => s._proxy === sheet || s === sheet);
    if (!raw) throw new Error("Sheet not found");
    if (this._sheets.length === 1) throw new Error("You can't remove all the sheets in a document.");
    this._sheets.splice(this._sheets.indexOf(raw), 1);
    this._protections = this._protections.filter((p) => p.sheet !== raw);
    if (this.active === raw) this.active = null;
  }
  getActiveSheet(): Sheet {
    return this._activeSheet()._proxy;
  }
  setActiveSheet(sheet: Sheet): Sheet {
    const raw = this._sheets.find((s) => s._proxy === sheet || s === sheet);
    if (!raw) throw new Error("Sheet not found");
    this._activate(raw);
    return raw._proxy;
  }
  getActiveRange(): unknown {
    return this._activeRangeOn(this._activeSheet());
  }
  getActiveCell(): unknown {
    const r = this._activeRangeOn(this._activeSheet());
    return r ? r._sheet._range(r._row, r._column, 1, 1) : this._activeSheet()._range(1, 1);
  }
  setActiveRange(range: Range): unknown {
    range._sheet._select(range);
    return range;
  }

  // --- ranges ---
  /** getRange("A1:B2") on the active sheet or getRange("'Tab name'!A1:B2"). */
  getRange(a1: string): Range {
    const { sheet } = splitSheet(String(a1));
    const target = sheet === undefined ? this._activeSheet() : this._sheetByName(sheet);
    if (!target) throw new Error("Range not found");
    return target._rangeA1(String(a1));
  }
  getRangeByName(name: string): RangeRef | null {
    const n = this._named.get(String(name));
    if (!n || !this._has(n.sheet)) return null;
    return n.sheet._range(n.row, n.column, n.numRows, n.numColumns);
  }
  setNamedRange(name: string, range: Range): void {
    this._named.set(String(name), sheetRect(range));
  }
  removeNamedRange(name: string): void {
    this._named.delete(String(name));
  }
  getProtections(type: string): unknown[] {
    return this._protectionsOf(type);
  }

  // --- active-sheet shortcuts Google also offers on Spreadsheet ---
  getLastRow(): number {
    return this._activeSheet().getLastRow();
  }
  getLastColumn(): number {
    return this._activeSheet().getLastColumn();
  }
  getDataRange(): Range {
    return this._activeSheet().getDataRange();
  }
  appendRow(row: unknown[]): this {
    this._activeSheet().appendRow(row);
    return this;
  }
  getSheetValues(row: number, column: number, numRows: number, numColumns: number): CellValue[][] {
    return this._activeSheet().getSheetValues(row, column, numRows, numColumns);
  }

  // --- UI ---
  toast(msg: string, title?: string, timeoutSeconds?: number): void {
    this._ui.toasts.push({
      message: String(msg),
      title: title === undefined ? "" : String(title),
      timeoutSeconds: timeoutSeconds ?? 5,
      at: this._env.clock.date(),
    });
  }
}
