// The local Apps Script runtime: in-memory services, a vm context that runs the built bundle unmodified,
// a controllable clock, call counting, failure injection, trigger firing and UI recording.
import vm from "node:vm";
import type { CellValue } from "../../core/types";
import { type CacheMap, CacheService } from "./cache";
import { CallCounter, type CallMatch } from "./calls";
import { Clock, makeDateShim } from "./clock";
import { AuthMode, EventType } from "./enums";
import { type AuthMode as AuthModeName, Env, hostRealm, type LogEntry, type RuntimeOptions } from "./env";
import { formatDate } from "./format-date";
import { HtmlService } from "./html";
import { type LockScope, LockService, LockState } from "./lock";
import { Logger, makeConsole } from "./logger";
import { MailApp, type MailMessage, MailState } from "./mail";
import { PropertiesService } from "./properties";
import { bindBuiltins, contextRealm, isBindingClash } from "./realm";
import { Session } from "./session";
import { a1Of } from "./spreadsheet/a1";
import { SpreadsheetApp } from "./spreadsheet/app";
import { type ChartState, ChartsService, chartState } from "./spreadsheet/charts";
import { type ProtectionData, userFacade } from "./spreadsheet/protection";
import type { Range } from "./spreadsheet/range";
import type { Sheet } from "./spreadsheet/sheet";
import { Spreadsheet } from "./spreadsheet/spreadsheet";
import { coerceInput, displayValue } from "./spreadsheet/values";
import { ScriptApp, type TriggerRecord, TriggerRegistry } from "./triggers";
import { UiLog } from "./ui";
import { Utilities } from "./utilities";

export type { RuntimeOptions } from "./env";

export interface LocalRuntimeOptions extends RuntimeOptions {
  /** Title of the add-on menu (createAddonMenu), default "Leadscore". */
  addonName?: string;
}

/** The service globals a script sees, typed as @types/google-apps-script describes them. */
export interface GasGlobals {
  SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  /** Only the enums (ChartType, ChartMergeStrategy, …), for Sheet.newChart(). */
  Charts: GoogleAppsScript.Charts.Charts;
  PropertiesService: GoogleAppsScript.Properties.PropertiesService;
  CacheService: GoogleAppsScript.Cache.CacheService;
  LockService: GoogleAppsScript.Lock.LockService;
  ScriptApp: GoogleAppsScript.Script.ScriptApp;
  MailApp: GoogleAppsScript.Mail.MailApp;
  HtmlService: GoogleAppsScript.HTML.HtmlService;
  Session: GoogleAppsScript.Base.Session;
  Utilities: GoogleAppsScript.Utilities.Utilities;
  Logger: GoogleAppsScript.Base.Logger;
  console: Pick<Console, "log" | "info" | "warn" | "error" | "debug">;
  Date: DateConstructor;
}

type GasRange = GoogleAppsScript.Spreadsheet.Range;

export interface TabValues {
  name: string;
  values: CellValue[][];
}

export interface ScriptHandle {
  /** The vm context the script runs in (its global object). */
  readonly context: vm.Context;
  /** True when the script defines a global function with this name. */
  has(name: string): boolean;
  /** Calls a global function as one execution in AuthMode.FULL; returns what it returns. */
  call(name: string, ...args: unknown[]): unknown;
  /** Calls a global function in a given authorization mode (NONE, LIMITED, CUSTOM_FUNCTION, FULL). */
  callAs(authMode: AuthModeName, name: string, ...args: unknown[]): unknown;
  /** Names of the global functions the script defines. */
  functions(): string[];
  /** Evaluates code in the script's context. */
  evaluate(code: string): unknown;
}

export interface TriggerRun {
  kind: "simple" | "installable";
  handler: string;
  eventType: string;
  triggerUid?: string;
  at: Date;
  error?: unknown;
  result?: unknown;
}

export interface FireOptions {
  /** Rethrow the first handler error (default true); false records it in the run and goes on. */
  throwOnError?: boolean;
}

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

