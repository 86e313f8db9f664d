// Every lead's state from the whole workbook: one walk over each lead's activities, newest first (the
// activity index's order), then pruned at the as-of time. The full runs write these; the property tests
// hold every incremental update to them.
import { findColumn } from "../headers";
import { outputHeaders } from "../output-headers";
import type { CellValue, WorkbookInput } from "../types";
import { prepareWorkbook } from "../workbook";
import { bucketCount, buildBuckets, indexKey } from "./key-index";
import { advance, copyState, emptyState, encodeState, type LeadState } from "./lead-state";
import { ScoreModel } from "./model";

export interface BuiltStates {
  model: ScoreModel;
  /** Per grid row of Leads (0 = header): the lead's state, or null for a row that is not scored. */
  states: (LeadState | null)[];
  /** Per grid row: the normalized lead key ("" when the row is not scored). */
  keys: string[];
  /** Normalized keys of Activity Log rows that no lead has. */
  orphans: Set<string>;
  outputHeaders: string[];
}

export function buildStates(input: WorkbookInput, asOf: Date, timeZone: string): BuiltStates {
  const wb = prepareWorkbook(input, timeZone);
  const model = new ScoreModel(wb);
  const t = asOf.getTime();
  const { leads, activities: act } = wb;
  const grid = leads.grid;
  // One state per key group (duplicate rows share their activities), then each row's own lead fields.
  const byGroup: (LeadState | null)[] = new Array(leads.groupCount).fill(null);
  const groupState = (g: number): LeadState => {
    const known = byGroup[g];
    if (known) return known;
    const s = emptyState(t, model.slots, "", Number.NaN);
    for (let k = act.start[g]; k < act.start[g + 1]; k++) {
      const ts = act.orderTs[k];
      // Newest first, so each push keeps the lists newest first; pruned once at the end.
      if (ts > t) s.future.push(ts);
      else {
        s.pastCount++;
        if (!(s.lastPast >= ts)) s.lastPast = ts;
      }
      for (const j of model.matchedSlots(act.order[k], act.orderEvent[k])) s.slots[j].push(ts);
    }
    advance(s, model.slots, t);
    byGroup[g] = s;
    return s;
  };
  const states: (LeadState | null)[] = new Array(grid.length).fill(null);
  const keys: string[] = new Array(grid.length).fill("");
  const leadKeys = new Set<string>();
  for (let r = 1; r < grid.length; r++) {
    const g = leads.groupOf[r];
    if (g < 0) continue;
    const shared = groupState(g);
    states[r] = { ...copyState(shared), leadBits: model.leadBits(r), created: model.createdOf(r) };
    keys[r] = indexKey(grid[r][leads.keyCol]);
    leadKeys.add(keys[r]);
  }
  return {
    model,
    states,
    keys,
    orphans: orphanKeys(input, wb.settings.leadKey, leadKeys),
    outputHeaders: outputHeaders(wb.groupNames, wb.settings.engagementBands.length > 0),
  };
}

function orphanKeys(input: WorkbookInput, leadKey: string, leadKeys: ReadonlySet<string>): Set<string> {
  const log = input.activities ?? [];
  const col = findColumn((log[0] ?? []) as CellValue[], leadKey);
  const out = new Set<string>();
  if (col < 0) return out;
  for (let r = 1; r < log.length; r++) {
    const key = indexKey(log[r]?.[col]);
    if (key !== "" && !leadKeys.has(key)) out.add(key);
  }
  return out;
}

/** What a full run stores: per Leads sheet row from 2 on, the key and the state text; the key buckets. */
export function storedForm(built: BuiltStates): { rows: StoredLead[]; buckets: string[] } {
  const rows: StoredLead[] = [];
  for (let r = 1; r < built.states.length; r++) {
    const s = built.states[r];
    rows.push({ key: built.keys[r], state: s ? encodeState(s) : "" });
  }
  const buckets = buildBuckets(built.keys, built.orphans, bucketCount(rows.length));
  return { rows, buckets };
}

/** A Leads row's stored key (normalized) and state text; both "" for a row that is not scored. */
export interface StoredLead {
  key: string;
  state: string;
}
