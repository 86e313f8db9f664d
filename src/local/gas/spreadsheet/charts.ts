// Embedded charts: Sheet.newChart() … build(), insertChart / getCharts / updateChart / removeChart, and the
// `Charts` global's enums. Nothing is drawn: each chart is recorded (type, ranges, position, options) so
// tests can inspect what the add-on built. Every method is counted like the other fakes' methods.
import { enumOf } from "../enums";
import type { Env } from "../env";
import { signatureError } from "../signature";
import { a1Of } from "./a1";
import { type RangeRef, type SheetRect, type SheetRef, sheetRect } from "./contracts";

export const ChartType = enumOf(
  "TIMELINE",
  "AREA",
  "BAR",
  "BUBBLE",
  "CANDLESTICK",
  "COLUMN",
  "COMBO",
  "GAUGE",
  "GEO",
  "HISTOGRAM",
  "RADAR",
  "LINE",
  "ORG",
  "PIE",
  "SCATTER",
  "SPARKLINE",
  "STEPPED_AREA",
  "TABLE",
  "TREEMAP",
  "WATERFALL",
);
export const ChartMergeStrategy = enumOf("MERGE_COLUMNS", "MERGE_ROWS");
export const ChartHiddenDimensionStrategy = enumOf(
  "IGNORE_BOTH",
  "IGNORE_ROWS",
  "IGNORE_COLUMNS",
  "SHOW_BOTH",
);
export const Position = enumOf("TOP", "RIGHT", "BOTTOM", "NONE");
export const CurveStyle = enumOf("NORMAL", "SMOOTH");

/** The `Charts` global: only its enums (the standalone chart builders, newLineChart() etc., are not faked). */
export class ChartsService {
  readonly ChartType = ChartType;
  readonly ChartMergeStrategy = ChartMergeStrategy;
  readonly ChartHiddenDimensionStrategy = ChartHiddenDimensionStrategy;
  readonly Position = Position;
  readonly CurveStyle = CurveStyle;
}