const SERVICE_NAMES = [
  "SpreadsheetApp",
  "Charts",
  "PropertiesService",
  "CacheService",
  "LockService",
  "ScriptApp",
  "MailApp",
  "HtmlService",
  "Session",
  "Utilities",
  "Logger",
  "console",
  "Date",
] as const;

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function makeHandle(context: vm.Context, env: Env | null, onEnd: (id: number) => void): ScriptHandle {
  const reserved = new Set<string>(SERVICE_NAMES);
  const fn = (name: string): ((...args: unknown[]) => unknown) => {
    if (!IDENT.test(name)) throw new Error(`Not a function name: ${name}`);
    const f =
      (context as Record<string, unknown>)[name] ??
      vm.runInContext(`typeof ${name} === "function" ? ${name} : undefined`, context);
    if (typeof f !== "function") throw new Error(`Script function not found: ${name}`);
    return f as (...args: unknown[]) => unknown;
  };
  const callAs = (authMode: AuthModeName, name: string, ...args: unknown[]) => {
    const f = fn(name);
    if (!env) return f(...args);
    const adopted = args.map((a) => env.realm.plain(a));
    return env.run(authMode, () => f(...adopted), onEnd);
  };
  return {
    context,
    has(name) {
      if (!IDENT.test(name)) return false;
      return vm.runInContext(`typeof ${name} === "function"`, context) === true;
    },
    call: (name, ...args) => callAs("FULL", name, ...args),
    callAs,
    functions() {
      return Object.keys(context).filter(
        (k) => !reserved.has(k) && typeof (context as Record<string, unknown>)[k] === "function",
      );
    },
    evaluate: (code) => vm.runInContext(code, context),
  };
}

export class LocalRuntime {
  readonly clock: Clock;
  readonly calls: CallCounter;
  readonly env: Env;
  readonly ui = new UiLog();
  readonly mail: MailState;
  readonly locks: LockState;
  readonly triggers: TriggerRegistry;
  readonly properties = {
    document: new Map<string, string>(),
    script: new Map<string, string>(),
    user: new Map<string, string>(),
  };
  readonly caches = {
    document: new Map() as CacheMap,
    script: new Map() as CacheMap,
    user: new Map() as CacheMap,
  };
  /** The active spreadsheet as the script sees it (calls through it are counted). */
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The service globals a loaded script sees (calls through them are counted). */
  readonly globals: GasGlobals;
  /** Every trigger handler run, in order. */
  readonly runs: TriggerRun[] = [];
  /** The script loaded last (used to run triggers). */
  script?: ScriptHandle;
  private readonly raw: Spreadsheet;

  constructor(options: LocalRuntimeOptions = {}) {
    this.clock = new Clock(options.now ?? new Date());
    this.calls = new CallCounter();
    this.env = new Env(this.clock, this.calls, options);
    const env = this.env;
    const addonName = options.addonName ?? "Leadscore";
    this.raw = new Spreadsheet(
      env,
      this.ui,
      options.spreadsheetName ?? "Leadscore (local)",
      options.spreadsheetId ?? "local-spreadsheet-id",
    );
    this.raw._addSheet("Sheet1");
    // The fakes implement the parts of Google's interfaces an add-on uses; typed as Google's for callers.
    this.spreadsheet = this.raw._proxy as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    this.mail = new MailState(env);
    this.locks = new LockState(env);
    this.triggers = new TriggerRegistry(env);
    this.globals = {
      SpreadsheetApp: env.wrap(new SpreadsheetApp(env, this.raw, this.ui, () => addonName), "SpreadsheetApp"),
      Charts: env.wrap(new ChartsService(), "Charts"),
      PropertiesService: env.wrap(new PropertiesService(env, this.properties), "PropertiesService"),
      CacheService: env.wrap(new CacheService(env, this.caches), "CacheService"),
      LockService: env.wrap(new LockService(env, this.locks), "LockService"),
      ScriptApp: env.wrap(new ScriptApp(env, this.triggers, "local-script-id"), "ScriptApp"),
      MailApp: env.wrap(new MailApp(this.mail), "MailApp"),
      HtmlService: env.wrap(new HtmlService(env), "HtmlService"),
      Session: env.wrap(new Session(env), "Session"),
      Utilities: env.wrap(new Utilities(env), "Utilities"),
      Logger: env.wrap(new Logger(env), "Logger"),
      console: makeConsole(env),
      Date: makeDateShim(this.clock),
    } as unknown as GasGlobals;
  }

  // ---------------------------------------------------------------- workbook

