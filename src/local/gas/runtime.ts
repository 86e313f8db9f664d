// The local Apps Script runtime: in-memory services, a vm context that runs the built bundle unmodified,
// a controllable clock, call counting, failure injection, trigger firing and UI recording. This class
// only wires the parts together; each lives in its own module.
import type { CellValue } from "../../core/types";
import { BigQueryState } from "./bigquery/service";
import type { CacheMap } from "./cache";
import { CallCounter, type CallMatch } from "./calls";
import { Clock } from "./clock";
import { ClockTriggers } from "./clock-triggers";
import type { CellCounter } from "./cost";
import type { AuthMode } from "./env";
import { Env, hostRealm, type LogEntry, type RuntimeOptions } from "./env";
import { DocumentEvents } from "./events";
import { Executions, type FireOptions, type TriggerRun } from "./execution";
import { type GasGlobals, makeGlobals, type Scoped } from "./globals";
import { type Interleaved, type InterleaveStep, Interleavings } from "./interleave";
import { type LockScope, LockState } from "./lock";
import { type MailMessage, MailState } from "./mail";
import { enabledService } from "./manifest";
import type { Quotas } from "./quotas";
import { loadEmpty, loadScript, type ScriptHandle } from "./script";
import type { SheetState } from "./spreadsheet/inspect";
import type { ProtectionData } from "./spreadsheet/protection";
import type { Range } from "./spreadsheet/range";
import type { Sheet } from "./spreadsheet/sheet";
import { Spreadsheet } from "./spreadsheet/spreadsheet";
import { type TabValues, Workbook } from "./spreadsheet/workbook";
import { TriggerRegistry } from "./triggers";
import { UiLog } from "./ui";
import { type UserActions, UserView } from "./user-view";
import { PerUser } from "./users";

export type { RuntimeOptions } from "./env";
export type { FireOptions, TriggerRun } from "./execution";
export type { GasGlobals } from "./globals";
export type { Interleaved, InterleavePoint, InterleaveStep, StepOutcome } from "./interleave";
export type { ScriptHandle } from "./script";
export type { SheetState } from "./spreadsheet/inspect";
export type { TabValues } from "./spreadsheet/workbook";
export type { UserView } from "./user-view";

export interface LocalRuntimeOptions extends RuntimeOptions {
  /** Title of the add-on menu (createAddonMenu), default "Leadscore". */
  addonName?: string;
}

type GasRange = GoogleAppsScript.Spreadsheet.Range;

export class LocalRuntime {
  readonly clock: Clock;
  readonly calls: CallCounter;
  readonly env: Env;
  readonly ui = new UiLog();
  readonly mail: MailState;
  readonly locks: LockState;
  readonly triggers: TriggerRegistry;
  readonly properties: Scoped<Map<string, string>> = {
    document: new Map(),
    script: new Map(),
    user: new PerUser(() => new Map()),
  };
  readonly caches: Scoped<CacheMap> = {
    document: new Map(),
    script: new Map(),
    user: new PerUser(() => new Map()),
  };
  /** The workbook by tab name, uncounted (what tests load and inspect). */
  readonly workbook: Workbook;
  /** The active spreadsheet as the script sees it (calls through it are counted). */
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  /** The service globals a loaded script sees (calls through them are counted). */
  readonly globals: GasGlobals;
  /** Every trigger handler run, in order. */
  readonly runs: TriggerRun[];
  /** Cells read and written by service calls (rt.cells.read, rt.cells.written; reset()). */
  readonly cells: CellCounter;
  /** Per-user quotas: daily trigger runtime and simultaneous executions. */
  readonly quotas: Quotas;
  /** The BigQuery advanced service's state, when the manifest enables it (option `manifest`, `bigquery`). */
  readonly bigquery?: BigQueryState;
  /** The script loaded last (used to run triggers). */
  script?: ScriptHandle;
  private readonly executions: Executions;
  private readonly events: DocumentEvents;
  private readonly clockTriggers: ClockTriggers;
  private readonly interleavings: Interleavings;

