// Sheet: one tab. Holds the cells (CellStore) and the tab-level state the add-on sets up.
import type { CellValue } from "../../../core/types";
import type { Env } from "../env";
import { signatureError } from "../signature";
import { parseA1 } from "./a1";
import { type ChartData, chartBuilder, chartDataOf, chartFacade, newChartId } from "./charts";
import { type ConditionalFormatRule, cloneRule, type RuleData, ruleFacade } from "./conditional";
import type { RangeRef, Rect, SheetParent, SheetRef } from "./contracts";
import { type ProtectionData, protectionFacade } from "./protection";
import { Range } from "./range";
import { CellStore } from "./store";
import type { Typing } from "./typed-input";
import { evaluateFormula } from "./values";

const MAX_CELLS = 10_000_000;

const badArgs = (method: string, args: unknown[]) => signatureError("SpreadsheetApp.Sheet", method, args);

export class Sheet implements SheetRef {
  readonly _store: CellStore;
  readonly _proxy: Sheet;
  _frozenRows = 0;
  _frozenColumns = 0;
  _hidden = false;
  _tabColor: string | null = null;
  _columnWidths = new Map<number, number>();
  _rowHeights = new Map<number, number>();
  _hiddenColumns = new Set<number>();
  _hiddenRows = new Set<number>();
  _rules: RuleData[] = [];
  _merges: Rect[] = [];
  /** Calls that only change appearance (autoResizeColumns, …), recorded for tests. */
  _layoutLog: string[] = [];
  /** Embedded charts, in insertion order. */
  _charts: ChartData[] = [];

  constructor(
    readonly _env: Env,
    readonly _parent: SheetParent,
    public _name: string,
    readonly _id: number,
    maxRows = 1000,
    maxColumns = 26,
  ) {
    this._store = new CellStore(maxRows, maxColumns);
    this._proxy = _env.wrap(this, "Sheet");
  }

  _tz(): string {
    return this._parent._timeZone;
  }

  /** How strings written now are parsed: the spreadsheet's locale and time zone, the runtime clock. */
  _typing(): Typing {
    return { tz: this._parent._timeZone, locale: this._parent._locale, now: this._env.clock.now() };
  }

  _evaluate(formula: string, r: number, c: number): CellValue {
    const v = evaluateFormula(formula);
    if (v !== undefined) return v;
    const custom = this._env.options.formulaValue?.(formula, {
      sheet: this._name,
      row: r + 1,
      column: c + 1,
    });
    return custom === undefined ? "#N/A" : custom;
  }

  /** Grows the grid (Google's 10-million-cell workbook limit applies). */
  _grow(rows: number, columns: number): void {
    const s = this._store;
    const newRows = Math.max(s.maxRows, rows);
    const newCols = Math.max(s.maxColumns, columns);
    if (newRows === s.maxRows && newCols === s.maxColumns) return;
    const others = this._parent._cellCount() - s.maxRows * s.maxColumns;
    if (others + newRows * newCols > MAX_CELLS) {
      throw new Error(
        `This action would increase the number of cells in the workbook above the limit of ${MAX_CELLS} cells.`,
      );
    }
    s.maxRows = newRows;
    s.maxColumns = newCols;
  }

  /** A Range facade after Google's argument checks. */
  _range(row: number, column: number, numRows = 1, numColumns = 1): Range {
    const args = [row, column, numRows, numColumns];
    if (args.some((a) => typeof a !== "number" || !Number.isFinite(a))) throw badArgs("getRange", args);
    [row, column, numRows, numColumns] = args.map(Math.trunc);
    if (row < 1) throw new Error("The starting row of the range is too small.");
    if (column < 1) throw new Error("The starting column of the range is too small.");
    if (numRows < 1) throw new Error("The number of rows in the range must be at least 1.");
    if (numColumns < 1) throw new Error("The number of columns in the range must be at least 1.");
    const lastRow = row + numRows - 1;
    const lastColumn = column + numColumns - 1;
    if (lastRow > this._store.maxRows || lastColumn > this._store.maxColumns) {
      if (this._env.options.strictBounds !== false) {
        throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
      }
      this._grow(lastRow, lastColumn);
    }
    return this._env.wrap(new Range(this._env, this, row, column, numRows, numColumns), "Range");
  }

