// Activity counts by event, per lead, at each lead's point-in-time cut-off: the raw material of activity
// rules (Event = X, Points per activity, Max Count as a cap, Half-life 0 = no decay).
import type { Grid } from "../types";
import { columnIndex } from "./columns";
import { cellDate, cellKey, cellText } from "./values";

export interface EventCounts {
  /** Event name as most often spelt. */
  event: string;
  /** Per data row of Leads: activities at or before the lead's cut-off. */
  counts: Int32Array;
  /** Leads (among all rows) with at least one. */
  leads: number;
}

export function eventCounts(
  leads: Grid,
  activities: Grid | undefined,
  leadKeyColumn: string,
  cutFor: (dataRow: number) => number,
  timeZone: string,
): EventCounts[] {
  if (!activities || activities.length < 2) return [];
  const lk = columnIndex(leads[0] ?? [], leadKeyColumn);
  const ak = columnIndex(activities[0], leadKeyColumn);
  const at = columnIndex(activities[0], "Timestamp");
  const ev = columnIndex(activities[0], "Event");
  if (lk < 0 || ak < 0 || at < 0 || ev < 0) return [];
  const rowOf = new Map<string, number>();
  for (let r = 1; r < leads.length; r++) {
    const k = cellKey(leads[r]?.[lk]);
    if (k && !rowOf.has(k)) rowOf.set(k, r - 1);
  }
  const byEvent = new Map<string, { spelling: string; counts: Int32Array }>();
  for (let i = 1; i < activities.length; i++) {
    const a = activities[i];
    const row = rowOf.get(cellKey(a?.[ak]));
    if (row === undefined) continue;
    const when = cellDate(a[at], timeZone);
    if (!when || when.getTime() > cutFor(row)) continue;
    const key = cellKey(a[ev]);
    if (!key) continue;
    let e = byEvent.get(key);
    if (!e) {
      e = { spelling: cellText(a[ev]), counts: new Int32Array(leads.length - 1) };
      byEvent.set(key, e);
    }
    e.counts[row]++;
  }
  return [...byEvent.values()].map((e) => {
    let n = 0;
    for (const c of e.counts) if (c > 0) n++;
    return { event: e.spelling, counts: e.counts, leads: n };
  });
}

/** Caps worth a rule: 1 (did it at all), then the 75th and 95th percentile of the positive counts. */
export function capsFor(counts: Int32Array, train: ArrayLike<number>): number[] {
  const pos: number[] = [];
  for (let t = 0; t < train.length; t++) if (counts[train[t]] > 0) pos.push(counts[train[t]]);
  pos.sort((a, b) => a - b);
  const caps = [1];
  for (const q of [0.75, 0.95]) {
    const c = pos[Math.floor(q * (pos.length - 1))] ?? 1;
    if (c > caps[caps.length - 1]) caps.push(Math.min(c, 50));
  }
  return caps;
}
