// Form intake: a linked Google Form's response becomes a lead (new, or updated by key) and a
// "Form Submit" activity, and the lead is scored at once.
import { parseSettings } from "../core";
import { findColumn, normalizeHeader } from "../core/headers";
import { type CellValue, TAB } from "../core/types";
import { isBlank, normText } from "../core/values";
import { rescoreRows } from "./auto-scoring";
import { withDocumentLock } from "./lock";
import { tabKey } from "./tabs";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const FORM_EVENT = "Form Submit";
/** Form questions that name the lead key under another title. */
const KEY_ALIASES = ["email address", "e-mail", "email"];

/** Sheets runs text starting with these as a formula; a leading apostrophe stores it as plain text. */
export function asPlainText(value: string): string {
  return /^[=+\-@]/.test(value) ? `'${value}` : value;
}

function answers(e: GoogleAppsScript.Events.SheetsOnFormSubmit): Map<string, string> {
  const map = new Map<string, string>();
  for (const [question, values] of Object.entries(e.namedValues ?? {})) {
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

export function handleFormSubmit(
  ss: Spreadsheet,
  e: GoogleAppsScript.Events.SheetsOnFormSubmit,
): IntakeResult | null {
  const given = answers(e);
  return withDocumentLock(30_000, () => {
    const workbook = readWorkbook(ss);
    const { leads, activities, settings } = workbook.input;
    const headers = leads[0] ?? [];
    const { leadKey } = parseSettings(settings).settings;
    const keyColumn = findColumn(headers, leadKey);
    const keyText =
      given.get(normalizeHeader(leadKey)) ??
      KEY_ALIASES.map((a) => given.get(a)).find((v) => v !== undefined);
    if (keyColumn < 0 || !keyText) return null;

    const existing = leads.findIndex((row, i) => i > 0 && normText(row[keyColumn]) === normText(keyText));
    const sheetRow = existing > 0 ? existing + 1 : leads.length + 1;
    const row: CellValue[] = existing > 0 ? leads[existing].slice() : headers.map(() => "");
    // `stored` is what the sheet gets (form text escaped); `row` is what the sheet will then read back.
    const stored = row.slice();
    headers.forEach((h, c) => {
      // An existing lead keeps the key as the user spelt it; a new one takes the form's.
      if (c === keyColumn && existing > 0) return;
      const answer = c === keyColumn ? keyText : given.get(normalizeHeader(String(h)));
      if (answer === undefined) return;
      row[c] = answer;
      stored[c] = asPlainText(answer);
    });
    const now = new Date();
    const created = findColumn(headers, "Created");
    if (existing < 0 && created >= 0 && isBlank(row[created])) row[created] = stored[created] = now;
    if (existing > 0) workbook.leadsSheet.getRange(sheetRow, 1, 1, stored.length).setValues([stored]);
    else workbook.leadsSheet.appendRow(stored);
    leads[sheetRow - 1] = row;

    const activitySheet = workbook.sheets.get(tabKey(TAB.activities));
    if (activitySheet && activities && activities.length > 0) {
      const ah = activities[0];
      const activity: CellValue[] = ah.map(() => "");
      const set = (name: string, value: CellValue) => {
        const c = findColumn(ah, name);
        if (c >= 0) activity[c] = value;
      };
      set("Timestamp", now);
      set(leadKey, keyText);
      set("Event", FORM_EVENT);
      set("Detail", e.range?.getSheet().getName() ?? "Form");
      activitySheet.appendRow(activity.map((v) => (typeof v === "string" ? asPlainText(v) : v)));
      activities.push(activity);
    }
    rescoreRows(workbook, new Set([sheetRow]));
    return { key: keyText, sheetRow, created: existing < 0 };
  });
}
