// Activity Log: parse each row once (timestamp, lead, event, the columns rules test) and index rows by
// lead, newest first, so scoring a lead walks only its own activities.

import { gridTable } from "./cell-table";
import type { Dictionary } from "./columns";
import { CellCoder } from "./columns";
import { warnDuplicateHeaders } from "./duplicate-headers";
import { findColumn, headerText, normalizeHeader } from "./headers";
import { BLANK_KEY, resolveKeys } from "./keys";
import type { LeadTable } from "./leads";
import { isBlankRow } from "./leads";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { ZoneClock } from "./time";
import { dateFormatFix, timestampInto } from "./time";
import type { CellTable, CellValue, CodedColumn } from "./types";
import { TAB } from "./types";
import { cellText } from "./values";

/** An Activity Log column rules test, coded by value while the log is indexed. */
export interface TestedColumn {
  /** Per event id, 1 when some rule on this column wants that event; null when a rule takes any event. */
  wanted: Uint8Array | null;
  /** The column's cells on the wanted rows of indexed activities, or null with too many distinct values. */
  dictionary: Dictionary | null;
}

export interface ActivityIndex {
  /** The Activity Log's cells. */
  table: CellTable;
  headers: CellValue[];
  /** Event id per grid row; -1 when blank or skipped. */
  eventId: Int32Array;
  /** Normalized event name → id. */
  events: Map<string, number>;
  /** Grid rows grouped by lead group, newest first within a group. */
  order: Int32Array;
  /** order[start[g] .. start[g+1]) are group g's activities. */
  start: Int32Array;
  /** Timestamps (epoch ms) and event ids in `order` sequence, so scoring a lead reads memory in a line, not all over. */
  orderTs: Float64Array;
  orderEvent: Int32Array;
  /** Rows indexed (valid timestamp, known lead). */
  count: number;
  /** Column index → the columns asked for in indexActivities' `tested`. */
  tested: Map<number, TestedColumn>;
}

export function emptyActivityIndex(groupCount: number): ActivityIndex {
  return {
    table: gridTable([]),
    headers: [],
    eventId: new Int32Array(0),
    events: new Map(),
    order: new Int32Array(0),
    start: new Int32Array(groupCount + 1),
    orderTs: new Float64Array(0),
    orderEvent: new Int32Array(0),
    count: 0,
    tested: new Map(),
  };
}

/**
 * Indexes the Activity Log: lead keys, then one pass over the rows for the timestamp, the event and the
 * `tested` columns (column → the normalized events whose rows the rules test, null for any event), so
 * that a column rules test is coded while its row is at hand, not in a pass of its own. Where the table's
 * reader coded a column (CellTable.codes), each distinct value is looked at once, then each row by code.
 */
export function indexActivities(
  table: CellTable | undefined,
  leads: LeadTable,
  leadKey: string,
  clock: ZoneClock,
  sink: ProblemSink,
  tested: ReadonlyMap<number, ReadonlySet<string> | null> = new Map(),
): ActivityIndex {
  const empty = emptyActivityIndex(leads.groupCount);
  if (!table || table.length === 0) return empty;
  const headers = table.row(0);
  const columns = activityColumns(headers, leadKey, sink);
  if (columns === null) return { ...empty, table, headers };
  const coded = codeRows(table, columns, leads, clock, sink, tested);
  return {
    table,
    headers,
    eventId: coded.eventId,
    events: coded.events,
    ...groupByLead(coded.groupOfRow, coded.ts, coded.eventId, leads.groupCount),
    tested: coded.tested,
  };
}

/**
 * Row 1 of the Activity Log; null when there is no Activity Log tab, or when it has no header row (an
 * empty file or tab), which is reported here: rules are then not checked against its columns, so the
 * matrix is not blamed for the empty log.
 */