  _select(range?: RangeRef): void {
    this._parent._activate(this, range);
  }

  _rangeA1(a1: string): Range {
    const p = parseA1(a1);
    if (!p) throw new Error("Range not found");
    const row = p.row ?? 1;
    const column = p.column ?? 1;
    const lastRow = p.lastRow ?? this._store.maxRows;
    const lastColumn = p.lastColumn ?? this._store.maxColumns;
    return this._range(row, column, lastRow - row + 1, lastColumn - column + 1);
  }

  _protect(
    type: "RANGE" | "SHEET",
    row: number,
    column: number,
    numRows: number,
    numColumns: number,
  ): unknown {
    const all = this._parent._protections;
    if (type === "SHEET") {
      // Protecting an already protected sheet returns the existing protection.
      const existing = all.find((p) => p.type === "SHEET" && p.sheet === this);
      if (existing) return protectionFacade(this._env, existing, all);
    }
    const data: ProtectionData = {
      type,
      sheet: this,
      row,
      column,
      numRows,
      numColumns,
      description: "",
      warningOnly: false,
      editors: [],
      domainEdit: true,
      unprotected: [],
      removed: false,
    };
    all.push(data);
    return protectionFacade(this._env, data, all);
  }

  // --- identity ---
  getName(): string {
    return this._name;
  }
  setName(name: string): this {
    this._parent._rename(this, String(name));
    return this;
  }
  getSheetName(): string {
    return this._name;
  }
  getSheetId(): number {
    return this._id;
  }
  getIndex(): number {
    return this._parent._sheets.indexOf(this) + 1;
  }
  getParent(): unknown {
    return this._parent._proxy;
  }
  getType(): string {
    return "GRID";
  }
  activate(): this {
    this._select();
    return this;
  }
  showSheet(): this {
    this._hidden = false;
    return this;
  }
  hideSheet(): this {
    if (this._parent._sheets.filter((s) => !s._hidden && s !== this).length === 0) {
      throw new Error("You can't hide all the sheets in a document.");
    }
    this._hidden = true;
    return this;
  }
  isSheetHidden(): boolean {
    return this._hidden;
  }
  setTabColor(color: string | null): this {
    this._tabColor = color;
    return this;
  }
  getTabColor(): string | null {
    return this._tabColor;
  }

  // --- size and content extent ---
  getLastRow(): number {
    return this._store.lastRow();
  }
  getLastColumn(): number {
    return this._store.lastColumn();
  }
  getMaxRows(): number {
    return this._store.maxRows;
  }
  getMaxColumns(): number {
    return this._store.maxColumns;
  }

  // --- ranges ---
  getRange(a: number | string, column?: number, numRows?: number, numColumns?: number): Range {
    if (typeof a === "string") return this._rangeA1(a);
    if (column === undefined) throw badArgs("getRange", [a]);
    return this._range(a, column, numRows ?? 1, numColumns ?? 1);
  }
  getDataRange(): Range {
    return this._range(1, 1, Math.max(1, this._store.lastRow()), Math.max(1, this._store.lastColumn()));
  }
  getSheetValues(row: number, column: number, numRows: number, numColumns: number): CellValue[][] {
    const nr = numRows === -1 ? this._store.lastRow() - row + 1 : numRows;
    const nc = numColumns === -1 ? this._store.lastColumn() - column + 1 : numColumns;
    return this._range(row, column, nr, nc).getValues();
  }
  getActiveRange(): unknown {
    return this._parent._activeRangeOn(this);
  }
  getActiveCell(): unknown {
    return this._parent._activeRangeOn(this) ?? this._range(1, 1);
  }
  setActiveRange(range: Range): unknown {
    this._select(range);
    return range;
  }

