// Form intake: a linked Google Form's response becomes a lead (new, or updated by key) and a
// "Form Submit" activity, and the lead is scored at once. An existing lead gets only the cells its answers
// change (the row is never read and written back: that would freeze the user's formulas and re-parse text),
// and an edited response (Sheets fires onFormSubmit again for the same response row) updates the activity
// it recorded instead of adding another. The caller holds the document lock (locked-run.ts); responses that
// came while another run held it are taken in as a batch, with one read of the workbook.
import { parseSettings } from "../core";
import { findColumn, normalizeHeader } from "../core/headers";
import { contiguousRuns } from "../core/output-columns";
import { type CellValue, type Grid, TAB } from "../core/types";
import { cellText, isBlank, normText } from "../core/values";
import { rescoreRows } from "./auto-scoring";
import { literal } from "./cell-text";
import { rescoreIncrementally, storeStates } from "./incremental-run";
import type { PendingItem, PendingOf } from "./pending-work";
import { writeBelow } from "./sheet-size";
import { tabKey } from "./tabs";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type FormEvent = GoogleAppsScript.Events.SheetsOnFormSubmit;

export const FORM_EVENT = "Form Submit";
/** Form questions that name the lead key under another title. */
const KEY_ALIASES = ["email address", "e-mail", "email"];

/** A response to take in: its answers by normalized question, and the Detail its activity records. */
export interface FormResponse {
  answers: Map<string, string>;
  detail: string;
}

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

/** The response's row in the form's responses tab ("Form Responses 1 row 7"), the same when it is edited. */
const rowDetail = (sheet: string, row: number) => `${sheet} row ${row}`;

export function formResponse(e: FormEvent): FormResponse {
  const detail = e.range ? rowDetail(e.range.getSheet().getName(), e.range.getRow()) : "Form";
  return { answers: answers(e.namedValues), detail };
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
    if (!("sheet" in item)) return [{ answers: answers(item.answers), detail: "Form" }];
    const block = rows.get(item.sheet);
    if (!block) return [];
    const values = block[item.row - first.get(item.sheet)! + 1];
    const named: Record<string, string[]> = {};
    block[0].forEach((question, c) => {
      if (question) named[question] = [values[c]];
    });
    return [{ answers: answers(named), detail: rowDetail(item.sheet, item.row) }];
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
  const activity: CellValue[] = ah.map(() => "");
  const set = (c: number, value: CellValue) => {
    if (c >= 0) activity[c] = value;
  };
  set(col("Timestamp"), now);
  set(keyCol, keyText);
  set(eventCol, FORM_EVENT);
  set(detailCol, detail);
  activities.push(activity);
  return false;
}

/** Takes in each response (in order, so a later one for the same lead wins), then scores the leads touched. */
export function takeInResponses(ss: Spreadsheet, responses: readonly FormResponse[]): IntakeResult[] {
  if (responses.length === 0) return [];
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
  for (const { answers: given, detail } of responses) {
    const keyText =
      given.get(normalizeHeader(leadKey)) ??
      KEY_ALIASES.map((a) => given.get(a)).find((v) => v !== undefined);
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
        recordActivity(activitySheet, activities, activitiesOnSheet, leadKey, keyText, detail, now) ||
        oldRowEdited;
    results.push({ key: keyText, sheetRow, created: existing < 0 });
  }
  const added = (grid: Grid, from: number, width: number) =>
    grid.slice(from).map((row) => Array.from({ length: width }, (_, c) => literal(row[c] ?? "")));
  writeBelow(workbook.leadsSheet, leadsOnSheet, added(leads, leadsOnSheet, headers.length), headers.length);
  if (activitySheet && activities) {
    const width = activities[0]?.length ?? 0;
    writeBelow(activitySheet, activitiesOnSheet, added(activities, activitiesOnSheet, width), width);
  }
  if (results.length === 0) return results;
  // The leads' rows as edits (the appended activities are read as such): from the lead states when they
  // can tell; an activity row already counted that changed key is not something they can follow.
  const rows = new Set(results.map((r) => r.sheetRow));
  const edits = [...rows].map((row) => ({ tab: tabKey(TAB.leads), firstRow: row, lastRow: row }));
  if (oldRowEdited || !rescoreIncrementally(ss, edits)) {
    rescoreRows(workbook, rows);
    storeStates(ss, workbook, new Date());
  }
  return results;
}
