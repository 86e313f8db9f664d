// Form intake: a linked Google Form's response becomes a lead (new, or updated by key) and a
// "Form Submit" activity, and the lead is scored at once. An existing lead gets only the cells its answers
// change (the row is never read and written back: that would freeze the user's formulas and re-parse text),
// and an edited response (Sheets fires onFormSubmit again for the same response row) updates the activity
// it recorded instead of adding another. The caller holds the document lock (locked-run.ts); responses that
// came while another run held it are taken in as a batch. The lead is found through the lead states' key
// index and the recorded responses through a compact marker (response-marker.ts), reading a few cells;
// when either cannot tell, the batch reads the whole workbook instead, as it did before both existed.
import { parseSettings } from "../core";
import { findColumn, normalizeHeader } from "../core/headers";
import { type Bucket, bucketOf, decodeBucket, indexKey } from "../core/incremental/key-index";
import { MAX_PLAN_LEADS, MAX_PLAN_LOG_CELLS, staleReason } from "../core/incremental/update";
import { contiguousRuns } from "../core/output-columns";
import { type CellValue, type Grid, TAB } from "../core/types";
import { cellText, isBlank, normText } from "../core/values";
import { isAutoScoring, rescoreRows } from "./auto-scoring";
import { literal } from "./cell-text";
import { readLayout, readLeadRows, rescoreIncrementally, storeStates } from "./incremental-run";
import { type PendingItem, type PendingOf, pendingWork } from "./pending-work";
import {
  addRecorded,
  FORM_EVENT,
  type ResponseRef,
  readMarker,
  rememberResponses,
  rowDetail,
  writeMarker,
} from "./response-marker";
import { readMeta, scoresSheet, sheetStore } from "./score-state";
import { writeBelow } from "./sheet-size";
import { tabKey } from "./tabs";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type FormEvent = GoogleAppsScript.Events.SheetsOnFormSubmit;

/** Form questions that name the lead key under another title. */
const KEY_ALIASES = ["email address", "e-mail", "email"];

/** A response to take in: its answers by normalized question, its responses-tab row when it has one. */
export interface FormResponse {
  answers: Map<string, string>;
  ref?: ResponseRef;
}

/** The Detail a response's activity records. */
const detailOf = (r: FormResponse) => (r.ref ? rowDetail(r.ref) : "Form");

function answers(namedValues: Record<string, string[]> | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const [question, values] of Object.entries(namedValues ?? {})) {
    const text = (values ?? []).join(", ").trim();
    if (text) map.set(normalizeHeader(question), text);
  }
  return map;
}

export interface IntakeResult {
  key: string;
  sheetRow: number;
  created: boolean;
}

export function formResponse(e: FormEvent): FormResponse {
  const ref = e.range ? { sheet: e.range.getSheet().getName(), row: e.range.getRow() } : undefined;
  return { answers: answers(e.namedValues), ref };
}

/** What to queue for a response when the lock is busy: its responses-tab row, or its answers when none. */
export function formItem(e: FormEvent): PendingItem {
  return e.range
    ? { kind: "form", sheet: e.range.getSheet().getName(), row: e.range.getRow() }
    : { kind: "form", answers: e.namedValues ?? {} };
}

/**
 * Queued responses as they read now: each responses-tab row as displayed (what the form sent; an edited
 * response its new answers), under the tab's header row. One read per responses tab, of the rows queued.
 */
export function queuedResponses(ss: Spreadsheet, items: readonly PendingOf<"form">[]): FormResponse[] {
  const rows = new Map<string, string[][]>();
  const first = new Map<string, number>();
  for (const { item } of items) {
    if (!("sheet" in item) || rows.has(item.sheet)) continue;
    const sheet = ss.getSheetByName(item.sheet);
    const queued = items.flatMap((p) =>
      "sheet" in p.item && p.item.sheet === item.sheet ? [p.item.row] : [],
    );
    const [from, to] = [Math.min(...queued), Math.max(...queued)];
    if (!sheet || to > sheet.getLastRow()) continue;
    const width = sheet.getLastColumn();
    rows.set(item.sheet, [
      sheet.getRange(1, 1, 1, width).getDisplayValues()[0],
      ...sheet.getRange(from, 1, to - from + 1, width).getDisplayValues(),
    ]);
    first.set(item.sheet, from);
  }
  return items.flatMap(({ item }): FormResponse[] => {
    if (!("sheet" in item)) return [{ answers: answers(item.answers) }];
    const block = rows.get(item.sheet);
    if (!block) return [];
    const values = block[item.row - first.get(item.sheet)! + 1];
    const named: Record<string, string[]> = {};
    block[0].forEach((question, c) => {
      if (question) named[question] = [values[c]];
    });
    return [{ answers: answers(named), ref: { sheet: item.sheet, row: item.row } }];
  });
}

