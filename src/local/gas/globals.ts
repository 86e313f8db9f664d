// The service globals a script sees: each fake wrapped so calls through it are counted.
import { type BigQueryState, bigQueryService } from "./bigquery/service";
import { type CacheMap, CacheService } from "./cache";
import { type Clock, makeDateShim } from "./clock";
import type { Env } from "./env";
import { HtmlService } from "./html";
import { LockService, type LockState } from "./lock";
import { Logger, makeConsole } from "./logger";
import { MailApp, type MailState } from "./mail";
import { PropertiesService } from "./properties";
import { Session } from "./session";
import { SpreadsheetApp } from "./spreadsheet/app";
import { ChartsService } from "./spreadsheet/charts";
import type { Spreadsheet } from "./spreadsheet/spreadsheet";
import { ScriptApp, type TriggerRegistry } from "./triggers";
import type { UiLog } from "./ui";
import type { PerUser } from "./users";
import { Utilities } from "./utilities";

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

export const SERVICE_NAMES: readonly (keyof GasGlobals)[] = [
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
];

/** One store per scope, as Properties and Cache keep them: the user scope has one per user. */
export type Scoped<T> = Record<"document" | "script", T> & { user: PerUser<T> };

/** The state behind the services, owned by the runtime. */
export interface ServiceState {
  env: Env;
  clock: Clock;
  spreadsheet: Spreadsheet;
  ui: UiLog;
  addonName: string;
  properties: Scoped<Map<string, string>>;
  caches: Scoped<CacheMap>;
  locks: LockState;
  triggers: TriggerRegistry;
  mail: MailState;
  /** Present when the manifest enables the BigQuery advanced service (its userSymbol becomes a global). */
  bigquery?: { state: BigQueryState; symbol: string };
}

export function makeGlobals(s: ServiceState): GasGlobals {
  const { env } = s;
  // The fakes implement the parts of Google's interfaces an add-on uses; typed as Google's for callers.
  // An advanced service not enabled in the manifest is no global: using it is a ReferenceError.
  const advanced = s.bigquery
    ? { [s.bigquery.symbol]: bigQueryService(s.bigquery.state, env, s.bigquery.symbol) }
    : {};
  return {
    ...advanced,
    SpreadsheetApp: env.wrap(
      new SpreadsheetApp(env, s.spreadsheet, s.ui, () => s.addonName),
      "SpreadsheetApp",
    ),
    Charts: env.wrap(new ChartsService(), "Charts"),
    PropertiesService: env.wrap(new PropertiesService(env, s.properties), "PropertiesService"),
    CacheService: env.wrap(new CacheService(env, s.caches), "CacheService"),
    LockService: env.wrap(new LockService(env, s.locks), "LockService"),
    ScriptApp: env.wrap(new ScriptApp(env, s.triggers, "local-script-id"), "ScriptApp"),
    MailApp: env.wrap(new MailApp(s.mail), "MailApp"),
    HtmlService: env.wrap(new HtmlService(env), "HtmlService"),
    Session: env.wrap(new Session(env), "Session"),
    Utilities: env.wrap(new Utilities(env), "Utilities"),
    Logger: env.wrap(new Logger(env), "Logger"),
    console: makeConsole(env),
    Date: makeDateShim(s.clock),
  } as unknown as GasGlobals;
}