  // --- rows and columns ---
  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents)) throw badArgs("appendRow", [rowContents]);
    const row = this._store.lastRow() + 1;
    this._env.cells.writing(rowContents.length);
    this._grow(row, rowContents.length);
    this._store.writeTyped(row - 1, 0, [rowContents], this._typing(), (f, r, c) => this._evaluate(f, r, c));
    return this;
  }
  insertRowsAfter(afterPosition: number, howMany: number): this {
    this._checkRow(afterPosition, "insertRowsAfter");
    return this.insertRows(afterPosition, howMany);
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRowsAfter(afterPosition, 1);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    this._checkRow(beforePosition, "insertRowsBefore");
    return this.insertRows(beforePosition - 1, howMany);
  }
  /** Inserts `howMany` blank rows after 0-based row `at` (the grid grows; the workbook limit applies). */
  private insertRows(at: number, howMany: number): this {
    this._grow(this._store.maxRows + howMany, 0);
    this._store.maxRows -= howMany;
    this._store.spliceRows(at, 0, howMany);
    return this;
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRowsBefore(beforePosition, 1);
  }
  deleteRows(rowPosition: number, howMany: number): void {
    this._checkRow(rowPosition, "deleteRows");
    if (rowPosition + howMany - 1 > this._store.maxRows) throw new Error("Those rows are out of bounds.");
    if (howMany >= this._store.maxRows) throw new Error("You can't delete all the rows on the sheet.");
    this._store.spliceRows(rowPosition - 1, howMany, 0);
  }
  deleteRow(rowPosition: number): void {
    this.deleteRows(rowPosition, 1);
  }
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    return this.insertColumns(afterPosition, howMany);
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    return this.insertColumns(beforePosition - 1, howMany);
  }
  /** Inserts `howMany` blank columns after 0-based column `at`. */
  private insertColumns(at: number, howMany: number): this {
    this._grow(0, this._store.maxColumns + howMany);
    this._store.maxColumns -= howMany;
    this._store.spliceColumns(at, 0, howMany);
    return this;
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    if (columnPosition < 1 || columnPosition + howMany - 1 > this._store.maxColumns) {
      throw new Error("Those columns are out of bounds.");
    }
    if (howMany >= this._store.maxColumns) throw new Error("You can't delete all the columns on the sheet.");
    this._store.spliceColumns(columnPosition - 1, howMany, 0);
  }
  deleteColumn(columnPosition: number): void {
    this.deleteColumns(columnPosition, 1);
  }
  private _checkRow(position: number, method: string): void {
    if (typeof position !== "number" || !Number.isFinite(position)) throw badArgs(method, [position]);
    if (position < 1 || position > this._store.maxRows) throw new Error("Those rows are out of bounds.");
  }

  // --- layout (recorded) ---
  setFrozenRows(rows: number): void {
    this._frozenRows = rows;
  }
  getFrozenRows(): number {
    return this._frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this._frozenColumns = columns;
  }
  getFrozenColumns(): number {
    return this._frozenColumns;
  }
  autoResizeColumns(startColumn: number, numColumns: number): this {
    this._layoutLog.push(`autoResizeColumns(${startColumn},${numColumns})`);
    return this;
  }
  autoResizeColumn(column: number): this {
    this._layoutLog.push(`autoResizeColumn(${column})`);
    return this;
  }
  autoResizeRows(startRow: number, numRows: number): this {
    this._layoutLog.push(`autoResizeRows(${startRow},${numRows})`);
    return this;
  }
  setColumnWidth(column: number, width: number): this {
    this._columnWidths.set(column, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this._columnWidths.set(c, width);
    return this;
  }
  getColumnWidth(column: number): number {
    return this._columnWidths.get(column) ?? 100;
  }
  setRowHeight(row: number, height: number): this {
    this._rowHeights.set(row, height);
    return this;
  }
  setRowHeights(startRow: number, numRows: number, height: number): this {
    for (let r = startRow; r < startRow + numRows; r++) this._rowHeights.set(r, height);
    return this;
  }
  getRowHeight(row: number): number {
    return this._rowHeights.get(row) ?? 21;
  }
  hideColumns(column: number, numColumns = 1): void {
    for (let c = column; c < column + numColumns; c++) this._hiddenColumns.add(c);
  }
  showColumns(column: number, numColumns = 1): void {
    for (let c = column; c < column + numColumns; c++) this._hiddenColumns.delete(c);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this._hiddenColumns.has(column);
  }
  hideRows(row: number, numRows = 1): void {
    for (let r = row; r < row + numRows; r++) this._hiddenRows.add(r);
  }
  showRows(row: number, numRows = 1): void {
    for (let r = row; r < row + numRows; r++) this._hiddenRows.delete(r);
  }
  isRowHiddenByUser(row: number): boolean {
    return this._hiddenRows.has(row);
  }

  // --- clearing ---
  clear(options?: { contentsOnly?: boolean; formatOnly?: boolean }): this {
    const s = this._store;
    if (!options?.formatOnly) s.clearValues(0, 0, s.maxRows, s.maxColumns);
    if (!options?.contentsOnly) {
      s.clearFormats(0, 0, s.maxRows, s.maxColumns);
      if (!options?.formatOnly) {
        s.notes.clearAll();
        s.validations.clearAll();
      }
    }
    if (!options) s.values = [];
    return this;
  }
  clearContents(): this {
    const s = this._store;
    s.clearValues(0, 0, s.maxRows, s.maxColumns);
    return this;
  }
  clearFormats(): this {
    const s = this._store;
    s.clearFormats(0, 0, s.maxRows, s.maxColumns);
    return this;
  }
  clearNotes(): this {
    this._store.notes.clearAll();
    return this;
  }

  // --- conditional formats and protection ---
  getConditionalFormatRules(): ConditionalFormatRule[] {
    return this._env.realm.plain(
      this._rules.map((d) => ruleFacade(this._env, cloneRule(d), this._parent._ruleRange)),
    );
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    if (!Array.isArray(rules)) throw badArgs("setConditionalFormatRules", [rules]);
    this._rules = rules.map((r) => cloneRule((r as ConditionalFormatRule)._data));
  }
  clearConditionalFormatRules(): void {
    this._rules = [];
  }
  protect(): unknown {
    return this._protect("SHEET", 1, 1, this._store.maxRows, this._store.maxColumns);
  }
  getProtections(type: string): unknown[] {
    return this._parent._protectionsOf(type, this);
  }

  // --- embedded charts ---
  newChart(): unknown {
    return chartBuilder(this._env);
  }
  insertChart(chart: unknown): void {
    const data = chartDataOf(chart, "insertChart");
    // Every insert is a new chart, even of a chart read with getCharts.
    this._charts.push({ ...data, id: newChartId(this._env), ranges: data.ranges.map((r) => ({ ...r })) });
  }
  getCharts(): unknown[] {
    return this._env.realm.plain(this._charts.map((d) => chartFacade(this._env, d)));
  }
  updateChart(chart: unknown): void {
    const data = chartDataOf(chart, "updateChart");
    this._charts[this.chartIndex(data)] = { ...data, ranges: data.ranges.map((r) => ({ ...r })) };
  }
  removeChart(chart: unknown): void {
    this._charts.splice(this.chartIndex(chartDataOf(chart, "removeChart")), 1);
  }
  private chartIndex(data: ChartData): number {
    const i = this._charts.findIndex((d) => d.id !== null && d.id === data.id);
    if (i < 0) throw new Error("The chart could not be found on this sheet."); // _local_ message
    return i;
  }
}