/**
 * Writes the answered cells of an existing lead whose text differs from what the cell shows, one setValues
 * per run of adjacent changed columns: a form has a handful of questions, so the calls stay bounded by the
 * questions (never by the row's width), and no other cell is written. Returns the row as it now reads (only
 * that, for a lead the batch adds and has not written yet).
 */
function updateLead(
  sheet: Sheet,
  sheetRow: number,
  current: readonly CellValue[],
  headers: readonly CellValue[],
  skip: number,
  given: Map<string, string>,
  onSheet: boolean,
): CellValue[] {
  const row = current.slice();
  const changed: number[] = [];
  headers.forEach((h, c) => {
    const answer = c === skip ? undefined : given.get(normalizeHeader(String(h)));
    if (answer === undefined || cellText(row[c]) === answer) return;
    row[c] = answer;
    changed.push(c);
  });
  if (!onSheet) return row; // a lead this batch adds: its row is written with the others at the end
  for (const run of contiguousRuns(changed)) {
    const values = run.indexes.map((i) => literal(String(row[changed[i]])));
    sheet.getRange(sheetRow, run.start + 1, 1, values.length).setValues([values]);
  }
  return row;
}

/** A new lead's row: the form's key and answers, and Created when the tab has that column. */
function newLead(
  headers: readonly CellValue[],
  keyColumn: number,
  keyText: string,
  given: Map<string, string>,
  now: Date,
): CellValue[] {
  const row: CellValue[] = headers.map((h, c) =>
    c === keyColumn ? keyText : (given.get(normalizeHeader(String(h))) ?? ""),
  );
  const created = findColumn(headers, "Created");
  if (created >= 0 && isBlank(row[created])) row[created] = now;
  return row;
}

/**
 * Records the Form Submit activity once per response: a response already recorded (same responses-tab row
 * in Detail) only gets its key cell updated when the respondent changed it. New activities are added to
 * `activities` (rows from `onSheet` on are not on the sheet yet: the batch writes them at the end).
 */
function recordActivity(
  sheet: Sheet,
  activities: Grid,
  onSheet: number,
  leadKey: string,
  keyText: string,
  detail: string,
  now: Date,
): boolean {
  const ah = activities[0];
  const col = (name: string) => findColumn(ah, name);
  const [keyCol, eventCol, detailCol] = [col(leadKey), col("Event"), col("Detail")];
  if (detail !== "Form" && eventCol >= 0 && detailCol >= 0) {
    const seen = activities.findIndex(
      (row, i) =>
        i > 0 && normText(row[eventCol]) === normText(FORM_EVENT) && cellText(row[detailCol]) === detail,
    );
    if (seen > 0) {
      if (keyCol >= 0 && normText(activities[seen][keyCol]) !== normText(keyText)) {
        if (seen < onSheet) sheet.getRange(seen + 1, keyCol + 1).setValue(literal(keyText));
        activities[seen][keyCol] = keyText;
        return seen < onSheet;
      }
      return false;
    }
  }
  activities.push(newActivity(ah, leadKey, keyText, detail, now));
  return false;
}

/** A Form Submit activity's row under the log's header. */
function newActivity(
  header: readonly CellValue[],
  leadKey: string,
  keyText: string,
  detail: string,
  now: Date,
): CellValue[] {
  const activity: CellValue[] = header.map(() => "");
  const set = (name: string, value: CellValue) => {
    const c = findColumn(header, name);
    if (c >= 0) activity[c] = value;
  };
  set("Timestamp", now);
  set(leadKey, keyText);
  set("Event", FORM_EVENT);
  set("Detail", detail);
  return activity;
}

/** The key a response names: the lead key's question, or an email question. */
function keyOf(given: Map<string, string>, leadKey: string): string | undefined {
  return (
    given.get(normalizeHeader(leadKey)) ?? KEY_ALIASES.map((a) => given.get(a)).find((v) => v !== undefined)
  );
}

/** Rows as the literals a block write takes, `width` wide. */
const literalRows = (rows: readonly (readonly CellValue[])[], width: number) =>
  rows.map((row) => Array.from({ length: width }, (_, c) => literal(row[c] ?? "")));