  constructor(options: LocalRuntimeOptions = {}) {
    this.clock = new Clock(options.now ?? new Date());
    this.calls = new CallCounter();
    const env = new Env(this.clock, this.calls, options);
    this.env = env;
    this.cells = env.cells;
    this.quotas = env.quotas;
    const raw = new Spreadsheet(
      env,
      this.ui,
      options.spreadsheetName ?? "Leadscore (local)",
      options.spreadsheetId ?? "local-spreadsheet-id",
    );
    raw._addSheet("Sheet1");
    this.workbook = new Workbook(raw);
    this.spreadsheet = this.workbook.facade as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
    this.mail = new MailState(env);
    this.locks = new LockState(env);
    this.triggers = new TriggerRegistry(env);
    const bigquery = enabledService(options.manifest, "bigquery");
    if (bigquery) {
      this.bigquery = new BigQueryState(options.bigquery ?? { tables: {} }, this.clock, options.manifest);
    }
    this.globals = makeGlobals({
      env,
      clock: this.clock,
      spreadsheet: raw,
      ui: this.ui,
      addonName: options.addonName ?? "Leadscore",
      properties: this.properties,
      caches: this.caches,
      locks: this.locks,
      triggers: this.triggers,
      mail: this.mail,
      bigquery: this.bigquery && bigquery ? { state: this.bigquery, symbol: bigquery.userSymbol } : undefined,
    });
    this.executions = new Executions(env, () => this.script);
    this.runs = this.executions.runs;
    this.events = new DocumentEvents(env, this.clock, this.workbook, this.triggers, this.executions);
    this.clockTriggers = new ClockTriggers(this.clock, this.triggers, this.executions);
    this.interleavings = new Interleavings(env, this.clock, this.calls);
  }

  // ---------------------------------------------------------------- users

  /**
   * Another editor at the keyboard (option `users`): the same user actions, each an execution as that user
   * (users.ts). Time and form submissions belong to no one: rt.advanceAndRun / rt.fireFormSubmit.
   */
  as(email: string): UserView {
    return new UserView(this.env.users, email, this as UserActions);
  }

  // ---------------------------------------------------------------- workbook

  /** Replaces all sheets with these tabs (values stored as given: no formula or number parsing). */
  loadTabs(tabs: TabValues[]): void {
    this.workbook.load(tabs);
  }

  /** Every tab's values (rows up to getLastRow, columns up to getLastColumn), uncounted. */
  tabs(): TabValues[] {
    return this.workbook.tabs();
  }

  /** One tab's values, uncounted. */
  values(sheetName: string): CellValue[][] {
    return this.workbook.values(sheetName);
  }

  /** The raw sheet (uncounted internals); throws when missing. */
  sheet(name: string): Sheet {
    return this.workbook.sheet(name);
  }

  sheetNames(): string[] {
    return this.workbook.sheetNames();
  }

  /** The protections on a sheet, as stored (uncounted; cheaper than inspect for the local page). */
  protectionsOn(sheetName: string): readonly ProtectionData[] {
    return this.workbook.protectionsOn(sheetName);
  }

  /** Selects a range as the user does by clicking ("Sheet!A1" or "A1" on the active sheet). */
  select(a1: string): void {
    this.workbook.select(this.resolveRange(a1));
  }