export function activityHeaderRow(
  table: CellTable | undefined,
  leadKey: string,
  sink: ProblemSink,
): CellValue[] | null {
  if (!table) return null;
  if (table.length > 0 && !isBlankRow(table.row(0))) return table.row(0);
  sink.add(
    problem(
      TAB.activities,
      1,
      "",
      "The Activity Log is empty (no header row), so no activity is counted and activity rules give 0.",
      `Put the headers Timestamp, ${leadKey}, Event, Detail in row 1 and one activity per row under them, or delete the empty tab.`,
      "warning",
    ),
  );
  return null;
}

/** The columns indexing reads, by position. */
interface ActivityColumns {
  tsCol: number;
  keyCol: number;
  /** -1 when there is no Event column. */
  evCol: number;
  tsHeader: string;
  keyHeader: string;
}

/** Finds Timestamp, the lead key and Event in row 1, reporting the missing; null without the first two. */
function activityColumns(headers: CellValue[], leadKey: string, sink: ProblemSink): ActivityColumns | null {
  warnDuplicateHeaders(TAB.activities, headers, sink);
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
  if (tsCol < 0 || keyCol < 0) return null;
  return {
    tsCol,
    keyCol,
    evCol,
    tsHeader: headerText(headers, tsCol),
    keyHeader: headerText(headers, keyCol),
  };
}

/** What the pass over the rows codes: per grid row, its timestamp, event and lead group. */
interface CodedRows {
  ts: Float64Array;
  eventId: Int32Array;
  events: Map<string, number>;
  /** Lead group per grid row; -1 for a row not indexed. */
  groupOfRow: Int32Array;
  tested: Map<number, TestedColumn>;
}

/** A `tested` column's coder while the rows are coded (`wanted` per event id, grown as events appear). */
interface ColumnCoder {
  col: number;
  names: ReadonlySet<string> | null;
  wanted: number[];
  /** null once the column has too many distinct values to code. */
  coder: CellCoder | null;
  /** The reader's codes for the column, and per code the coder's (UNSEEN until its first row). */
  source: CodedColumn | null;
  byCode: Int32Array | null;
}

/** A reader's code not met yet in the pass. */
const UNSEEN = -2;

/** Per code of a reader's coded column, a slot for what the pass makes of its value (UNSEEN until then). */
function perCode(source: CodedColumn | null): Int32Array | null {
  return source && new Int32Array(source.values.length + 1).fill(UNSEEN);
}

/**
 * Lead keys (resolveKeys), then one pass over the rows: timestamp, event id and the tested columns' codes.
 * A row with a bad timestamp or no known lead is reported and left out (NaN timestamp, group -1).
 */
