// Where the lead scoring states live (docs/design/incremental-state.md): the hidden "Leadscore Scores" tab,
// owned by the add-on — column A the lead key and B its state, on the Leads row of the lead (row r here is
// Leads row r), column C the key buckets (bucket b on row b + 2) — and what they cover in a document
// property. A full run writes it whole; an incremental run reads and writes a few cells of it.
import type { FullCheck } from "../contract";
import type { StoredLead } from "../core/incremental/build";
import type { StateMeta, StateStore } from "../core/incremental/update";
import type { CellValue } from "../core/types";
import { literal } from "./cell-text";
import { ensureSize } from "./sheet-size";
import { clearState, KEY, readState, writeState } from "./state";
import { tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const SCORES_TAB = "Leadscore Scores";
const HEADER = ["Key", "State", "Index"];

/** What the property keeps once the states are forgotten: when every row was last read, and why the next run reads them all. */
interface Forgotten {
  checkedAt: number;
  fullReadBecause: string;
}

type Stored = Partial<StateMeta> & Partial<Forgotten>;

export function readMeta(): StateMeta | null {
  const meta = readState<Stored>(KEY.scoreState);
  return meta && typeof meta.version === "number" ? (meta as StateMeta) : null;
}

/**
 * The states no longer describe the sheet (edits nobody watched, a matrix they do not model): the next run
 * reads everything. The time of the last full read stays (`checkedAt`, or the one recorded), for the sidebar.
 */
export function forgetStates(because: string, checkedAt?: number): void {
  const at = checkedAt ?? readState<Stored>(KEY.scoreState)?.checkedAt;
  if (typeof at !== "number") clearState(KEY.scoreState);
  else writeState(KEY.scoreState, { checkedAt: at, fullReadBecause: because } satisfies Forgotten);
}

/** The sidebar's "last full check": when a run last read every row, and why the next one will. */
export function lastFullCheck(): FullCheck {
  const stored = readState<Stored>(KEY.scoreState);
  const at = typeof stored?.checkedAt === "number" ? new Date(stored.checkedAt).toISOString() : null;
  return {
    at,
    nextReadsAll: at === null ? "no run has read every row yet" : (stored?.fullReadBecause ?? null),
  };
}

export function scoresSheet(sheets: Map<string, Sheet>): Sheet | undefined {
  return sheets.get(tabKey(SCORES_TAB));
}

/** Runs of consecutive numbers, so a few rows near each other cost one call. */
function runsOf(rows: readonly number[]): [number, number][] {
  const sorted = [...rows].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const r of sorted) {
    const last = runs[runs.length - 1];
    if (last && r === last[1] + 1) last[1] = r;
    else if (!last || r > last[1]) runs.push([r, r]);
  }
  return runs;
}

const stored = (row: readonly CellValue[]): StoredLead => ({
  key: String(row[0] ?? ""),
  state: String(row[1] ?? ""),
});

/** The tab as a StateStore: one read per run of adjacent rows, one cell per bucket. */
export function sheetStore(sheet: Sheet): StateStore {
  return {
    read(rows) {
      const out = new Map<number, StoredLead>();
      for (const [from, to] of runsOf(rows)) {
        if (from > sheet.getMaxRows()) continue;
        const last = Math.min(to, sheet.getMaxRows());
        sheet
          .getRange(from, 1, last - from + 1, 2)
          .getValues()
          .forEach((row, i) => {
            out.set(from + i, stored(row as CellValue[]));
          });
      }
      return out;
    },
    bucket: (b) => String(sheet.getRange(b + 2, 3).getValue() ?? ""),
  };
}

/** Every stored row from Leads row 2 to `leadRows` (the scheduled run), in one read. */
export function readAllStored(sheet: Sheet, leadRows: number): StoredLead[] {
  if (leadRows < 2) return [];
  return sheet
    .getRange(2, 1, leadRows - 1, 2)
    .getValues()
    .map((row) => stored(row as CellValue[]));
}

/** A full run's states: the whole tab in two writes (rows left from a longer tab are blanked). */
export function writeAllStates(
  ss: Spreadsheet,
  sheets: Map<string, Sheet>,
  rows: readonly StoredLead[],
  buckets: readonly string[],
  meta: StateMeta,
): void {
  let sheet = scoresSheet(sheets);
  const old = sheet ? sheet.getLastRow() : 0;
  if (!sheet) {
    sheet = ss.insertSheet(SCORES_TAB);
    // Three columns only: every cell of every tab counts towards a spreadsheet's 10 million.
    if (sheet.getMaxColumns() > HEADER.length)
      sheet.deleteColumns(HEADER.length + 1, sheet.getMaxColumns() - HEADER.length);
    sheet.hideSheet();
    sheet.protect().setDescription("Leadscore's scoring state. Do not edit.").setWarningOnly(true);
    sheets.set(tabKey(SCORES_TAB), sheet);
  }
  const height = Math.max(rows.length, buckets.length, old - 1);
  ensureSize(sheet, height + 1, 3);
  const block: CellValue[][] = [HEADER.map(literal)];
  for (let i = 0; i < height; i++) {
    const r = rows[i];
    block.push([literal(r?.key ?? ""), literal(r?.state ?? ""), literal(buckets[i] ?? "")]);
  }
  sheet.getRange(1, 1, block.length, 3).setValues(block);
  writeState(KEY.scoreState, meta);
}

/** An incremental run's writes: one per run of adjacent rows, one cell per bucket. */
export function writeSomeStates(
  sheet: Sheet,
  leads: ReadonlyMap<number, StoredLead>,
  buckets: ReadonlyMap<number, string>,
  meta: StateMeta,
): void {
  const rows = [...leads.keys()];
  const highest = Math.max(1, ...rows, ...[...buckets.keys()].map((b) => b + 2));
  ensureSize(sheet, highest, 3);
  for (const [from, to] of runsOf(rows)) {
    const block: CellValue[][] = [];
    for (let r = from; r <= to; r++) {
      const s = leads.get(r)!;
      block.push([literal(s.key), literal(s.state)]);
    }
    sheet.getRange(from, 1, block.length, 2).setValues(block);
  }
  for (const [b, text] of buckets) sheet.getRange(b + 2, 3).setValue(literal(text));
  writeState(KEY.scoreState, meta);
}