export interface ChartPosition {
  row: number;
  column: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartData {
  /** Set when the chart is inserted; null for a chart not (yet) in a sheet, as Google's getChartId. */
  id: number | null;
  /** null until setChartType / as…Chart (_local_: Google picks a type itself). */
  type: string | null;
  ranges: SheetRect[];
  /** As given to setOption, by option name (e.g. "title", "series", "hAxis.title"). */
  options: Record<string, unknown>;
  position: ChartPosition;
  numHeaders: number;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
  transpose: boolean;
}

/** What SheetState reports for a chart (plain data, uncounted). */
export interface ChartState {
  id: number | null;
  type: string | null;
  /** A1 of each range; prefixed with the tab name when on another tab. */
  ranges: string[];
  position: ChartPosition;
  options: Record<string, unknown>;
  numHeaders: number;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
  transpose: boolean;
}

function cloneData(d: ChartData): ChartData {
  return {
    ...d,
    ranges: d.ranges.map((r) => ({ ...r })),
    options: { ...d.options },
    position: { ...d.position },
  };
}

// Chart ids are unique across the spreadsheet: one counter per runtime.
const nextIds = new WeakMap<Env, number>();
export function newChartId(env: Env): number {
  const id = nextIds.get(env) ?? 1;
  nextIds.set(env, id + 1);
  return id;
}

function rangeRef(range: unknown, method: string): SheetRect {
  const r = range as RangeRef | null;
  if (!r || typeof r !== "object" || !r._sheet) {
    throw signatureError("SpreadsheetApp.EmbeddedChartBuilder", method, [range]);
  }
  return sheetRect(r);
}

function sameRange(a: SheetRect, b: SheetRect): boolean {
  return (
    a.sheet === b.sheet &&
    a.row === b.row &&
    a.column === b.column &&
    a.numRows === b.numRows &&
    a.numColumns === b.numColumns
  );
}

function rangeFacades(env: Env, refs: SheetRect[]): unknown[] {
  return env.realm.plain(refs.map((r) => r.sheet._range(r.row, r.column, r.numRows, r.numColumns)));
}

/** An option by its exact name, else by walking a dotted path into object values ("hAxis.title"). */
function optionValue(options: Record<string, unknown>, name: string): unknown {
  if (name in options) return options[name];
  const parts = name.split(".");
  for (let i = parts.length - 1; i > 0; i--) {
    let v: unknown = options[parts.slice(0, i).join(".")];
    for (const p of parts.slice(i)) v = v !== null && typeof v === "object" ? (v as never)[p] : undefined;
    if (v !== undefined) return v;
  }
  return null;
}

export class ContainerInfo {
  constructor(private readonly position: ChartPosition) {}
  getAnchorRow(): number {
    return this.position.row;
  }
  getAnchorColumn(): number {
    return this.position.column;
  }
  getOffsetX(): number {
    return this.position.offsetX;
  }
  getOffsetY(): number {
    return this.position.offsetY;
  }
}

export class ChartOptions {
  constructor(private readonly options: Record<string, unknown>) {}
  get(option: string): unknown {
    return optionValue(this.options, String(option));
  }
}

export class EmbeddedChart {
  constructor(
    private readonly env: Env,
    readonly _data: ChartData,
  ) {}
  getChartId(): number | null {
    return this._data.id;
  }
  getContainerInfo(): ContainerInfo {
    return this.env.wrap(new ContainerInfo({ ...this._data.position }), "ContainerInfo");
  }
  getOptions(): ChartOptions {
    return this.env.wrap(new ChartOptions({ ...this._data.options }), "ChartOptions");
  }
  getRanges(): unknown[] {
    return rangeFacades(this.env, this._data.ranges);
  }
  getNumHeaders(): number {
    return this._data.numHeaders;
  }
  getMergeStrategy(): string {
    return this._data.mergeStrategy;
  }
  getHiddenDimensionStrategy(): string {
    return this._data.hiddenDimensionStrategy;
  }
  getTransposeRowsAndColumns(): boolean {
    return this._data.transpose;
  }
  modify(): EmbeddedChartBuilder {
    return chartBuilder(this.env, cloneData(this._data));
  }
  getBlob(): never {
    throw new Error("EmbeddedChart.getBlob is not supported by the local runtime.");
  }
  getAs(_contentType: string): never {
    throw new Error("EmbeddedChart.getAs is not supported by the local runtime.");
  }
}

/**
 * Google's builder; the as…Chart() variants return typed builders there, here the same builder (counted as
 * EmbeddedChartBuilder) with the typed builders' common setters mapped onto options.
 */
export class EmbeddedChartBuilder {
  constructor(
    private readonly env: Env,
    private data: ChartData,
  ) {}
  addRange(range: RangeRef): this {
    this.data.ranges.push(rangeRef(range, "addRange"));
    return this;
  }
  removeRange(range: RangeRef): this {
    const ref = rangeRef(range, "removeRange");
    this.data.ranges = this.data.ranges.filter((r) => !sameRange(r, ref));
    return this;
  }
  clearRanges(): this {
    this.data.ranges = [];
    return this;
  }
  getRanges(): unknown[] {
    return rangeFacades(this.env, this.data.ranges);
  }
  setChartType(type: string): this {
    const name = String(type);
    if (!(name in ChartType))
      throw signatureError("SpreadsheetApp.EmbeddedChartBuilder", "setChartType", [type]);
    this.data.type = name;
    return this;
  }
  getChartType(): string | null {
    return this.data.type;
  }
  setOption(option: string, value: unknown): this {
    this.data.options[String(option)] = value;
    return this;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    const args = [anchorRowPos, anchorColPos, offsetX, offsetY];
    if (args.some((a) => typeof a !== "number" || !Number.isFinite(a))) {
      throw signatureError("SpreadsheetApp.EmbeddedChartBuilder", "setPosition", args);
    }
    this.data.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this;
  }
  getContainer(): ContainerInfo {
    return this.env.wrap(new ContainerInfo({ ...this.data.position }), "ContainerInfo");
  }
  setNumHeaders(headers: number): this {
    this.data.numHeaders = Math.trunc(headers);
    return this;
  }
  setMergeStrategy(strategy: string): this {
    this.data.mergeStrategy = String(strategy);
    return this;
  }
  setHiddenDimensionStrategy(strategy: string): this {
    this.data.hiddenDimensionStrategy = String(strategy);
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.data.transpose = !!transpose;
    return this;
  }
  // --- typed builders (as…Chart) ---
  private as(type: keyof typeof ChartType): this {
    this.data.type = type;
    return this;
  }
  asAreaChart(): this {
    return this.as("AREA");
  }
  asBarChart(): this {
    return this.as("BAR");
  }
  asColumnChart(): this {
    return this.as("COLUMN");
  }
  asComboChart(): this {
    return this.as("COMBO");
  }
  asHistogramChart(): this {
    return this.as("HISTOGRAM");
  }
  asLineChart(): this {
    return this.as("LINE");
  }
  asPieChart(): this {
    return this.as("PIE");
  }
  asScatterChart(): this {
    return this.as("SCATTER");
  }
  asTableChart(): this {
    return this.as("TABLE");
  }
  setTitle(title: string): this {
    return this.setOption("title", title);
  }
  setXAxisTitle(title: string): this {
    return this.setOption("hAxis.title", title);
  }
  setYAxisTitle(title: string): this {
    return this.setOption("vAxis.title", title);
  }
  setLegendPosition(position: string): this {
    return this.setOption("legend.position", String(position).toLowerCase());
  }
  setStacked(): this {
    return this.setOption("isStacked", true);
  }
  setColors(colors: string[]): this {
    return this.setOption("colors", [...colors]);
  }
  build(): EmbeddedChart {
    return this.env.wrap(new EmbeddedChart(this.env, cloneData(this.data)), "EmbeddedChart");
  }
}

export function chartBuilder(env: Env, data?: ChartData): EmbeddedChartBuilder {
  const fresh: ChartData = {
    id: null,
    type: null,
    ranges: [],
    options: {},
    position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
    numHeaders: -1,
    mergeStrategy: ChartMergeStrategy.MERGE_COLUMNS,
    hiddenDimensionStrategy: ChartHiddenDimensionStrategy.IGNORE_BOTH,
    transpose: false,
  };
  return env.wrap(new EmbeddedChartBuilder(env, data ?? fresh), "EmbeddedChartBuilder");
}

/** The chart data behind an EmbeddedChart argument (its facade or the raw object). */
export function chartDataOf(chart: unknown, method: string): ChartData {
  const data = (chart as EmbeddedChart | null)?._data;
  if (!data || !Array.isArray(data.ranges)) throw signatureError("SpreadsheetApp.Sheet", method, [chart]);
  return data;
}

export function chartFacade(env: Env, data: ChartData): EmbeddedChart {
  return env.wrap(new EmbeddedChart(env, cloneData(data)), "EmbeddedChart");
}

export function chartState(owner: SheetRef, d: ChartData): ChartState {
  return {
    id: d.id,
    type: d.type,
    ranges: d.ranges.map((r) => {
      const a1 = a1Of(r.row, r.column, r.numRows, r.numColumns);
      return r.sheet === owner ? a1 : `${r.sheet._name}!${a1}`;
    }),
    position: { ...d.position },
    options: { ...d.options },
    numHeaders: d.numHeaders,
    mergeStrategy: d.mergeStrategy,
    hiddenDimensionStrategy: d.hiddenDimensionStrategy,
    transpose: d.transpose,
  };
}