  /** Replaces all sheets with these tabs (values stored as given: no formula or number parsing). */
  loadTabs(tabs: TabValues[]): void {
    const ss = this.raw;
    ss._sheets = [];
    ss._protections = [];
    ss._named.clear();
    const list = tabs.length ? tabs : [{ name: "Sheet1", values: [] }];
    for (const tab of list) {
      const width = tab.values.reduce((w, r) => Math.max(w, r.length), 0);
      const sheet = ss._addSheet(tab.name, undefined, Math.max(1000, tab.values.length), Math.max(26, width));
      sheet._store.putRaw(0, 0, tab.values);
    }
    ss._activate(ss._sheets[0]);
  }

  /** Every tab's values (rows up to getLastRow, columns up to getLastColumn), uncounted. */
  tabs(): TabValues[] {
    return this.raw._sheets.map((s) => ({ name: s._name, values: this.values(s._name) }));
  }

  /** One tab's values, uncounted. */
  values(sheetName: string): CellValue[][] {
    const s = this.sheet(sheetName);
    return s._store.read(0, 0, s._store.lastRow(), s._store.lastColumn());
  }

  /** The raw sheet (uncounted internals); throws when missing. */
  sheet(name: string): Sheet {
    const s = this.raw._sheetByName(name);
    if (!s) throw new Error(`No sheet named "${name}"`);
    return s;
  }

  sheetNames(): string[] {
    return this.raw._sheets.map((s) => s._name);
  }

  /** The protections on a sheet, as stored (uncounted; cheaper than inspect for the local page). */
  protectionsOn(sheetName: string): readonly ProtectionData[] {
    const s = this.sheet(sheetName);
    return this.raw._protections.filter((p) => p.sheet === s);
  }

  /** Selects a range as the user does by clicking ("Sheet!A1" or "A1" on the active sheet). */
  select(a1: string): void {
    const r = this.resolveRange(a1);
    this.raw._activate(r._sheet, r);
  }

