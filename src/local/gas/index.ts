// The local Apps Script runtime: public entry point.
export type { BigQueryOptions, BigQueryTableSource } from "./bigquery/options";
export { CallCounter, type CallMatch } from "./calls";
export { Clock, makeDateShim } from "./clock";
export * as enums from "./enums";
export type { AuthMode, LogEntry, RuntimeOptions } from "./env";
export { formatDate } from "./format-date";
export type { MailMessage } from "./mail";
export type { EnabledAdvancedService, Manifest } from "./manifest";
export {
  createRuntime,
  type FireOptions,
  type GasGlobals,
  type Interleaved,
  type InterleavePoint,
  type InterleaveStep,
  LocalRuntime,
  type LocalRuntimeOptions,
  type ScriptHandle,
  type SheetState,
  type StepOutcome,
  type TabValues,
  type TriggerRun,
} from "./runtime";
export type { Range } from "./spreadsheet/range";
export type { Sheet } from "./spreadsheet/sheet";
export type { Spreadsheet } from "./spreadsheet/spreadsheet";
export type { AlertRecord, HtmlShown, MenuRecord, Toast, UiLog } from "./ui";