  /** Everything the add-on set up on a sheet: formulas, notes, validation, formats, rules, protection… */
  inspect(sheetName: string): SheetState {
    return this.workbook.inspect(sheetName);
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

  /**
   * Overlapping executions (interleave.ts): runs `outer` (e.g. `() => rt.clickMenu("Score all leads now")`);
   * at each step's service call of the outer run, the step's inner run starts and runs to its end, then
   * the outer run goes on. Throws when a step's call never came; an inner run's error is in its outcome.
   */
  interleave<T>(outer: () => T, steps: InterleaveStep[]): Interleaved<T> {
    return this.interleavings.run(outer, steps);
  }

  // ---------------------------------------------------------------- loading scripts

  /** Runs `code` in a fresh vm context whose only globals are the services; it becomes `this.script`. */
  load(code: string, filename = "Code.js"): ScriptHandle {
    this.script = loadScript(this.env, this.globals, code, filename, (id) => this.locks.releaseExecution(id));
    return this.script;
  }

  /** Loads code into an EMPTY context (no services, no Date shim): what Apps Script's parse step sees. */
  static loadEmpty(code: string, filename = "Code.js"): ScriptHandle {
    return loadEmpty(code, filename);
  }

  /** Detaches the realm adapter (e.g. after the script is dropped), so direct calls return host arrays. */
  unload(): void {
    this.env.realm = hostRealm;
    this.env.callScript = undefined;
    this.env.evalInScript = undefined;
    this.script = undefined;
  }

  // ---------------------------------------------------------------- triggers

  /** Fires every time-driven trigger that is due by the clock now (each once), earliest first. */
  runDueTriggers(opts: FireOptions = {}): TriggerRun[] {
    return this.clockTriggers.runDue(opts);
  }

  /**
   * Moves the clock forward by `ms`, stopping at each due time of a time-driven trigger to fire it (with
   * the clock set to that time), so an hourly trigger fires 24 times over a day.
   */
  advanceAndRun(ms: number, opts: FireOptions = {}): TriggerRun[] {
    return this.clockTriggers.advance(ms, opts);
  }

  /** Fires every time-driven trigger once now, due or not, leaving its schedule as it is (a local "run now"). */
  runClockTriggersNow(opts: FireOptions = {}): TriggerRun[] {
    return this.clockTriggers.runAllNow(opts);
  }

  private resolveRange(range: GasRange | Range | string): Range {
    if (typeof range !== "string") return range as unknown as Range;
    return this.peek(() => this.workbook.range(range));
  }

  /**
   * Fires the edit event for a range the user edited (after the new value is in place): the simple
   * onEdit (LIMITED) if defined, then each installable onEdit trigger (FULL). Script writes never do this.
   */
  fireEdit(range: GasRange | string, oldValue?: CellValue, opts: FireOptions = {}): TriggerRun[] {
    return this.events.edited(this.resolveRange(range), oldValue, opts);
  }

  /** A user edit: writes `value` (a single value or a grid) as if typed, then fires onEdit. */
  edit(a1: string, value: unknown, opts: FireOptions = {}): TriggerRun[] {
    return this.events.edit(this.resolveRange(a1), value, opts);
  }

  /** Fires installable onChange triggers (changeType: EDIT, INSERT_ROW, REMOVE_ROW, INSERT_GRID, FORMAT, OTHER…). */
  fireChange(changeType = "EDIT", opts: FireOptions = {}): TriggerRun[] {
    return this.events.change(changeType, opts);
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
    return this.events.formSubmit(namedValues, values, opts);
  }

  /** Opens the document: the simple onOpen (authMode LIMITED, or NONE for an add-on not yet used) and onOpen triggers. */
  fireOpen(authMode: AuthMode = "LIMITED", opts: FireOptions = {}): TriggerRun[] {
    return this.events.open(authMode, opts);
  }

  /** Installs the add-on: calls onInstall(e) with AuthMode.FULL, if defined. */
  fireInstall(opts: FireOptions = {}): TriggerRun[] {
    return this.events.install(opts);
  }

  /** Clicks a menu item by caption (as added with addToUi), running its function in AuthMode.FULL. */
  clickMenu(caption: string): unknown {
    const items = this.ui.menuItems();
    const item = items.find((i) => i.caption === caption);
    if (!item) throw new Error(`No menu item "${caption}"; menus: ${items.map((i) => i.caption).join(", ")}`);
    return this.executions.script().call(item.functionName);
  }

  /** Calls a script function as the user at the keyboard (a sidebar RPC, the script editor's Run). */
  call(name: string, ...args: unknown[]): unknown {
    return this.executions.script().call(name, ...args);
  }
}

/** Creates a runtime (same as `new LocalRuntime(options)`). */
export function createRuntime(options: LocalRuntimeOptions = {}): LocalRuntime {
  return new LocalRuntime(options);
}