/** Takes in each response (in order, so a later one for the same lead wins), then scores the leads touched. */
export function takeInResponses(ss: Spreadsheet, responses: readonly FormResponse[]): IntakeResult[] {
  if (responses.length === 0) return [];
  return quickIntake(ss, responses) ?? fullIntake(ss, responses);
}

/** Scores the rows written: from the lead states when they can tell, else from a read of everything. */
function scoreTouched(ss: Spreadsheet, rows: Set<number>): void {
  const edits = [...rows].map((row) => ({ tab: tabKey(TAB.leads), firstRow: row, lastRow: row }));
  if (rescoreIncrementally(ss, edits)) return;
  const workbook = readWorkbook(ss);
  rescoreRows(workbook, rows);
  storeStates(ss, workbook, new Date()); // and the response marker, from the log it read
}

/**
 * The batch from a few cells, or null (nothing written) when they cannot tell: each lead's rows from its
 * key's bucket (every row checked to still hold the key) and the Leads rows added since the states; each
 * response new by the marker and the log rows appended since it. Edits are watched (automatic scoring on)
 * and none is queued, so the index holds every key typed on an indexed row (a key written there by another
 * script is not seen until a full run: the lead is then added again, and reported as a duplicate).
 */
function quickIntake(ss: Spreadsheet, responses: readonly FormResponse[]): IntakeResult[] | null {
  const meta = readMeta();
  if (!meta || !isAutoScoring()) return null;
  const marker = readMarker(meta.fingerprint);
  if (!marker || pendingWork().some((p) => p.item.kind !== "form")) return null;
  const at = readLayout(ss);
  const scores = at && scoresSheet(at.sheets);
  const log = at?.log;
  if (!at || !scores || !log || staleReason(meta, at.tabs) !== null) return null;
  const { leads: leadRows, log: logRows } = at.lastRows;
  if (leadRows < meta.leadRows || logRows < marker.logRows || logRows < 1) return null;
  if (leadRows - meta.leadRows > MAX_PLAN_LEADS) return null;
  const headers = at.tabs.leadHeader;
  const { leadKey } = parseSettings(at.tabs.settings).settings;
  const keyColumn = findColumn(headers, leadKey);
  if (keyColumn < 0) return null;

  // Responses: each must be on a row above every one the log records (the appended log rows included).
  const ah = at.tabs.activityHeader ?? [];
  const [eventCol, detailCol] = [findColumn(ah, "Event"), findColumn(ah, "Detail")];
  const last = { ...marker.last };
  if (eventCol >= 0 && detailCol >= 0) {
    const fresh = logRows - marker.logRows;
    if (fresh * 2 > MAX_PLAN_LOG_CELLS) return null;
    if (fresh > 0) {
      const column = (c: number) => log.getRange(marker.logRows + 1, c + 1, fresh, 1).getValues();
      const [events, details] = [column(eventCol), column(detailCol)];
      addRecorded(
        last,
        events.map((e, i) => [e[0], details[i][0]] as CellValue[]),
        0,
        1,
      );
    }
    for (const { ref } of responses) {
      if (!ref) continue;
      if (ref.row <= (last[ref.sheet] ?? 0)) return null; // recorded, or maybe: the whole log tells
      last[ref.sheet] = ref.row;
    }
  }

  // Leads: the rows the index names for each key, and those added since the states.
  const rowsOf = new Map<string, number[]>();
  const buckets = new Map<number, Bucket | null>();
  const store = sheetStore(scores);
  for (const { answers: given } of responses) {
    const keyText = keyOf(given, leadKey);
    const k = keyText && indexKey(keyText);
    if (!k || rowsOf.has(k)) continue;
    const b = bucketOf(k, meta.buckets);
    if (!buckets.has(b)) buckets.set(b, decodeBucket(store.bucket(b)));
    const bucket = buckets.get(b);
    if (!bucket) return null;
    rowsOf.set(k, [...(bucket.get(k) ?? [])]);
  }
  const added = Array.from({ length: leadRows - meta.leadRows }, (_, i) => meta.leadRows + 1 + i);
  const wanted = [...new Set([...[...rowsOf.values()].flat(), ...added])].sort((a, b) => a - b);
  if (wanted.length > MAX_PLAN_LEADS) return null;
  const current = readLeadRows(at, wanted);
  for (const [k, rows] of rowsOf)
    for (const r of rows) if (indexKey(current.get(r)?.[keyColumn]) !== k) return null; // index out of date
  for (const r of added) rowsOf.get(indexKey(current.get(r)?.[keyColumn]))?.push(r);

  const results: IntakeResult[] = [];
  const newLeads: CellValue[][] = [];
  const activities: CellValue[][] = [];
  for (const response of responses) {
    const given = response.answers;
    const keyText = keyOf(given, leadKey);
    if (!keyText) continue;
    const rows = rowsOf.get(indexKey(keyText))!;
    const now = new Date();
    const existing = rows.length > 0 ? Math.min(...rows) : 0;
    if (existing > 0) {
      const onSheet = existing <= leadRows;
      const row = onSheet ? current.get(existing)! : newLeads[existing - leadRows - 1];
      const updated = updateLead(at.leads, existing, row, headers, keyColumn, given, onSheet);
      if (onSheet) current.set(existing, updated);
      else newLeads[existing - leadRows - 1] = updated;
    } else {
      newLeads.push(newLead(headers, keyColumn, keyText, given, now));
      rows.push(leadRows + newLeads.length);
    }
    activities.push(newActivity(ah, leadKey, keyText, detailOf(response), now));
    results.push({ key: keyText, sheetRow: existing || leadRows + newLeads.length, created: existing === 0 });
  }
  writeBelow(at.leads, leadRows, literalRows(newLeads, headers.length), headers.length);
  writeBelow(log, logRows, literalRows(activities, at.widths.log), at.widths.log);
  writeMarker({ fingerprint: meta.fingerprint, logRows: logRows + activities.length, last });
  if (results.length > 0) scoreTouched(ss, new Set(results.map((r) => r.sheetRow)));
  return results;
}

