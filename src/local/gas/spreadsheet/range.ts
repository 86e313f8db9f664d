// Range: a rectangle of one sheet (1-based row/column). Every method is counted as "Range.<method>".
import type { CellValue } from "../../../core/types";
import { DataValidationCriteria } from "../enums";
import type { Env } from "../env";
import { signatureError } from "../signature";
import { a1Of } from "./a1";
import type { RangeRef, Rect, SheetRef } from "./contracts";
import { type RichTextValue, richTextFacade } from "./richtext";
import type { CellStore, ValidationData } from "./store";
import { type DataValidation, validationFacade } from "./validation";
import { coerceInput, displayValue } from "./values";

const DEFAULT_NUMBER_FORMAT = "0.###############";

/** Defaults Sheets reports for unformatted cells. */
const STYLE_DEFAULTS: Record<string, unknown> = {
  background: "#ffffff",
  fontColor: "#000000",
  fontWeight: "normal",
  fontStyle: "normal",
  fontSize: 10,
  fontFamily: "Arial",
  fontLine: "none",
  horizontalAlignment: "general",
  verticalAlignment: "bottom",
  wrap: false,
  wrapStrategy: "OVERFLOW",
  border: null,
};

const signature = (method: string, args: unknown[]) => signatureError("SpreadsheetApp.Range", method, args);

/** A note as stored: none for null, undefined or "". */
function noteValue(note: unknown): string | undefined {
  return note === null || note === undefined || note === "" ? undefined : String(note);
}

export class Range implements RangeRef {
  constructor(
    private readonly env: Env,
    readonly _sheet: SheetRef,
    readonly _row: number,
    readonly _column: number,
    readonly _numRows: number,
    readonly _numColumns: number,
  ) {}

  private get store(): CellStore {
    return this._sheet._store;
  }
  private get r0(): number {
    return this._row - 1;
  }
  private get c0(): number {
    return this._column - 1;
  }

  // Google checks rows first, then each row's length.
  private checkShape(method: string, data: unknown): unknown[][] {
    if (!Array.isArray(data)) throw signature(method, [data]);
    if (data.length !== this._numRows) {
      throw new Error(
        `The number of rows in the data does not match the number of rows in the range. The data has ${data.length} but the range has ${this._numRows}.`,
      );
    }
    for (const row of data) {
      if (!Array.isArray(row)) throw signature(method, [data]);
      if (row.length !== this._numColumns) {
        throw new Error(
          `The number of columns in the data does not match the number of columns in the range. The data has ${row.length} but the range has ${this._numColumns}.`,
        );
      }
    }
    return data as unknown[][];
  }

  private write(r: number, c: number, value: unknown): void {
    const format = this.store.formats.get(r, c);
    const w = coerceInput(value, format === "@", this._sheet._typing(), (f) =>
      this._sheet._evaluate(f, r, c),
    );
    this.store.put(r, c, w);
  }

  private fill<T>(make: (i: number, j: number) => T): T[][] {
    const out: T[][] = new Array(this._numRows);
    for (let i = 0; i < this._numRows; i++) {
      const row: T[] = new Array(this._numColumns);
      for (let j = 0; j < this._numColumns; j++) row[j] = make(this.r0 + i, this.c0 + j);
      out[i] = row;
    }
    return out;
  }

  private each(fn: (r: number, c: number, i: number, j: number) => void): void {
    for (let i = 0; i < this._numRows; i++)
      for (let j = 0; j < this._numColumns; j++) fn(this.r0 + i, this.c0 + j, i, j);
  }

  /** The top-left cell's stored value (uncounted, for the runtime's edit events). */
  _topLeft(): CellValue {
    return this.store.get(this.r0, this.c0);
  }

  /** Writes as a user types: one value into every cell, or a grid cell by cell (uncounted). */
  _typeIn(value: unknown): void {
    const grid = Array.isArray(value) ? (value as unknown[][]) : null;
    this.each((r, c, i, j) => this.write(r, c, grid ? grid[i]?.[j] : value));
  }

