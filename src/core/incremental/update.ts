// Bringing the stored lead states up to date from what changed, without the rest of the workbook: the
// rows an edit names, the Activity Log rows appended since the last run, the states of the leads those
// touch (found through the key buckets). Whatever the states cannot follow (deleted or moved rows, an
// edited old log row, a changed key, a changed matrix, Settings, Lists or header) is answered with the
// reason a full read is needed. The sheet runs (src/sheets/incremental-run.ts) and the property tests
// (test/core/incremental.test.ts) drive the same functions.
import { findColumn } from "../headers";
import { outputHeaders } from "../output-headers";
import { parseSettings } from "../settings";
import type { CellValue, Grid } from "../types";
import { prepareWorkbook } from "../workbook";
import type { StoredLead } from "./build";
import { stateFingerprint } from "./fingerprint";
import { type Bucket, bucketOf, decodeBucket, encodeBucket, indexKey } from "./key-index";
import {
  addActivity,
  advance,
  copyState,
  decodeState,
  emptyState,
  encodeState,
  type LeadState,
  STATE_VERSION,
} from "./lead-state";
import { ScoreModel } from "./model";
import { incrementalSupport } from "./support";

export interface StateMeta {
  version: number;
  fingerprint: string;
  /** Last rows of Leads and of the Activity Log the states cover. */
  leadRows: number;
  logRows: number;
  buckets: number;
  /** Epoch ms of the last full read. */
  checkedAt: number;
}

/** The small tabs every run reads whole, and the two header rows. */
export interface SmallTabs {
  matrix: Grid | undefined;
  settings: Grid | undefined;
  lists: Grid | undefined;
  leadHeader: CellValue[];
  activityHeader: CellValue[] | undefined;
  timeZone: string;
}

/** Where the stored states live: read a few rows, or one bucket. */
export interface StateStore {
  read(rows: readonly number[]): Map<number, StoredLead>;
  bucket(b: number): string;
}

/** An edit's rows: a tab and an inclusive range of sheet rows. */
export interface EditedRows {
  tab: "leads" | "activities";
  firstRow: number;
  lastRow: number;
}

export type Plan = { full: string } | { full: null; leadRows: number[]; logFrom: number; logTo: number };

/** Above this many Leads rows or log cells to read, one full read costs less than the piecemeal one. */
export const MAX_PLAN_LEADS = 50;
export const MAX_PLAN_LOG_CELLS = 20_000;

export function metaFor(
  tabs: SmallTabs,
  leadRows: number,
  logRows: number,
  buckets: number,
  at: number,
): StateMeta {
  return {
    version: STATE_VERSION,
    fingerprint: stateFingerprint(tabs),
    leadRows,
    logRows,
    buckets,
    checkedAt: at,
  };
}

/** Why the states cannot be brought up to date from these tabs, or null when they can. */
export function staleReason(meta: StateMeta | null, tabs: SmallTabs): string | null {
  if (!meta || meta.version !== STATE_VERSION) return "no lead states yet";
  if (meta.fingerprint !== stateFingerprint(tabs))
    return "the matrix, Settings, Lists or a header row changed";
  return null;
}

/**
 * Which rows to read for these edits, given the tabs' last rows now: the edited Leads rows and any appended
 * since, the log rows appended since the states. A shrunk tab (rows deleted) or an edited log row the states
 * already hold needs a full read: what the row held before is not known.
 */
export function planReads(
  meta: StateMeta,
  lastRows: { leads: number; log: number },
  edits: readonly EditedRows[],
  logWidth: number,
): Plan {
  if (lastRows.leads < meta.leadRows) return { full: "rows were deleted from Leads" };
  if (lastRows.log < meta.logRows) return { full: "rows were deleted from the Activity Log" };
  const leadRows = new Set<number>();
  for (let r = meta.leadRows + 1; r <= lastRows.leads; r++) leadRows.add(r);
  for (const e of edits) {
    if (e.tab === "leads") {
      for (let r = Math.max(2, e.firstRow); r <= Math.min(e.lastRow, lastRows.leads); r++) leadRows.add(r);
    } else if (e.firstRow <= meta.logRows)
      return { full: "an Activity Log row the scores already counted was edited" };
  }
  if (leadRows.size > MAX_PLAN_LEADS) return { full: "many Leads rows changed" };
  if ((lastRows.log - meta.logRows) * logWidth > MAX_PLAN_LOG_CELLS)
    return { full: "many activities were added" };
  return {
    full: null,
    leadRows: [...leadRows].sort((a, b) => a - b),
    logFrom: meta.logRows + 1,
    logTo: lastRows.log,
  };
}