  /** Everything the add-on set up on a sheet: formulas, notes, validation, formats, rules, protection… */
  inspect(sheetName: string): SheetState {
    const s = this.sheet(sheetName);
    const st = s._store;
    const tz = this.raw._timeZone;
    const rows = st.lastRow();
    const cols = st.lastColumn();
    const sparse = <V>(layer: { rows: (Array<V | undefined> | undefined)[] }) => {
      const out: { a1: string; value: V }[] = [];
      layer.rows.forEach((row, r) => {
        row?.forEach((v, c) => {
          if (v !== undefined) out.push({ a1: a1Of(r + 1, c + 1), value: v });
        });
      });
      return out;
    };
    const rangeA1 = (r: { row: number; column: number; numRows: number; numColumns: number }) =>
      a1Of(r.row, r.column, r.numRows, r.numColumns);
    const styles: SheetState["styles"] = [];
    for (const [style, layer] of st.styles)
      for (const e of sparse(layer)) styles.push({ a1: e.a1, style, value: e.value });
    return {
      name: s._name,
      values: st.read(0, 0, rows, cols),
      formulas: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => st.formulas.get(r, c) ?? ""),
      ),
      displayValues: Array.from({ length: rows }, (_, r) =>
        Array.from({ length: cols }, (_, c) => displayValue(st.get(r, c), st.formats.get(r, c), tz)),
      ),
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
        ranges: r.ranges.map(rangeA1),
      })),
      protections: this.raw._protections
        .filter((p) => p.sheet === s)
        .map((p) => ({
          type: p.type,
          a1: rangeA1(p),
          description: p.description,
          warningOnly: p.warningOnly,
        })),
      frozenRows: s._frozenRows,
      frozenColumns: s._frozenColumns,
      hidden: s._hidden,
      tabColor: s._tabColor,
      maxRows: st.maxRows,
      maxColumns: st.maxColumns,
      columnWidths: Object.fromEntries(s._columnWidths),
      merges: s._merges.map(rangeA1),
      layout: [...s._layoutLog],
      charts: s._charts.map((d) => chartState(s, d)),
    };
  }

  // ---------------------------------------------------------------- calls, failures, logs

  /** The (n+1)-th service call matching `match` (name, name prefix or RegExp; any if omitted) throws once. */
  failAfter(n: number, match?: CallMatch, message?: string): void {
    this.calls.failAfter(
      n,
      match,
      message ?? `Injected failure after ${n} call(s)${match ? ` matching ${match}` : ""}`,
    );
  }

  /** Runs fn without counting calls or applying guards and injected failures. */
  peek<T>(fn: () => T): T {
    return this.calls.quiet(fn);
  }

  get logs(): LogEntry[] {
    return this.env.logs;
  }

  get outbox(): MailMessage[] {
    return this.mail.outbox;
  }

  /** Simulates another execution holding a lock for `ms` (default: until releaseLock). */
  holdLock(scope: LockScope = "document", ms?: number): void {
    this.locks.holdByOther(scope, ms);
  }

  releaseLock(scope: LockScope = "document"): void {
    this.locks.releaseOther(scope);
  }

  // ---------------------------------------------------------------- loading scripts

  /**
   * Runs `code` in a fresh vm context whose only globals are the services; it becomes `this.script`. The
   * context's standard built-ins are bound as script-level names first (realm.ts, bindBuiltins), so the
   * script's lookups of Math, Array, … cost what they cost in Apps Script and find the same objects.
   */
  load(code: string, filename = "Code.js"): ScriptHandle {
    return this.loadScript(code, filename, true);
  }

  private loadScript(code: string, filename: string, bind: boolean): ScriptHandle {
    const sandbox: Record<string, unknown> = { ...this.globals };
    const context = vm.createContext(sandbox, { name: filename });
    const bound = bind ? bindBuiltins(context, code) : [];
    this.env.realm = contextRealm(context);
    const handle = makeHandle(context, this.env, (id) => this.locks.releaseExecution(id));
    this.env.callScript = (name, args) => handle.call(name, ...args);
    this.env.evalInScript = (src) => vm.runInContext(src, context);
    // Global code runs as an execution too (it runs before every trigger in Apps Script).
    try {
      this.env.run(
        "FULL",
        () => vm.runInContext(code, context, { filename }),
        (id) => this.locks.releaseExecution(id),
      );
    } catch (error) {
      // The script declares a bound name in a way bindBuiltins did not see: nothing of it ran yet, so
      // load it again without the bindings.
      if (isBindingClash(error, bound)) return this.loadScript(code, filename, false);
      throw error;
    }
    this.script = handle;
    return handle;
  }

  /** Loads code into an EMPTY context (no services, no Date shim): what Apps Script's parse step sees. */
  static loadEmpty(code: string, filename = "Code.js"): ScriptHandle {
    const context = vm.createContext({}, { name: filename });
    vm.runInContext(code, context, { filename });
    return makeHandle(context, null, () => {});
  }

  /** Detaches the realm adapter (e.g. after the script is dropped), so direct calls return host arrays. */
  unload(): void {
    this.env.realm = hostRealm;
    this.env.callScript = undefined;
    this.env.evalInScript = undefined;
    this.script = undefined;
  }

  private requireScript(): ScriptHandle {
    if (!this.script) throw new Error("No script loaded: call runtime.load(code) first");
    return this.script;
  }

  // ---------------------------------------------------------------- triggers

  private runHandler(
    kind: TriggerRun["kind"],
    handler: string,
    eventType: string,
    authMode: AuthModeName,
    event: Record<string, unknown>,
    uid: string | undefined,
    opts: FireOptions,
  ): TriggerRun {
    const script = this.requireScript();
    const run: TriggerRun = { kind, handler, eventType, triggerUid: uid, at: this.clock.date() };
    this.runs.push(run);
    try {
      run.result = script.callAs(authMode, handler, uid ? { ...event, triggerUid: uid } : event);
    } catch (e) {
      run.error = e;
      if (opts.throwOnError !== false) throw e;
    }
    return run;
  }

  private installed(eventType: string): TriggerRecord[] {
    return this.triggers.of(eventType);
  }

  private fireClock(t: TriggerRecord, opts: FireOptions, reschedule = true): TriggerRun {
    const now = this.clock.now();
    const d = new Date(now);
    const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
    const event = {
      authMode: AuthMode.FULL,
      "day-of-month": d.getUTCDate(),
      "day-of-week": d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      month: d.getUTCMonth() + 1,
      second: d.getUTCSeconds(),
      timezone: "UTC",
      "week-of-year": Math.ceil(((now - startOfYear) / 86400000 + new Date(startOfYear).getUTCDay() + 1) / 7),
      year: d.getUTCFullYear(),
    };
    if (reschedule) this.triggers.reschedule(t, now);
    return this.runHandler("installable", t.handler, EventType.CLOCK, "FULL", event, t.uid, opts);
  }

  /** Fires every time-driven trigger that is due by the clock now (each once), earliest first. */
  runDueTriggers(opts: FireOptions = {}): TriggerRun[] {
    const out: TriggerRun[] = [];
    for (const t of this.triggers.due(this.clock.now())) {
      if (!this.triggers.list.includes(t)) continue; // deleted by an earlier handler
      out.push(this.fireClock(t, opts));
    }
    return out;
  }

  /** Fires every time-driven trigger once now, due or not, leaving its schedule as it is (a local "run now"). */
  runClockTriggersNow(opts: FireOptions = {}): TriggerRun[] {
    return this.triggers.list
      .filter((t) => t.nextAt !== undefined)
      .map((t) => this.fireClock(t, opts, false));
  }

  /**
   * Moves the clock forward by `ms`, stopping at each due time of a time-driven trigger to fire it (with
   * the clock set to that time), so an hourly trigger fires 24 times over a day.
   */
  advanceAndRun(ms: number, opts: FireOptions = {}): TriggerRun[] {
    const end = this.clock.now() + ms;
    const out: TriggerRun[] = [];
    for (;;) {
      const next = this.triggers.earliest();
      if (next === undefined || next > end) break;
      if (next > this.clock.now()) this.clock.set(next);
      out.push(...this.runDueTriggers(opts));
    }
    if (this.clock.now() < end) this.clock.set(end);
    return out;
  }

  private resolveRange(range: GasRange | Range | string): Range {
    if (typeof range !== "string") return range as unknown as Range;
    return this.peek(() => this.raw.getRange(range));
  }

  private eventValue(v: CellValue): string | undefined {
    if (v === "" || v === null) return undefined;
    return displayValue(v, undefined, this.raw._timeZone);
  }

  /**
   * Fires the edit event for a range the user edited (after the new value is in place): the simple
   * onEdit (LIMITED) if defined, then each installable onEdit trigger (FULL). Script writes never do this.
   */
  fireEdit(range: GasRange | string, oldValue?: CellValue, opts: FireOptions = {}): TriggerRun[] {
    const r = this.resolveRange(range);
    const single = r._numRows === 1 && r._numColumns === 1;
    const event: Record<string, unknown> = {
      range: r._sheet._range(r._row, r._column, r._numRows, r._numColumns),
      source: this.spreadsheet,
      user: userFacade(this.env, this.env.options.user),
    };
    if (single) {
      const value = this.eventValue(r._sheet._store.get(r._row - 1, r._column - 1));
      if (value !== undefined) event.value = value;
      if (oldValue !== undefined && oldValue !== "") event.oldValue = this.eventValue(oldValue);
    }
    return this.fire(EventType.ON_EDIT, "onEdit", event, opts);
  }

  /** A user edit: writes `value` (a single value or a grid) as if typed, then fires onEdit. */
  edit(a1: string, value: unknown, opts: FireOptions = {}): TriggerRun[] {
    const r = this.resolveRange(a1);
    const st = r._sheet._store;
    const old = st.get(r._row - 1, r._column - 1);
    const grid = Array.isArray(value) ? (value as unknown[][]) : null;
    const tz = this.raw._timeZone;
    for (let i = 0; i < r._numRows; i++) {
      for (let j = 0; j < r._numColumns; j++) {
        const v = grid ? grid[i]?.[j] : value;
        const [rr, cc] = [r._row - 1 + i, r._column - 1 + j];
        st.put(
          rr,
          cc,
          coerceInput(v, st.formats.get(rr, cc) === "@", tz, (f) => r._sheet._evaluate(f, rr, cc)),
        );
      }
    }
    return this.fireEdit(r as unknown as GasRange, old, opts);
  }

  /** Fires installable onChange triggers (changeType: EDIT, INSERT_ROW, REMOVE_ROW, INSERT_GRID, FORMAT, OTHER…). */
  fireChange(changeType = "EDIT", opts: FireOptions = {}): TriggerRun[] {
    const event = {
      changeType,
      source: this.spreadsheet,
      user: userFacade(this.env, this.env.options.user),
    };
    return this.fire(EventType.ON_CHANGE, undefined, event, opts);
  }

  /**
   * Fires onFormSubmit for a form response. With `sheet` (or an existing "Form Responses 1" tab) the
   * response row [timestamp, ...answers] is appended there first and becomes e.range.
   */
  fireFormSubmit(
    namedValues: Record<string, string | string[]>,
    values?: unknown[],
    opts: FireOptions & { sheet?: string } = {},
  ): TriggerRun[] {
    const named: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(namedValues))
      named[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    const stamp = formatDate(this.clock.date(), this.raw._timeZone, "M/d/yyyy H:mm:ss");
    const answers = Object.values(named).map((v) => v.join(", "));
    const rowValues = values ?? [stamp, ...answers];
    const event: Record<string, unknown> = { namedValues: named, values: rowValues.map((v) => String(v)) };
    const sheetName =
      opts.sheet ?? (this.raw._sheetByName("Form Responses 1") ? "Form Responses 1" : undefined);
    if (sheetName) {
      const sheet = this.raw._sheetByName(sheetName) ?? this.raw._addSheet(sheetName);
      const row = sheet._store.lastRow() + 1;
      sheet._grow(row, rowValues.length);
      // Forms write answers as typed values; the timestamp as a date.
      sheet._store.putRaw(row - 1, 0, [
        [this.clock.date(), ...rowValues.slice(1).map((v) => (v === undefined ? "" : (v as CellValue)))],
      ]);
      event.range = sheet._range(row, 1, 1, rowValues.length);
      event.source = this.spreadsheet;
    }
    return this.fire(EventType.ON_FORM_SUBMIT, undefined, event, opts);
  }

  /** Opens the document: the simple onOpen (authMode LIMITED, or NONE for an add-on not yet used) and onOpen triggers. */
  fireOpen(authMode: AuthModeName = "LIMITED", opts: FireOptions = {}): TriggerRun[] {
    const event = {
      source: authMode === "NONE" ? undefined : this.spreadsheet,
      user: userFacade(this.env, this.env.options.user),
    };
    return this.fire(EventType.ON_OPEN, "onOpen", event, opts, authMode);
  }

  /** Installs the add-on: calls onInstall(e) with AuthMode.FULL, if defined. */
  fireInstall(opts: FireOptions = {}): TriggerRun[] {
    const script = this.requireScript();
    if (!script.has("onInstall")) return [];
    return [
      this.runHandler(
        "simple",
        "onInstall",
        "ON_INSTALL",
        "FULL",
        { authMode: AuthMode.FULL },
        undefined,
        opts,
      ),
    ];
  }

  /** Clicks a menu item by caption (as added with addToUi), running its function in AuthMode.FULL. */
  clickMenu(caption: string): unknown {
    const item = this.ui.menuItems().find((i) => i.caption === caption);
    if (!item)
      throw new Error(
        `No menu item "${caption}"; menus: ${this.ui
          .menuItems()
          .map((i) => i.caption)
          .join(", ")}`,
      );
    return this.requireScript().call(item.functionName);
  }

  private fire(
    eventType: string,
    simple: string | undefined,
    event: Record<string, unknown>,
    opts: FireOptions,
    simpleMode: AuthModeName = "LIMITED",
  ): TriggerRun[] {
    const script = this.requireScript();
    const out: TriggerRun[] = [];
    if (simple && script.has(simple)) {
      out.push(
        this.runHandler(
          "simple",
          simple,
          eventType,
          simpleMode,
          { ...event, authMode: simpleMode },
          undefined,
          opts,
        ),
      );
    }
    for (const t of this.installed(eventType)) {
      out.push(
        this.runHandler(
          "installable",
          t.handler,
          eventType,
          "FULL",
          { ...event, authMode: AuthMode.FULL },
          t.uid,
          opts,
        ),
      );
    }
    return out;
  }
}

/** Creates a runtime (same as `new LocalRuntime(options)`). */
export function createRuntime(options: LocalRuntimeOptions = {}): LocalRuntime {
  return new LocalRuntime(options);
}