  // --- values ---
  private get size(): number {
    return this._numRows * this._numColumns;
  }
  getValues(): CellValue[][] {
    this.env.cells.reading(this.size);
    return this.env.realm.grid(this.store.read(this.r0, this.c0, this._numRows, this._numColumns));
  }
  getValue(): CellValue {
    this.env.cells.reading(1);
    return this.store.read(this.r0, this.c0, 1, 1)[0][0];
  }
  setValues(values: unknown[][]): this {
    const data = this.checkShape("setValues", values);
    this.env.cells.writing(this.size);
    this.store.writeTyped(this.r0, this.c0, data, this._sheet._typing(), (f, r, c) =>
      this._sheet._evaluate(f, r, c),
    );
    return this;
  }
  /** Sets every cell of the range to the value (Google does the same for multi-cell ranges). */
  setValue(value: unknown): this {
    this.env.cells.writing(this.size);
    this.each((r, c) => this.write(r, c, value));
    return this;
  }
  private displayAt(r: number, c: number, tz: string): string {
    return displayValue(this.store.get(r, c), this.store.formats.get(r, c), tz);
  }
  getDisplayValues(): string[][] {
    const tz = this._sheet._tz();
    this.env.cells.reading(this.size);
    return this.env.realm.grid(this.fill((r, c) => this.displayAt(r, c, tz)));
  }
  getDisplayValue(): string {
    this.env.cells.reading(1);
    return this.displayAt(this.r0, this.c0, this._sheet._tz());
  }
  isBlank(): boolean {
    let blank = true;
    this.each((r, c) => {
      if (this.store.get(r, c) !== "" || this.store.formulas.get(r, c) !== undefined) blank = false;
    });
    return blank;
  }

  // --- formulas ---
  getFormulas(): string[][] {
    this.env.cells.reading(this.size);
    return this.env.realm.grid(this.fill((r, c) => this.store.formulas.get(r, c) ?? ""));
  }
  getFormula(): string {
    this.env.cells.reading(1);
    return this.store.formulas.get(this.r0, this.c0) ?? "";
  }
  setFormulas(formulas: string[][]): this {
    const data = this.checkShape("setFormulas", formulas);
    this.env.cells.writing(this.size);
    this.each((r, c, i, j) => this.writeFormula(r, c, data[i][j]));
    return this;
  }
  setFormula(formula: string): this {
    this.each((r, c) => this.writeFormula(r, c, formula));
    return this;
  }
  private writeFormula(r: number, c: number, f: unknown): void {
    if (f === "" || f === null || f === undefined) {
      this.store.clearValues(r, c, 1, 1);
      return;
    }
    const s = String(f);
    const w = s.startsWith("=")
      ? { formula: s, value: this._sheet._evaluate(s, r, c) }
      : coerceInput(s, false, this._sheet._typing(), (x) => this._sheet._evaluate(x, r, c));
    this.store.put(r, c, w);
  }

  // --- geometry ---
  getRow(): number {
    return this._row;
  }
  getColumn(): number {
    return this._column;
  }
  getRowIndex(): number {
    return this._row;
  }
  getColumnIndex(): number {
    return this._column;
  }
  getNumRows(): number {
    return this._numRows;
  }
  getNumColumns(): number {
    return this._numColumns;
  }
  getHeight(): number {
    return this._numRows;
  }
  getWidth(): number {
    return this._numColumns;
  }
  getLastRow(): number {
    return this._row + this._numRows - 1;
  }
  getLastColumn(): number {
    return this._column + this._numColumns - 1;
  }
  getA1Notation(): string {
    return a1Of(this._row, this._column, this._numRows, this._numColumns);
  }
  getSheet(): unknown {
    return this._sheet._proxy;
  }
  getGridId(): number {
    return this._sheet._id;
  }
  offset(rowOffset: number, columnOffset: number, numRows?: number, numColumns?: number): unknown {
    return this._sheet._range(
      this._row + rowOffset,
      this._column + columnOffset,
      numRows ?? this._numRows,
      numColumns ?? this._numColumns,
    );
  }
  getCell(row: number, column: number): unknown {
    if (row < 1 || row > this._numRows || column < 1 || column > this._numColumns) {
      throw new Error("The coordinates of the range are outside the dimensions of the sheet.");
    }
    return this._sheet._range(this._row + row - 1, this._column + column - 1, 1, 1);
  }
  activate(): this {
    this._sheet._select(this);
    return this;
  }
  activateAsCurrentCell(): this {
    return this.activate();
  }