export interface Updated {
  full: null;
  /** States to store, by Leads sheet row. */
  leads: Map<number, StoredLead>;
  /** Buckets to store, by bucket number. */
  buckets: Map<number, string>;
  /** Output cells by Leads sheet row (aligned with outputHeaders); null = the row is not scored (blanks). */
  outputs: Map<number, CellValue[] | null>;
  outputHeaders: string[];
}

export type UpdateResult = { full: string } | Updated;

/** The rows a run read: Leads rows by sheet row (whole rows), the appended log rows in order. */
export interface ReadRows {
  leadRows: ReadonlyMap<number, readonly CellValue[]>;
  appended: readonly CellValue[][];
  /**
   * The Leads key cells of other rows, read when asked: the rows the key index names for appended
   * activities, checked to still hold their lead before their scores are written (not called with `all`).
   */
  keysAt(rows: readonly number[]): ReadonlyMap<number, CellValue>;
}

/**
 * Brings the states of the leads these rows touch up to date at `asOf` and computes their outputs. With
 * `allStates` (every stored row, from row 2), every lead is brought up to date and output: the scheduled run.
 */
export function updateStates(
  tabs: SmallTabs,
  meta: StateMeta,
  read: ReadRows,
  store: StateStore,
  asOf: Date,
  all?: { stored: readonly StoredLead[]; keys: readonly CellValue[] },
): UpdateResult {
  const stale = staleReason(meta, tabs);
  if (stale) return { full: stale };
  const { leadKey } = parseSettings(tabs.settings).settings;
  const leadKeyCol = findColumn(tabs.leadHeader, leadKey);
  const logKeyCol = tabs.activityHeader ? findColumn(tabs.activityHeader, leadKey) : -1;
  if (leadKeyCol < 0) return { full: "Leads has no key column" };
  const t = asOf.getTime();

  // Buckets read once each; changes are written back.
  const buckets = new Map<number, Bucket>();
  const changedBuckets = new Set<number>();
  const bucket = (key: string): Bucket | null => {
    const b = bucketOf(key, meta.buckets);
    let m = buckets.get(b);
    if (!m) {
      const decoded = decodeBucket(store.bucket(b));
      if (!decoded) return null;
      m = decoded;
      buckets.set(b, m);
    }
    return m;
  };
  const stored = new Map<number, StoredLead>();
  const readStored = (rows: number[]) => {
    const missing = allStates ? [] : rows.filter((r) => !stored.has(r));
    if (missing.length) for (const [r, s] of store.read(missing)) stored.set(r, s);
  };
  const allStates = all?.stored;
  if (all) {
    // Every row must still hold the lead its state was stored for: a sort or a moved row shows here.
    if (all.keys.length < all.stored.length) return { full: "rows were deleted from Leads" };
    for (let i = 0; i < all.stored.length; i++) {
      if (!read.leadRows.has(i + 2) && indexKey(all.keys[i]) !== all.stored[i].key)
        return { full: "Leads rows moved, or a key was edited while scoring was off" };
      stored.set(i + 2, all.stored[i]);
    }
  }

  // Edited and new Leads rows: a row keeps its lead, or takes a key no activity has had yet.
  readStored([...read.leadRows.keys()]);
  const edited = new Map<number, string>();
  const newLeads = new Map<number, string>();
  for (const [row, cells] of read.leadRows) {
    const key = indexKey(cells[leadKeyCol]);
    const before = stored.get(row)?.key ?? "";
    if (before !== "" && key !== before) return { full: "a lead's key changed, or Leads rows moved" };
    edited.set(row, key);
    if (before === "" && key !== "") newLeads.set(row, key);
  }
  for (const [row, key] of newLeads) {
    const m = bucket(key);
    if (!m) return { full: "the key index is damaged" };
    const rows = m.get(key);
    if (rows && rows.length === 0)
      return { full: "activities were logged for a lead before it was added to Leads" };
    m.set(
      key,
      [...(rows ?? []), row].sort((a, b) => a - b),
    );
    changedBuckets.add(bucketOf(key, meta.buckets));
  }
  // Appended activities: the rows of their leads, or their key recorded as one no lead has.
  const targets = new Set<number>(edited.keys());
  for (const cells of read.appended) {
    if (logKeyCol < 0) break;
    const key = indexKey(cells[logKeyCol]);
    if (key === "") continue;
    const m = bucket(key);
    if (!m) return { full: "the key index is damaged" };
    const rows = m.get(key);
    if (rows === undefined) {
      m.set(key, []);
      changedBuckets.add(bucketOf(key, meta.buckets));
    } else for (const r of rows) targets.add(r);
  }
  // A new row whose key another row has shares that row's activities.
  const sources = new Map<number, number>();
  for (const [row, key] of newLeads) {
    const first = bucket(key)
      ?.get(key)
      ?.find((r) => r !== row && !newLeads.has(r));
    if (first !== undefined) sources.set(row, first);
  }
  readStored([...targets, ...sources.values()]);
  // Rows found through the index must still hold their lead: rows a sort moved with no edit event (another
  // script, the API) show here, before a lead's scores land on the row that now holds another lead.
  if (!all) {
    const unread = [...new Set([...targets, ...sources.values()])].filter((r) => !read.leadRows.has(r));
    const keys = unread.length > 0 ? read.keysAt(unread) : new Map<number, CellValue>();
    for (const r of unread)
      if (indexKey(keys.get(r)) !== (stored.get(r)?.key ?? ""))
        return { full: "Leads rows moved, or a key was edited unseen" };
  }

  // The few rows as a workbook of their own, to parse and bind exactly as the full run does.
  const ordered = [...targets].sort((a, b) => a - b);
  const miniLeads: Grid = [tabs.leadHeader];
  const miniIndex = new Map<number, number>();
  for (const row of ordered) {
    const key = edited.has(row) ? edited.get(row) : stored.get(row)?.key;
    if (!key) continue;
    miniIndex.set(row, miniLeads.length);
    const cells = read.leadRows.get(row);
    miniLeads.push(cells ? cells.slice() : tabs.leadHeader.map((_, c) => (c === leadKeyCol ? key : "")));
  }
  const wb = prepareWorkbook(
    {
      leads: miniLeads,
      matrix: tabs.matrix,
      settings: tabs.settings,
      lists: tabs.lists,
      activities: tabs.activityHeader ? [tabs.activityHeader, ...read.appended] : undefined,
    },
    tabs.timeZone,
  );
  const support = incrementalSupport(wb);
  if (!support.incremental) return { full: support.reason };
  const model = new ScoreModel(wb);
  const decode = (row: number): LeadState | null => {
    const s = stored.get(row);
    return s && s.state !== "" ? decodeState(s.state, model.slots.length, model.staticRules.length) : null;
  };

  const states = new Map<number, LeadState>();
  for (const [row, i] of miniIndex) {
    let state: LeadState | null;
    if (newLeads.has(row)) {
      const source = sources.get(row);
      state = source !== undefined ? decode(source) : emptyState(t, model.slots, "", Number.NaN);
    } else state = decode(row);
    if (!state) return { full: "a lead's stored state is missing or damaged" };
    if (state.asOf > t) return { full: "the clock is behind the stored states" };
    state = copyState(state);
    if (read.leadRows.has(row)) {
      state.leadBits = model.leadBits(i);
      state.created = model.createdOf(i);
    }
    states.set(row, state);
  }
  // Each appended activity, to every row of its lead (rows sharing a key are one group).
  const act = wb.activities;
  const rowsOfGroup = new Map<number, number[]>();
  for (const [row, i] of miniIndex) {
    const g = wb.leads.groupOf[i];
    rowsOfGroup.set(g, [...(rowsOfGroup.get(g) ?? []), row]);
  }
  for (const [g, rows] of rowsOfGroup) {
    for (let k = act.start[g]; k < act.start[g + 1]; k++) {
      const matched = model.matchedSlots(act.order[k], act.orderEvent[k]);
      for (const row of rows) addActivity(states.get(row)!, model.slots, act.orderTs[k], matched);
    }
  }

  // Every lead of the scheduled run is brought forward; the rest are those touched here.
  if (allStates) {
    for (let row = 2; row < allStates.length + 2; row++) {
      if (states.has(row) || allStates[row - 2].key === "") continue;
      const s = decode(row);
      if (!s) return { full: "a lead's stored state is missing or damaged" };
      if (s.asOf > t) return { full: "the clock is behind the stored states" };
      states.set(row, s);
    }
  }
  const rows = [...states.keys()].sort((a, b) => a - b);
  for (const row of rows) advance(states.get(row)!, model.slots, t);
  const values = model.outputs(
    rows.map((r) => states.get(r)!),
    asOf,
  );
  const outputs = new Map<number, CellValue[] | null>();
  const leads = new Map<number, StoredLead>();
  rows.forEach((row, i) => {
    outputs.set(row, values[i]);
    leads.set(row, {
      key: stored.get(row)?.key || edited.get(row) || "",
      state: encodeState(states.get(row)!),
    });
  });
  for (const [row, key] of edited) {
    if (key !== "") continue;
    outputs.set(row, null);
    leads.set(row, { key: "", state: "" });
  }
  const bucketTexts = new Map<number, string>();
  for (const b of changedBuckets) bucketTexts.set(b, encodeBucket(buckets.get(b)!));
  return {
    full: null,
    leads,
    buckets: bucketTexts,
    outputs,
    outputHeaders: outputHeaders(wb.groupNames, wb.settings.engagementBands.length > 0),
  };
}
