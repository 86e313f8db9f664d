// The trigger budget: every triggered run adds its runtime to a daily tally, and the add-on backs off
// before Apps Script's "Triggers total runtime" quota (90 min a day for consumer accounts, 6 h Workspace;
// per user, reset 24 hours after the first request — developers.google.com/apps-script/guides/services/quotas)
// stops every trigger for the rest of the day. The tally lives in user properties: the quota is per user,
// and each user's triggers run as that user. It counts Leadscore's runs only (other scripts of the user
// share the quota unseen), and its window opens at this user's first counted run, as Google's does.

import type { TriggerBudget } from "../contract/trigger-budget";
import { parseSettings } from "../core";
import { SETTING, settingValue } from "../core/known-settings";
import type { CellValue } from "../core/types";
import { TAB } from "../core/types";
import { readGrid, sheetsByName, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const TALLY_KEY = "leadscore.triggerTally";
const DAY_MS = 24 * 60 * 60 * 1000;
/** Past this share of the quota, edits are coalesced into one debounced rescore. */
export const BACKOFF_SHARE = 0.8;
/** How long a coalesced rescore waits after the first edit it covers. */
export const BACKOFF_DEBOUNCE_MS = 10 * 60_000;

interface Tally {
  since: number;
  usedMs: number;
  runs: number;
}

function readTally(now: number): Tally | null {
  const text = PropertiesService.getUserProperties().getProperty(TALLY_KEY);
  if (text === null) return null;
  try {
    const t = JSON.parse(text) as Tally;
    return now < t.since + DAY_MS ? t : null;
  } catch {
    return null;
  }
}

/** Runs a trigger handler and adds its runtime to this user's tally. */
export function budgeted<T>(fn: () => T): T {
  const start = Date.now();
  try {
    return fn();
  } finally {
    try {
      const tally = readTally(start) ?? { since: start, usedMs: 0, runs: 0 };
      tally.usedMs += Date.now() - start;
      tally.runs++;
      PropertiesService.getUserProperties().setProperty(TALLY_KEY, JSON.stringify(tally));
    } catch (error) {
      // A run stopped by a quota can call no service: its minutes are lost from the tally, not the run's error.
      console.warn(
        `Leadscore: trigger runtime not tallied: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
}

/** This user's trigger budget today, given the Settings values. */
export function triggerBudget(settingsValues: Readonly<Record<string, CellValue>>): TriggerBudget {
  const tally = readTally(Date.now());
  const quotaMinutes = settingValue(settingsValues, SETTING.triggerMinutes);
  const usedMinutes = Math.round((tally?.usedMs ?? 0) / 60_000);
  const share = (tally?.usedMs ?? 0) / (quotaMinutes * 60_000);
  return {
    usedMinutes,
    quotaMinutes,
    runs: tally?.runs ?? 0,
    backingOff: share >= BACKOFF_SHARE,
    exhausted: share >= 1,
    resetsAt: tally ? new Date(tally.since + DAY_MS).toISOString() : null,
  };
}

/** True once this user's triggers used the back-off share of the day's quota (reads Settings only if a tally exists). */
export function isBackingOff(ss: Spreadsheet): boolean {
  const tally = readTally(Date.now());
  if (!tally) return false;
  const settings = sheetsByName(ss).get(tabKey(TAB.settings));
  const values = parseSettings(settings ? readGrid(settings) : undefined).settings.values;
  return triggerBudget(values).backingOff;
}