  // --- clearing ---
  clearContent(): this {
    this.store.clearValues(this.r0, this.c0, this._numRows, this._numColumns);
    return this;
  }
  clearFormat(): this {
    this.store.clearFormats(this.r0, this.c0, this._numRows, this._numColumns);
    return this;
  }
  clearNote(): this {
    this.store.notes.clear(this.r0, this.c0, this._numRows, this._numColumns);
    return this;
  }
  clearDataValidations(): this {
    this.store.validations.clear(this.r0, this.c0, this._numRows, this._numColumns);
    return this;
  }
  /** clear() or clear({contentsOnly, formatOnly, validationsOnly, commentsOnly}) like Google. */
  clear(options?: {
    contentsOnly?: boolean;
    formatOnly?: boolean;
    validationsOnly?: boolean;
    commentsOnly?: boolean;
  }): this {
    const o = options ?? {};
    const any = o.contentsOnly || o.formatOnly || o.validationsOnly || o.commentsOnly;
    if (!any || o.contentsOnly) this.clearContent();
    if (!any || o.formatOnly) this.clearFormat();
    if (!any || o.validationsOnly) this.clearDataValidations();
    if (!any || o.commentsOnly) this.clearNote();
    return this;
  }

  // --- notes ---
  setNote(note: string | null): this {
    const v = noteValue(note);
    this.each((r, c) => this.store.notes.set(r, c, v));
    return this;
  }
  setNotes(notes: (string | null)[][]): this {
    const data = this.checkShape("setNotes", notes);
    this.each((r, c, i, j) => this.store.notes.set(r, c, noteValue(data[i][j])));
    return this;
  }
  getNote(): string {
    this.env.cells.reading(1);
    return this.store.notes.get(this.r0, this.c0) ?? "";
  }
  getNotes(): string[][] {
    this.env.cells.reading(this.size);
    return this.env.realm.grid(this.fill((r, c) => this.store.notes.get(r, c) ?? ""));
  }

  // --- number formats ---
  setNumberFormat(format: string): this {
    this.each((r, c) => this.store.formats.set(r, c, String(format)));
    return this;
  }
  setNumberFormats(formats: string[][]): this {
    const data = this.checkShape("setNumberFormats", formats);
    this.each((r, c, i, j) => this.store.formats.set(r, c, String(data[i][j])));
    return this;
  }
  getNumberFormat(): string {
    return this.store.formats.get(this.r0, this.c0) ?? DEFAULT_NUMBER_FORMAT;
  }
  getNumberFormats(): string[][] {
    return this.env.realm.grid(this.fill((r, c) => this.store.formats.get(r, c) ?? DEFAULT_NUMBER_FORMAT));
  }

