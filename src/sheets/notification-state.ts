// Where notifications keep their state, so no run depends on memory:
// - the "Leadscore State" tab (hidden, owned by the add-on): one row per lead (last tier and score, the
//   announced marker, the undelivered alert). Read with one getValues, written with one setValues, so it
//   scales to 100,000 leads where one document property per lead would not (500 KB per store, 9 KB a value).
// - the send journal (document property): the only per-email record, kept small (short alert ids).
// - a summary of pending alerts (document property) that the sidebar reads without opening the tab.
import type { PendingNotification } from "../contract";
import {
  emptyJournal,
  type Journal,
  type LeadState,
  parseJournal,
  parseStateGrid,
  STATE_WIDTH,
  type StateMeta,
  stateGrid,
  stateKeyReader,
} from "../core/notify";
import type { Grid } from "../core/types";
import { literal } from "./cell-text";
import { ensureSize } from "./sheet-size";
import { clearState, readState, writeState } from "./state";
import { readGrid, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const STATE_TAB = "Leadscore State";
export const PENDING_KEY = "leadscore.pending";
export const JOURNAL_KEY = "leadscore.notify.journal";
/** Account alerts (account-alerts.ts) keep their own state tab and send journal. */
export const ACCOUNT_STATE_TAB = "Leadscore Account State";
export const ACCOUNT_JOURNAL_KEY = "leadscore.notify.accountJournal";
export const ACCOUNT_PENDING_KEY = "leadscore.pending.accounts";
/** The sidebar lists this many pending alerts (highest scores); the run summary has the full count. */
export const PENDING_SHOWN = 50;

export interface StoredState {
  sheet: Sheet | undefined;
  /** null before the first committed run: the next run takes a baseline instead of announcing everyone. */
  states: Map<string, LeadState> | null;
  meta: StateMeta;
  /** Rows the tab holds now (header included), so the next write can blank any left over. */
  rows: number;
}

export function readStoredState(sheets: Map<string, Sheet>, tab: string = STATE_TAB): StoredState {
  const sheet = sheets.get(tabKey(tab));
  if (!sheet) return { sheet, states: null, meta: { historyRows: 0 }, rows: 0 };
  const grid: Grid = readGrid(sheet);
  const parsed = parseStateGrid(grid);
  return {
    sheet,
    states: parsed?.meta.ready ? parsed.states : null,
    meta: parsed?.meta ?? { historyRows: 0 },
    rows: grid.length,
  };
}

/** Creates the hidden tab with a header row only (not ready: a crash before the first commit re-baselines). */
export function createStateSheet(
  ss: Spreadsheet,
  sheets: Map<string, Sheet>,
  meta: StateMeta,
  tab: string = STATE_TAB,
): Sheet {
  const sheet = ss.insertSheet(tab);
  sheet.hideSheet();
  sheet
    .getRange(1, 1, 1, STATE_WIDTH)
    .setValues(stateGrid([], { ...meta, ready: false }).map((r) => r.map(literal)));
  sheet.protect().setDescription("Leadscore's notification state. Do not edit.").setWarningOnly(true);
  sheets.set(tabKey(tab), sheet);
  return sheet;
}

/** One write of the whole block (old rows past the new end are blanked in the same write). Returns its height. */
export function writeStoredState(
  sheet: Sheet,
  states: readonly LeadState[],
  meta: StateMeta,
  oldRows: number,
): number {
  const grid = stateGrid(states, { ...meta, ready: true }, oldRows).map((r) => r.map(literal));
  ensureSize(sheet, grid.length);
  sheet.getRange(1, 1, grid.length, STATE_WIDTH).setValues(grid);
  return grid.length;
}

type Properties = GoogleAppsScript.Properties.Properties;

export function readJournal(key: string = JOURNAL_KEY): Journal {
  return parseJournal(PropertiesService.getDocumentProperties().getProperty(key));
}

/** `store` lets the send loop fetch the document properties once: one call per journal write. */
export function writeJournal(
  j: Journal,
  store: Properties = PropertiesService.getDocumentProperties(),
  key: string = JOURNAL_KEY,
): void {
  store.setProperty(key, JSON.stringify(j));
}

export function clearJournal(key: string = JOURNAL_KEY): void {
  writeJournal(emptyJournal(), undefined, key);
}

/**
 * What the sidebar shows: the highest-scoring undelivered alerts and how many there are. `models` (the
 * named models, as spelt) say which model a state is in; a default model's entry has no `model`.
 */
export function writePendingSummary(
  states: readonly LeadState[],
  models: readonly string[] = [],
  key: string = PENDING_KEY,
): number {
  const pending = states.filter((s) => s.pending);
  const cut = (t: string) => (t.length > 80 ? `${t.slice(0, 79)}…` : t);
  const read = stateKeyReader(models);
  let shown: PendingNotification[] = pending
    .sort((a, b) => b.score - a.score)
    .slice(0, PENDING_SHOWN)
    .map((s) => {
      const { model, key } = read(s.key);
      const entry = { key: cut(key), name: cut(s.name), tier: cut(s.pending!.tier), score: s.score };
      return model ? { ...entry, model: cut(model) } : entry;
    });
  // A property value holds 9 KB: show fewer rather than fail the run.
  while (shown.length > 1 && JSON.stringify(shown).length > 8_000)
    shown = shown.slice(0, Math.floor(shown.length / 2));
  if (shown.length) writeState(key, shown);
  else clearState(key);
  return pending.length;
}

/** Alerts decided but not yet sent to every recipient (highest scores first; at most PENDING_SHOWN). */
export function pendingNotifications(key: string = PENDING_KEY): PendingNotification[] {
  return readState<PendingNotification[]>(key) ?? [];
}
