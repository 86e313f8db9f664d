// State shared by all fakes of one runtime: clock, call counter, options, logs, the current execution.
import type { CellValue } from "../../core/types";
import type { BigQueryOptions } from "./bigquery/options";
import { type CallCounter, counted } from "./calls";
import type { Clock } from "./clock";
import { CellCounter, type CostModel, cellCostMs, REALISTIC_COST } from "./cost";
import type { Manifest } from "./manifest";
import { type Account, Quotas, type QuotaTicket } from "./quotas";
import { type Identity, type Start, Users } from "./users";

export type AuthMode = "NONE" | "CUSTOM_FUNCTION" | "LIMITED" | "FULL";

export interface RuntimeOptions {
  /** Start time of the clock (default: the real now). */
  now?: Date;
  /** Spreadsheet time zone (default "UTC"); also the script time zone unless scriptTimeZone is given. */
  timeZone?: string;
  scriptTimeZone?: string;
  /** Spreadsheet locale (default "en_US"; also en_GB, de_DE, fr_FR): how typed strings parse. */
  locale?: string;
  /** MailApp recipients per 24 h (default 100, a consumer account). */
  mailQuota?: number;
  /** The spreadsheet's owner, at the keyboard unless `rt.as(email)` says otherwise (default "owner@example.com"). */
  user?: string;
  /** The other editors of the spreadsheet (users.ts: whom executions run as). */
  users?: string[];
  spreadsheetName?: string;
  spreadsheetId?: string;
  /** HTML files for HtmlService.createHtmlOutputFromFile / createTemplateFromFile, by name (".html" optional). */
  files?: Record<string, string>;
  /**
   * Google throws "The coordinates of the range are outside the dimensions of the sheet." for a range past
   * getMaxRows()/getMaxColumns(). true (default) keeps that; false grows the sheet instead.
   */
  strictBounds?: boolean;
  /** Enforce editor add-on trigger rules: at most one trigger per event type, time-driven no more than hourly. */
  addon?: boolean;
  /**
   * "realistic": each service call and each cell read or written takes clock time, calibrated to published
   * figures (cost.ts). Default "none": no time passes unless callCostMs says so (callCostMs wins per call).
   */
  costModel?: CostModel;
  /** The account type, for the daily trigger runtime quota: 90 min consumer (default), 6 h Workspace. */
  account?: Account;
  /** Clock time each counted service call takes, in ms (default 0): lets tests reach the execution limit. */
  callCostMs?: number | ((name: string) => number);
  /** Execution time limit for a run, in ms (default 360000, Apps Script's 6 minutes; custom functions 30 s). */
  maxExecutionMs?: number;
  /**
   * Value of a formula cell the built-in evaluator cannot compute. Default "#N/A", a real Sheets error
   * value, so the add-on sees an error rather than text it might score.
   */
  formulaValue?: (
    formula: string,
    at: { sheet: string; row: number; column: number },
  ) => CellValue | undefined;
  /**
   * The script's appsscript.json: the advanced services it enables become globals (BigQuery only when the
   * manifest enables serviceId "bigquery"), and explicit oauthScopes limit what they may call.
   */
  manifest?: Manifest;
  /** The tables the BigQuery advanced service holds (bigquery/service.ts), when the manifest enables it. */
  bigquery?: BigQueryOptions;
  /** Echo Logger/console output to the host console (default false; it is always recorded). */
  echo?: boolean;
}

export interface LogEntry {
  level: "log" | "info" | "warn" | "error" | "debug" | "Logger";
  message: string;
  at: Date;
}

/** Moves values between the host realm and the vm context's realm (arrays/objects made there). */
export interface Realm {
  grid<T>(rows: T[][]): T[][];
  plain<T>(value: T): T;
}

export const hostRealm: Realm = { grid: (rows) => rows, plain: (v) => v };

export interface Execution {
  id: number;
  authMode: AuthMode;
  startedAt: number;
  limitMs: number;
  /** Whom it runs as (users.ts). */
  identity: Identity;
  quota: QuotaTicket;
}

export class Env {
  readonly options: Required<Pick<RuntimeOptions, "timeZone" | "scriptTimeZone" | "mailQuota" | "user">> &
    RuntimeOptions;
  readonly logs: LogEntry[] = [];
  readonly cells: CellCounter;
  readonly quotas: Quotas;
  realm: Realm = hostRealm;
  execution: Execution | null = null;
  readonly users: Users;
  private nextExecution = 1;
  /** How the next execution starts (set by startingAs). */
  private start?: Start;
  /** Set by the runtime when a script is loaded: calls a global function of the script. */
  callScript?: (name: string, args: unknown[]) => unknown;
  /** Set by the runtime when a script is loaded: evaluates code in the script's context. */
  evalInScript?: (code: string) => unknown;