  // --- styles (one pattern for all: set one value, set a grid, get top-left, get the grid) ---
  private setStyle(name: string, value: unknown): this {
    const v = value === null ? undefined : value;
    const layer = this.store.style(name);
    this.each((r, c) => layer.set(r, c, v));
    return this;
  }
  private setStyles(method: string, name: string, values: unknown[][]): this {
    const data = this.checkShape(method, values);
    const layer = this.store.style(name);
    this.each((r, c, i, j) => layer.set(r, c, data[i][j] === null ? undefined : data[i][j]));
    return this;
  }
  private getStyle(name: string): unknown {
    return this.store.styles.get(name)?.get(this.r0, this.c0) ?? STYLE_DEFAULTS[name];
  }
  private getStyles(name: string): unknown[][] {
    const layer = this.store.styles.get(name);
    return this.env.realm.grid(this.fill((r, c) => layer?.get(r, c) ?? STYLE_DEFAULTS[name]));
  }
  setBackground(color: string | null): this {
    return this.setStyle("background", color);
  }
  setBackgrounds(colors: (string | null)[][]): this {
    return this.setStyles("setBackgrounds", "background", colors);
  }
  getBackground(): unknown {
    return this.getStyle("background");
  }
  getBackgrounds(): unknown[][] {
    return this.getStyles("background");
  }
  setFontColor(color: string | null): this {
    return this.setStyle("fontColor", color);
  }
  setFontColors(colors: (string | null)[][]): this {
    return this.setStyles("setFontColors", "fontColor", colors);
  }
  getFontColor(): unknown {
    return this.getStyle("fontColor");
  }
  getFontColors(): unknown[][] {
    return this.getStyles("fontColor");
  }
  setFontWeight(weight: string | null): this {
    return this.setStyle("fontWeight", weight);
  }
  setFontWeights(weights: (string | null)[][]): this {
    return this.setStyles("setFontWeights", "fontWeight", weights);
  }
  getFontWeight(): unknown {
    return this.getStyle("fontWeight");
  }
  getFontWeights(): unknown[][] {
    return this.getStyles("fontWeight");
  }
  setFontStyle(style: string | null): this {
    return this.setStyle("fontStyle", style);
  }
  getFontStyle(): unknown {
    return this.getStyle("fontStyle");
  }
  setFontSize(size: number): this {
    return this.setStyle("fontSize", size);
  }
  getFontSize(): unknown {
    return this.getStyle("fontSize");
  }
  setFontFamily(family: string | null): this {
    return this.setStyle("fontFamily", family);
  }
  getFontFamily(): unknown {
    return this.getStyle("fontFamily");
  }
  setFontLine(line: string | null): this {
    return this.setStyle("fontLine", line);
  }
  setHorizontalAlignment(alignment: string | null): this {
    return this.setStyle("horizontalAlignment", alignment);
  }
  setHorizontalAlignments(alignments: (string | null)[][]): this {
    return this.setStyles("setHorizontalAlignments", "horizontalAlignment", alignments);
  }
  getHorizontalAlignment(): unknown {
    return this.getStyle("horizontalAlignment");
  }
  setVerticalAlignment(alignment: string | null): this {
    return this.setStyle("verticalAlignment", alignment);
  }
  getVerticalAlignment(): unknown {
    return this.getStyle("verticalAlignment");
  }
  setWrap(wrap: boolean): this {
    this.setStyle("wrapStrategy", wrap ? "WRAP" : "OVERFLOW");
    return this.setStyle("wrap", !!wrap);
  }
  getWrap(): unknown {
    return this.getStyle("wrap");
  }
  setWrapStrategy(strategy: string): this {
    this.setStyle("wrap", strategy === "WRAP");
    return this.setStyle("wrapStrategy", strategy);
  }
  getWrapStrategy(): unknown {
    return this.getStyle("wrapStrategy");
  }
  /** setBorder(top, left, bottom, right, vertical, horizontal[, color, style]): recorded per cell. */
  setBorder(
    top: boolean | null,
    left: boolean | null,
    bottom: boolean | null,
    right: boolean | null,
    vertical: boolean | null,
    horizontal: boolean | null,
    color?: string | null,
    style?: string | null,
  ): this {
    return this.setStyle("border", {
      top,
      left,
      bottom,
      right,
      vertical,
      horizontal,
      color: color ?? null,
      style: style ?? null,
    });
  }

