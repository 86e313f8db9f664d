// Activity signals, per lead, at each lead's point-in-time cut-off: the raw material of activity rules.
// A signal is an event (`Webinar Attended`) or, for events whose Detail holds page paths, an event on one
// section of the site (`Page View` with Detail starting with `/pricing`): what an activity rule can select.
// Each lead keeps the ages (days before its cut-off) of its activities of the signal, newest first, so any
// Max Count / Within Days / Half-life Days can be turned into the exact number the engine computes.

import { findColumn, normalizeHeader } from "../headers";
import { DAY_MS, parseTimestamp, type ZoneClock } from "../time";
import type { CellTable, CellValue, Grid } from "../types";
import { cellText, normText } from "../values";

export interface ActivitySignal {
  /** Event name as most often spelt. */
  event: string;
  /** Detail condition (Activity Log `Detail` column), or none for every activity of the event. */
  detail?: { operator: "starts with" | "="; value: string };
  label: string;
  /** CSR by data row: ages[ptr[r] .. ptr[r+1]) ascending (newest first), in days. */
  ptr: Int32Array;
  ages: Float64Array;
}

/** First path section ("/pricing" of "/pricing/enterprise"), "/" for the home page, null if not a path. */
export function pathSection(detail: string): string | null {
  if (!detail.startsWith("/")) return null;
  const section = /^\/[^/?#]*/.exec(detail)?.[0] ?? "/";
  // The home page rule is `= /`: "/?utm=x" is not it.
  return section === "/" && detail !== "/" ? null : section;
}

interface Hit {
  row: number;
  age: number;
}

/**
 * The signals of an Activity Log read cell by cell (activityTable: a CLI's column store is not made a
 * grid), its timestamps from the reader's instants where it parsed them.
 */
export function activitySignals(
  leads: Grid,
  activities: CellTable | undefined,
  leadKeyColumn: string,
  cutFor: (dataRow: number) => number,
  clock: ZoneClock,
): ActivitySignal[] {
  if (!activities || activities.length < 2) return [];
  const header = activities.row(0);
  const lk = findColumn(leads[0] ?? [], leadKeyColumn);
  const ak = findColumn(header, leadKeyColumn);
  const at = findColumn(header, "Timestamp");
  const ev = findColumn(header, "Event");
  const dt = findColumn(header, "Detail");
  if (lk < 0 || ak < 0 || at < 0 || ev < 0) return [];
  // Leads sharing a key all get its activities, as in the engine.
  const rowsOf = new Map<string, number[]>();
  for (let r = 1; r < leads.length; r++) {
    const k = normText(leads[r]?.[lk]);
    if (!k) continue;
    const list = rowsOf.get(k);
    if (list) list.push(r - 1);
    else rowsOf.set(k, [r - 1]);
  }
  const rows = leads.length - 1;
  // Each lead's cut-off once (not once per activity), and owners by the cell as written: an activity log
  // repeats each key ~10 times, so most lookups skip normalising it.
  const cuts = new Float64Array(rows);
  for (const owners of rowsOf.values()) for (const r of owners) cuts[r] = cutFor(r);
  const ownersOf = new Map<string, number[] | null>();
  const ownersAt = byValue(activities, ak, (cell) => {
    let owners = typeof cell === "string" ? ownersOf.get(cell) : undefined;
    if (owners === undefined) {
      owners = rowsOf.get(normText(cell)) ?? null;
      if (typeof cell === "string") ownersOf.set(cell, owners);
    }
    return owners;
  });
  // Event names as the engine matches them: trimmed, lower case, inner whitespace collapsed.
  const eventAt = byValue(activities, ev, (cell) => normalizeHeader(cellText(cell)));
  const sectionAt = byValue(activities, dt, (cell) => pathSection(normText(cell)));
  const events = new Map<
    string,
    { spelling: string; hits: Hit[]; paths: number; sections: Map<string, Hit[]> }
  >();
  const instants = activities.instants?.(at) ?? null;
  for (let i = 1; i < activities.length; i++) {
    const owners = ownersAt(i);
    if (!owners) continue;
    const key = eventAt(i);
    if (!key) continue;
    const read = instants !== null && i < instants.length ? instants[i] : Number.NaN;
    const when = Number.isNaN(read) ? parseTimestamp(activities.cell(i, at), clock) : read;
    if (Number.isNaN(when)) continue;
    let e = events.get(key);
    if (!e) {
      e = { spelling: cellText(activities.cell(i, ev)), hits: [], paths: 0, sections: new Map() };
      events.set(key, e);
    }
    const section = dt >= 0 ? sectionAt(i) : null;
    if (section !== null) e.paths++;
    for (const row of owners) {
      const cut = cuts[row];
      if (when > cut) continue;
      const hit = { row, age: (cut - when) / DAY_MS };
      e.hits.push(hit);
      if (section === null) continue;
      const list = e.sections.get(section);
      if (list) list.push(hit);
      else e.sections.set(section, [hit]);
    }
  }
  const out: ActivitySignal[] = [];
  for (const e of events.values()) {
    out.push({ event: e.spelling, label: e.spelling, ...csr(e.hits, rows) });
    // Sections only for events whose details are mostly paths (page views), not campaign names.
    if (e.paths < 0.5 * e.hits.length || e.sections.size < 2) continue;
    for (const [section, hits] of e.sections) {
      const detail =
        section === "/"
          ? { operator: "=" as const, value: "/" }
          : { operator: "starts with" as const, value: section };
      // `starts with /blog` also takes /blog-old: count what the rule will count.
      const matched = section === "/" ? hits : sectionHits(e.sections, section);
      out.push({
        event: e.spelling,
        detail,
        label: `${e.spelling} ${section === "/" ? "/ (home)" : `${section}…`}`,
        ...csr(matched, rows),
      });
    }
  }
  return out;
}

/**
 * f of column c's cell in row i, made once per distinct value where the reader coded the column (a
 * million-row log repeats each key, event and detail), else from the cell each time.
 */
function byValue<T>(table: CellTable, c: number, f: (cell: CellValue | undefined) => T): (i: number) => T {
  const coded = c >= 0 ? (table.codes?.(c) ?? null) : null;
  if (coded === null) return (i) => f(table.cell(i, c));
  const { codes, values } = coded;
  const memo = new Array<T | undefined>(values.length + 1);
  return (i) => {
    const code = i < codes.length ? codes[i] : 0;
    if (code === 0) return f(table.cell(i, c));
    let v = memo[code];
    if (v === undefined) {
      v = f(values[code - 1]);
      memo[code] = v;
    }
    return v;
  };
}

function sectionHits(sections: Map<string, Hit[]>, prefix: string): Hit[] {
  const all: Hit[] = [];
  // One push per hit: push(...hits) passes each hit as an argument, past the stack at ~100k hits.
  for (const [s, hits] of sections) if (s.startsWith(prefix)) for (const h of hits) all.push(h);
  return all;
}

function csr(hits: Hit[], rows: number): { ptr: Int32Array; ages: Float64Array } {
  const ptr = new Int32Array(rows + 1);
  for (const h of hits) ptr[h.row + 1]++;
  for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
  const fill = ptr.slice(0, rows);
  const ages = new Float64Array(hits.length);
  for (const h of hits) ages[fill[h.row]++] = h.age;
  for (let r = 0; r < rows; r++) ages.subarray(ptr[r], ptr[r + 1]).sort();
  return { ptr, ages };
}

/** Leads (among `train`) with at least one activity of the signal within `withinDays`. */
export function signalSupport(s: ActivitySignal, train: ArrayLike<number>, withinDays: number): number {
  let n = 0;
  for (let t = 0; t < train.length; t++) {
    const r = train[t];
    if (s.ptr[r] < s.ptr[r + 1] && s.ages[s.ptr[r]] <= withinDays) n++;
  }
  return n;
}

/**
 * Caps worth a rule: 1 (the newest only) and the 90th percentile of the positive counts. Two rules per
 * signal give a concave curve (the first one counts most) and leave room in the rule budget.
 */
export function capsFor(s: ActivitySignal, train: ArrayLike<number>, withinDays: number): number[] {
  const pos: number[] = [];
  for (let t = 0; t < train.length; t++) {
    const r = train[t];
    let c = 0;
    for (let k = s.ptr[r]; k < s.ptr[r + 1] && s.ages[k] <= withinDays; k++) c++;
    if (c > 0) pos.push(c);
  }
  pos.sort((a, b) => a - b);
  const caps = [1];
  for (const q of [0.9]) {
    const c = pos[Math.floor(q * (pos.length - 1))] ?? 1;
    if (c > caps[caps.length - 1]) caps.push(Math.min(c, 50));
  }
  return caps;
}