function codeRows(
  table: CellTable,
  { tsCol, keyCol, evCol, tsHeader, keyHeader }: ActivityColumns,
  leads: LeadTable,
  clock: ZoneClock,
  sink: ProblemSink,
  tested: ReadonlyMap<number, ReadonlySet<string> | null>,
): CodedRows {
  const n = table.length;
  const ts = new Float64Array(n).fill(Number.NaN);
  const eventId = new Int32Array(n).fill(-1);
  const events = new Map<string, number>();
  const eventMemo = new Map<CellValue, number>();
  // Keys first, in passes of their own: hashing streams through the log, and the lookups that follow
  // jump around tables that a pass also reading other cells would push out of the cache.
  const groupOfRow = resolveKeys(table, keyCol, leads.keys, table.codes?.(keyCol) ?? undefined);
  const coders = [...tested].map(([col, names]): ColumnCoder => {
    const source = table.codes?.(col) ?? null;
    return { col, names, wanted: [], coder: new CellCoder(n), source, byCode: perCode(source) };
  });
  const eventOf = (raw: CellValue): number => {
    const known = eventMemo.get(raw);
    if (known !== undefined) return known;
    const name = normalizeHeader(raw);
    let e = -1;
    if (name !== "") {
      const id = events.get(name);
      if (id !== undefined) e = id;
      else {
        e = events.size;
        events.set(name, e);
        for (let i = 0; i < coders.length; i++) {
          const names = coders[i].names;
          coders[i].wanted.push(names === null || names.has(name) ? 1 : 0);
        }
      }
    }
    eventMemo.set(raw, e);
    return e;
  };
  const evCodes = evCol >= 0 ? (table.codes?.(evCol) ?? null) : null;
  const eventOfCode = perCode(evCodes);
  const instants = table.instants?.(tsCol) ?? null;
  for (let r = 1; r < n; r++) {
    const g = groupOfRow[r];
    groupOfRow[r] = -1; // until the row is indexed
    // Parsed straight into `ts` (a returned double would be a heap number per row), unless the reader
    // did (its instants); reset to NaN below for a row that is skipped.
    if (instants !== null && r < instants.length && !Number.isNaN(instants[r])) ts[r] = instants[r];
    else {
      const at = table.cell(r, tsCol);
      timestampInto(at, clock, ts, r);
      if (Number.isNaN(ts[r])) {
        if (!isBlankRow(table.row(r))) reportTimestamp(sink, r + 1, tsHeader, at ?? "", clock);
        continue;
      }
    }
    if (g < 0) {
      ts[r] = Number.NaN;
      reportUnmatched(sink, r + 1, keyHeader, g, table.cell(r, keyCol) ?? "");
      continue;
    }
    groupOfRow[r] = g;
    let e = -1;
    if (evCol >= 0) {
      const code = evCodes !== null && r < evCodes.codes.length ? evCodes.codes[r] : 0;
      if (code > 0 && eventOfCode !== null) {
        e = eventOfCode[code];
        if (e === UNSEEN) e = eventOfCode[code] = eventOf(evCodes!.values[code - 1]);
      } else e = eventOf(table.cell(r, evCol) ?? "");
      eventId[r] = e;
    }
    for (let i = 0; i < coders.length; i++) {
      const c = coders[i];
      if (c.coder === null || (c.names !== null && (e < 0 || c.wanted[e] !== 1))) continue;
      const { source, byCode } = c;
      const code = source !== null && r < source.codes.length ? source.codes[r] : 0;
      if (code > 0 && byCode !== null) {
        let id = byCode[code];
        if (id === UNSEEN) id = byCode[code] = c.coder.id(source!.values[code - 1]);
        if (id < 0) c.coder = null;
        else c.coder.set(r, id);
      } else if (!c.coder.add(table.cell(r, c.col), r)) c.coder = null;
    }
  }
  const testedColumns = new Map<number, TestedColumn>();
  for (const c of coders) {
    testedColumns.set(c.col, {
      wanted: c.names === null ? null : Uint8Array.from(c.wanted),
      dictionary: c.coder?.finish() ?? null,
    });
  }
  return { ts, eventId, events, groupOfRow, tested: testedColumns };
}

function reportTimestamp(
  sink: ProblemSink,
  row: number,
  tsHeader: string,
  cell: CellValue,
  clock: ZoneClock,
): void {
  const shown = cellText(cell);
  sink.add(
    problem(
      TAB.activities,
      row,
      tsHeader,
      shown === ""
        ? "This activity has no Timestamp; it is not counted."
        : `"${shown}" is not a date or ISO 8601 time; the activity is not counted.`,
      dateFormatFix(cell, clock) ??
        "Enter a date (a Sheets date cell) or ISO text such as 2024-05-01 or 2024-05-01T14:30:00Z.",
    ),
    "activity-timestamp",
  );
}

/** A row whose key is blank (BLANK_KEY) or names no lead (another negative group). */
function reportUnmatched(
  sink: ProblemSink,
  row: number,
  keyHeader: string,
  group: number,
  key: CellValue,
): void {
  if (group === BLANK_KEY) {
    sink.add(
      problem(
        TAB.activities,
        row,
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
        row,
        keyHeader,
        `No lead in Leads has ${keyHeader} "${cellText(key)}"; the activity is not counted.`,
        `Add the lead to the Leads tab, or correct the ${keyHeader}.`,
        "warning",
      ),
      "activity-unknown-lead",
    );
  }
}