  // --- merges ---
  merge(): this {
    this._sheet._merges.push({
      row: this._row,
      column: this._column,
      numRows: this._numRows,
      numColumns: this._numColumns,
    });
    return this;
  }
  mergeAcross(): this {
    for (let i = 0; i < this._numRows; i++) {
      this._sheet._merges.push({
        row: this._row + i,
        column: this._column,
        numRows: 1,
        numColumns: this._numColumns,
      });
    }
    return this;
  }
  mergeVertically(): this {
    for (let j = 0; j < this._numColumns; j++) {
      this._sheet._merges.push({
        row: this._row,
        column: this._column + j,
        numRows: this._numRows,
        numColumns: 1,
      });
    }
    return this;
  }
  private overlaps(m: Rect): boolean {
    const [r1, c1, r2, c2] = [this._row, this._column, this.getLastRow(), this.getLastColumn()];
    return !(m.row > r2 || m.row + m.numRows - 1 < r1 || m.column > c2 || m.column + m.numColumns - 1 < c1);
  }
  breakApart(): this {
    this._sheet._merges = this._sheet._merges.filter((m) => !this.overlaps(m));
    return this;
  }
  isPartOfMerge(): boolean {
    return this._sheet._merges.some((m) => this.overlaps(m));
  }

  // --- data validation ---
  setDataValidation(rule: DataValidation | null): this {
    const data = rule === null ? undefined : { ...(rule as DataValidation)._data };
    this.each((r, c) => this.store.validations.set(r, c, data));
    return this;
  }
  setDataValidations(rules: (DataValidation | null)[][]): this {
    const data = this.checkShape("setDataValidations", rules);
    this.each((r, c, i, j) => {
      const rule = data[i][j] as DataValidation | null;
      this.store.validations.set(r, c, rule ? { ...rule._data } : undefined);
    });
    return this;
  }
  private validationAt(r: number, c: number): DataValidation | null {
    const d = this.store.validations.get(r, c);
    return d ? validationFacade(this.env, d) : null;
  }
  getDataValidation(): DataValidation | null {
    return this.validationAt(this.r0, this.c0);
  }
  getDataValidations(): (DataValidation | null)[][] {
    return this.env.realm.grid(this.fill((r, c) => this.validationAt(r, c)));
  }

  // --- checkboxes ---
  insertCheckboxes(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args = checkedValue === undefined ? [] : [checkedValue, uncheckedValue ?? ""];
    const data: ValidationData = {
      criteria: DataValidationCriteria.CHECKBOX,
      args,
      allowInvalid: false,
      helpText: null,
    };
    this.each((r, c) => {
      this.store.validations.set(r, c, data);
      this.store.put(r, c, { value: args.length ? (args[1] as CellValue) : false });
    });
    return this;
  }
  removeCheckboxes(): this {
    this.each((r, c) => {
      if (this.store.validations.get(r, c)?.criteria === DataValidationCriteria.CHECKBOX) {
        this.store.validations.set(r, c, undefined);
        this.store.clearValues(r, c, 1, 1);
      }
    });
    return this;
  }
  check(): this {
    this.each((r, c) => this.store.put(r, c, { value: true }));
    return this;
  }
  uncheck(): this {
    this.each((r, c) => this.store.put(r, c, { value: false }));
    return this;
  }
  isChecked(): boolean | null {
    const values = this.store.read(this.r0, this.c0, this._numRows, this._numColumns).flat();
    if (values.every((v) => v === true)) return true;
    if (values.every((v) => v === false)) return false;
    return null;
  }

  // --- rich text (text and link only) ---
  private putRichText(r: number, c: number, v: RichTextValue): void {
    this.store.put(r, c, { value: v._text });
    this.store.style("link").set(r, c, v._link ?? undefined);
  }
  setRichTextValue(value: RichTextValue): this {
    this.each((r, c) => this.putRichText(r, c, value));
    return this;
  }
  setRichTextValues(values: RichTextValue[][]): this {
    const data = this.checkShape("setRichTextValues", values);
    this.each((r, c, i, j) => this.putRichText(r, c, data[i][j] as RichTextValue));
    return this;
  }
  getRichTextValue(): RichTextValue {
    const text = this.displayAt(this.r0, this.c0, this._sheet._tz());
    const link = this.store.styles.get("link")?.get(this.r0, this.c0) as string | undefined;
    return richTextFacade(this.env, text, link ?? null);
  }

  // --- protection ---
  protect(): unknown {
    return this._sheet._protect("RANGE", this._row, this._column, this._numRows, this._numColumns);
  }
}