/** The batch from one read of the whole workbook. */
function fullIntake(ss: Spreadsheet, responses: readonly FormResponse[]): IntakeResult[] {
  const workbook = readWorkbook(ss);
  const { leads, activities, settings } = workbook.input;
  const headers = leads[0] ?? [];
  const { leadKey } = parseSettings(settings).settings;
  const keyColumn = findColumn(headers, leadKey);
  const activitySheet = workbook.sheets.get(tabKey(TAB.activities));
  // New leads and activities are written at the end, one block each, below the rows read.
  const [leadsOnSheet, activitiesOnSheet] = [leads.length, activities?.length ?? 0];
  const results: IntakeResult[] = [];
  let oldRowEdited = false;
  for (const response of responses) {
    const given = response.answers;
    const keyText = keyOf(given, leadKey);
    if (keyColumn < 0 || !keyText) continue;

    const existing = leads.findIndex((row, i) => i > 0 && normText(row[keyColumn]) === normText(keyText));
    const now = new Date();
    const sheetRow = existing > 0 ? existing + 1 : leads.length + 1;
    // An existing lead keeps the key as the user spelt it; a new one takes the form's.
    leads[sheetRow - 1] =
      existing > 0
        ? updateLead(
            workbook.leadsSheet,
            sheetRow,
            leads[existing],
            headers,
            keyColumn,
            given,
            existing < leadsOnSheet,
          )
        : newLead(headers, keyColumn, keyText, given, now);

    if (activitySheet && activities && activities.length > 0)
      oldRowEdited =
        recordActivity(
          activitySheet,
          activities,
          activitiesOnSheet,
          leadKey,
          keyText,
          detailOf(response),
          now,
        ) || oldRowEdited;
    results.push({ key: keyText, sheetRow, created: existing < 0 });
  }
  writeBelow(
    workbook.leadsSheet,
    leadsOnSheet,
    literalRows(leads.slice(leadsOnSheet), headers.length),
    headers.length,
  );
  if (activitySheet && activities) {
    const width = activities[0]?.length ?? 0;
    writeBelow(
      activitySheet,
      activitiesOnSheet,
      literalRows(activities.slice(activitiesOnSheet), width),
      width,
    );
  }
  if (results.length > 0) {
    // The leads' rows as edits (the appended activities are read as such): from the lead states when they
    // can tell; an activity row already counted that changed key is not something they can follow.
    const rows = new Set(results.map((r) => r.sheetRow));
    const edits = [...rows].map((row) => ({ tab: tabKey(TAB.leads), firstRow: row, lastRow: row }));
    if (oldRowEdited || !rescoreIncrementally(ss, edits)) {
      rescoreRows(workbook, rows);
      storeStates(ss, workbook, new Date()); // and the response marker, from the log as read and written
      return results;
    }
  }
  // The states stand as they were: the marker under their fingerprint.
  const meta = readMeta();
  if (meta) rememberResponses(meta.fingerprint, activities);
  return results;
}