  constructor(
    readonly clock: Clock,
    readonly calls: CallCounter,
    options: RuntimeOptions,
  ) {
    const timeZone = options.timeZone ?? "UTC";
    this.options = {
      ...options,
      timeZone,
      scriptTimeZone: options.scriptTimeZone ?? timeZone,
      mailQuota: options.mailQuota ?? 100,
      user: options.user ?? "owner@example.com",
    };
    this.users = new Users(this.options.user, options.users);
    const realistic = options.costModel === "realistic";
    calls.onCall = (name) => {
      const cost = this.options.callCostMs;
      const ms = typeof cost === "function" ? cost(name) : (cost ?? (realistic ? REALISTIC_COST.callMs : 0));
      if (ms > 0) clock.advance(ms);
    };
    this.cells = new CellCounter(calls);
    if (realistic) this.cells.onCells = (kind, n) => clock.advance(cellCostMs(kind, n));
    this.quotas = new Quotas(clock, options.account ?? "consumer");
    calls.guard = (name) => this.check(name);
  }

  wrap<T extends object>(target: T, cls: string): T {
    return counted(target, cls, this.calls);
  }

  /** The authorization mode of the running execution; FULL outside any (direct use from tests). */
  get authMode(): AuthMode {
    return this.execution?.authMode ?? "FULL";
  }

  /** Whom the running execution runs as; outside any, the user at the keyboard (direct use from tests). */
  get identity(): Identity {
    return this.execution?.identity ?? this.users.identityFor({ kind: "direct" });
  }

  /** Runs `fn`, whose first execution starts as `start` says (a trigger's owner, a simple trigger…). */
  startingAs<T>(start: Start, fn: () => T): T {
    this.start = start;
    try {
      return fn();
    } finally {
      this.start = undefined;
    }
  }

  /** Runs `fn` as one Apps Script execution: auth mode, time limit, and locks released at the end. */
  run<T>(authMode: AuthMode, fn: () => T, onEnd?: (id: number) => void): T {
    const outer = this.execution;
    const identity = outer?.identity ?? this.users.identityFor(this.start ?? { kind: "direct" });
    this.start = undefined;
    const limit = authMode === "CUSTOM_FUNCTION" ? 30_000 : (this.options.maxExecutionMs ?? 360_000);
    const quota = this.quotas.enter(identity.effective);
    const exec: Execution = {
      id: this.nextExecution++,
      authMode,
      startedAt: this.clock.now(),
      limitMs: limit,
      identity,
      quota,
    };
    this.execution = exec;
    try {
      return fn();
    } finally {
      this.execution = outer;
      this.quotas.exit(quota);
      onEnd?.(exec.id);
    }
  }

  log(level: LogEntry["level"], message: string): void {
    this.logs.push({ level, message, at: this.clock.date() });
    if (this.options.echo) console.log(`[${level}] ${message}`);
  }

  // Apps Script refuses services a trigger's authorization mode does not allow, and stops a run that
  // exceeds its time limit at the next service call.
  private check(name: string): void {
    const exec = this.execution;
    if (!exec) return;
    if (this.clock.now() - exec.startedAt > exec.limitMs) {
      throw new Error("Exceeded maximum execution time");
    }
    this.quotas.check(exec.quota);
    if (exec.authMode === "FULL") return;
    if (!allowed(exec.authMode, name)) {
      throw new Error(`You do not have permission to call ${name}`);
    }
  }
}

const NONE_ALLOWED =
  /^(SpreadsheetApp\.getUi|Ui\.createAddonMenu|Ui\.createMenu|Menu\.|Logger\.|Session\.getActiveUserLocale)/;
// Advanced services (BigQuery) need authorization, which simple triggers and custom functions lack.
const LIMITED_DENIED =
  /^(MailApp\.|BigQuery\.|ScriptApp\.(newTrigger|getProjectTriggers|getUserTriggers|deleteTrigger))/;
const CUSTOM_DENIED =
  /^(MailApp\.|BigQuery\.|ScriptApp\.|LockService\.|HtmlService\.|SpreadsheetApp\.(getUi|flush|setActive)|Ui\.|Spreadsheet\.(toast|insert|delete|set|rename)|(Sheet|Range)\.(set|insert|delete|append|clear|protect|activate|merge|hide|show|auto|check|uncheck|break|removeChart|updateChart)|Session\.getActiveUser)/;

function allowed(mode: AuthMode, name: string): boolean {
  if (mode === "NONE") return NONE_ALLOWED.test(name);
  if (mode === "LIMITED") return !LIMITED_DENIED.test(name);
  if (mode === "CUSTOM_FUNCTION") return !CUSTOM_DENIED.test(name);
  return true;
}