type LeadOrder = Pick<ActivityIndex, "order" | "start" | "orderTs" | "orderEvent" | "count">;

/** The indexed rows (group >= 0) grouped by lead group, newest first in each group. */
function groupByLead(
  groupOfRow: Int32Array,
  ts: Float64Array,
  eventId: Int32Array,
  groupCount: number,
): LeadOrder {
  const n = groupOfRow.length;
  // Counting sort by group, then newest first inside each group. Counted in a loop of its own: inside
  // the pass above, which streams every row's cells through the cache, each count was a cache miss.
  const counts = new Int32Array(groupCount + 1);
  let count = 0;
  for (let r = 1; r < n; r++) {
    const g = groupOfRow[r];
    if (g < 0) continue;
    counts[g + 1]++;
    count++;
  }
  // Timestamps and events travel with their rows (read in row order here) so that nothing later gathers
  // them from all over the log.
  const start = new Int32Array(groupCount + 1);
  for (let g = 0; g < groupCount; g++) start[g + 1] = start[g] + counts[g + 1];
  const fill = start.slice(0, groupCount);
  const order = new Int32Array(count);
  const orderTs = new Float64Array(count);
  const orderEvent = new Int32Array(count);
  for (let r = 1; r < n; r++) {
    const g = groupOfRow[r];
    if (g < 0) continue;
    const k = fill[g]++;
    order[k] = r;
    orderTs[k] = ts[r];
    orderEvent[k] = eventId[r];
  }
  const slices: Slices = { order, ts: orderTs, event: orderEvent };
  for (let g = 0; g < groupCount; g++) sortNewestFirst(slices, start[g], start[g + 1]);
  return { order, start, orderTs, orderEvent, count };
}

/** Parallel arrays sorted together: grid row, timestamp, event id. */
interface Slices {
  order: Int32Array;
  ts: Float64Array;
  event: Int32Array;
}

/** Sorts positions lo..hi of `s` by timestamp descending (ties by row). Logs are usually appended in
 * time order, so an ascending run is reversed in O(n); short slices use insertion sort. */
function sortNewestFirst(s: Slices, lo: number, hi: number): void {
  const n = hi - lo;
  if (n < 2) return;
  const { order, ts, event } = s;
  let desc = true;
  let asc = true;
  let ties = false;
  for (let i = lo + 1; i < hi && (desc || asc); i++) {
    const a = ts[i - 1];
    const b = ts[i];
    if (a < b) desc = false;
    else if (a > b) asc = false;
    else ties = true;
  }
  // Rows arrive in ascending row order, so ties are already in order when the timestamps are.
  if (desc) return;
  if (asc && !ties) {
    // In place, without a subarray view per slice (three objects per lead otherwise).
    for (let i = lo, j = hi - 1; i < j; i++, j--) {
      const o = order[i];
      order[i] = order[j];
      order[j] = o;
      const t = ts[i];
      ts[i] = ts[j];
      ts[j] = t;
      const e = event[i];
      event[i] = event[j];
      event[j] = e;
    }
    return;
  }
  if (n <= 32) {
    for (let i = lo + 1; i < hi; i++) {
      const v = order[i];
      const tv = ts[i];
      const ev = event[i];
      let j = i - 1;
      while (j >= lo && (ts[j] < tv || (ts[j] === tv && order[j] > v))) {
        order[j + 1] = order[j];
        ts[j + 1] = ts[j];
        event[j + 1] = event[j];
        j--;
      }
      order[j + 1] = v;
      ts[j + 1] = tv;
      event[j + 1] = ev;
    }
    return;
  }
  const pos = Array.from({ length: n }, (_, i) => lo + i);
  pos.sort((a, b) => ts[b] - ts[a] || order[a] - order[b]);
  const o = Int32Array.from(pos, (p) => order[p]);
  const t = Float64Array.from(pos, (p) => ts[p]);
  const e = Int32Array.from(pos, (p) => event[p]);
  order.set(o, lo);
  ts.set(t, lo);
  event.set(e, lo);
}
