// Activity Log: parse each row once (timestamp, lead, event) and index rows by lead, newest first,
// so scoring a lead walks only its own activities.
import { findColumn, headerText } from "./headers";
import type { LeadTable } from "./leads";
import { isBlankRow } from "./leads";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { ZoneClock } from "./time";
import { timestampMs } from "./time";
import type { CellValue, Grid } from "./types";
import { TAB } from "./types";
import { cellText } from "./values";

export interface ActivityIndex {
  grid: Grid;
  headers: CellValue[];
  /** Epoch ms per grid row; NaN for rows that are skipped. */
  ts: Float64Array;
  /** Event id per grid row; -1 when blank or skipped. */
  eventId: Int32Array;
  /** Normalized event name → id. */
  events: Map<string, number>;
  /** Grid rows grouped by lead group, newest first within a group. */
  order: Int32Array;
  /** order[start[g] .. start[g+1]) are group g's activities. */
  start: Int32Array;
  /** Rows indexed (valid timestamp, known lead). */
  count: number;
}

export function emptyActivityIndex(groupCount: number): ActivityIndex {
  return {
    grid: [],
    headers: [],
    ts: new Float64Array(0),
    eventId: new Int32Array(0),
    events: new Map(),
    order: new Int32Array(0),
    start: new Int32Array(groupCount + 1),
    count: 0,
  };
}

export function indexActivities(
  grid: Grid | undefined,
  leads: LeadTable,
  leadKey: string,
  clock: ZoneClock,
  sink: ProblemSink,
): ActivityIndex {
  const empty = emptyActivityIndex(leads.groupCount);
  if (!grid || grid.length === 0) return empty;
  const headers = grid[0] ?? [];
  const tsCol = findColumn(headers, "Timestamp");
  const keyCol = findColumn(headers, leadKey);
  const evCol = findColumn(headers, "Event");
  const missing = (column: string, what: string) =>
    sink.add(
      problem(
        TAB.activities,
        1,
        column,
        `The Activity Log has no ${column} column, so ${what}.`,
        `Add a column headed ${column} to row 1 of the Activity Log.`,
      ),
    );
  if (tsCol < 0) missing("Timestamp", "no activity is counted");
  if (keyCol < 0) missing(leadKey, "activities cannot be matched to leads and none is counted");
  if (evCol < 0) missing("Event", "rules with an Event match nothing");
  if (tsCol < 0 || keyCol < 0) return { ...empty, grid, headers };

  const n = grid.length;
  const ts = new Float64Array(n).fill(Number.NaN);
  const eventId = new Int32Array(n).fill(-1);
  const groupOfRow = new Int32Array(n).fill(-1);
  const events = new Map<string, number>();
  const eventMemo = new Map<CellValue, number>();
  const counts = new Int32Array(leads.groupCount + 1);
  const tsHeader = headerText(headers, tsCol);
  const keyHeader = headerText(headers, keyCol);
  // Raw key text → group: repeated keys skip trimming and lower-casing.
  const keyMemo = new Map<CellValue, number>();
  const lk = leads.keyCol;
  for (let r = 1; r < leads.grid.length; r++) {
    if (leads.groupOf[r] >= 0) keyMemo.set(leads.grid[r][lk], leads.groupOf[r]);
  }
  let count = 0;
  for (let r = 1; r < n; r++) {
    const row = grid[r];
    if (!row) continue;
    const t = timestampMs(row[tsCol], clock);
    const rawKey = row[keyCol];
    let g = keyMemo.get(rawKey);
    if (g === undefined) {
      const k = cellText(rawKey).toLowerCase();
      g = k === "" ? -2 : (leads.groups.get(k) ?? -1);
      keyMemo.set(rawKey, g);
    }
    if (Number.isNaN(t)) {
      if (isBlankRow(row)) continue;
      const shown = cellText(row[tsCol]);
      sink.add(
        problem(
          TAB.activities,
          r + 1,
          tsHeader,
          shown === ""
            ? "This activity has no Timestamp; it is not counted."
            : `"${shown}" is not a date or ISO 8601 time; the activity is not counted.`,
          "Enter a date (a Sheets date cell) or ISO text such as 2024-05-01 or 2024-05-01T14:30:00Z.",
        ),
        "activity-timestamp",
      );
      continue;
    }
    if (g < 0) {
      if (g === -2) {
        sink.add(
          problem(
            TAB.activities,
            r + 1,
            keyHeader,
            `This activity has no ${keyHeader}; it is not counted.`,
            `Fill in the lead's ${keyHeader}.`,
          ),
          "activity-blank-key",
        );
      } else {
        sink.add(
          problem(
            TAB.activities,
            r + 1,
            keyHeader,
            `No lead in Leads has ${keyHeader} "${cellText(rawKey)}"; the activity is not counted.`,
            `Add the lead to the Leads tab, or correct the ${keyHeader}.`,
            "warning",
          ),
          "activity-unknown-lead",
        );
      }
      continue;
    }
    ts[r] = t;
    groupOfRow[r] = g;
    counts[g + 1]++;
    count++;
    if (evCol >= 0) {
      const rawEv = row[evCol];
      let e = eventMemo.get(rawEv);
      if (e === undefined) {
        const name = cellText(rawEv).toLowerCase().replace(/\s+/g, " ");
        if (name === "") e = -1;
        else {
          e = events.get(name);
          if (e === undefined) {
            e = events.size;
            events.set(name, e);
          }
        }
        eventMemo.set(rawEv, e);
      }
      eventId[r] = e;
    }
  }
  // Counting sort by group, then newest first inside each group.
  const start = new Int32Array(leads.groupCount + 1);
  for (let g = 0; g < leads.groupCount; g++) start[g + 1] = start[g] + counts[g + 1];
  const fill = start.slice(0, leads.groupCount);
  const order = new Int32Array(count);
  for (let r = 1; r < n; r++) {
    const g = groupOfRow[r];
    if (g >= 0) order[fill[g]++] = r;
  }
  for (let g = 0; g < leads.groupCount; g++) sortNewestFirst(order, start[g], start[g + 1], ts);
  return { grid, headers, ts, eventId, events, order, start, count };
}

/** Sorts order[lo..hi) by timestamp descending (ties by row). Logs are usually appended in time order,
 * so an ascending run is reversed in O(n); short slices use insertion sort. */
function sortNewestFirst(order: Int32Array, lo: number, hi: number, ts: Float64Array): void {
  const n = hi - lo;
  if (n < 2) return;
  let desc = true;
  let asc = true;
  for (let i = lo + 1; i < hi && (desc || asc); i++) {
    const a = ts[order[i - 1]];
    const b = ts[order[i]];
    if (a < b) desc = false;
    else if (a > b) asc = false;
  }
  if (desc && !asc) return;
  if (asc && !desc) {
    // Strictly ascending runs only need reversing; with ties we fall through to keep ties by row.
    let strict = true;
    for (let i = lo + 1; i < hi && strict; i++) if (ts[order[i - 1]] === ts[order[i]]) strict = false;
    if (strict) {
      order.subarray(lo, hi).reverse();
      return;
    }
  }
  if (desc && asc) return; // all equal: row order already
  if (n <= 32) {
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i];
      const tv = ts[v];
      let j = i - 1;
      while (j >= lo && (ts[order[j]] < tv || (ts[order[j]] === tv && order[j] > v))) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = v;
    }
    return;
  }
  const slice = Array.from(order.subarray(lo, hi));
  slice.sort((a, b) => ts[b] - ts[a] || a - b);
  order.set(slice, lo);
}
