// "Set up workbook": adds what is missing and nothing else. A tab the user has is never written to; on
// Leads only two sheet-level objects are added (tier colours, a warning-only protection), each once.
// The number of SpreadsheetApp calls is fixed by the templates, never by the size of the user's data.
import { LEADS_HEADERS, outputHeaders, starterMatrix } from "../core";
import { findColumn, withHeaders } from "../core/headers";
import { type CellValue, type Grid, TAB } from "../core/types";
import { ensureOutputProtection, ensureTierFormatting } from "./setup-leads";
import { DEFAULT_GROUPS, distinctColumn, fillNewTab, tabTemplates } from "./setup-tabs";
import { sheetsByName, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface SetupResult {
  /** Names of the tabs created, in creation order. */
  created: string[];
  /** False when the workbook already had everything (a second run). */
  changed: boolean;
}

/** The starter matrix's groups (default ones first): they name the `<Group> Score` output columns. */
function starterGroups(matrix: Grid): string[] {
  const col = findColumn(matrix[0] ?? [], "Group");
  return col >= 0 ? distinctColumn(matrix, col, DEFAULT_GROUPS) : DEFAULT_GROUPS.slice();
}

function headerRow(sheet: GoogleAppsScript.Spreadsheet.Sheet): CellValue[] {
  const width = sheet.getLastColumn();
  return width > 0 ? (sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[]) : [];
}

export function setupWorkbook(ss: Spreadsheet): SetupResult {
  const sheets = sheetsByName(ss);
  const outputs = outputHeaders(starterGroups(starterMatrix()));
  // A new Leads tab gets the output headers too, so colours and protection have columns to attach to.
  const templates = tabTemplates(withHeaders(LEADS_HEADERS, outputs));
  const missing = templates.filter((t) => !sheets.has(tabKey(t.name)));

  const created: string[] = [];
  // insertSheet activates each new tab; the user is put back where they were (or on a new Leads tab).
  const wasActive = missing.length > 0 ? ss.getActiveSheet() : null;
  let index = missing.length > 0 ? ss.getNumSheets() : 0;
  for (const template of missing) {
    // An explicit index keeps the new tabs at the end, in template order.
    const sheet = ss.insertSheet(template.name, index++);
    fillNewTab(sheet, template);
    sheets.set(tabKey(template.name), sheet);
    created.push(template.name);
  }

  const leads = sheets.get(tabKey(TAB.leads))!;
  // A created Leads tab's header row is known; of the user's, only row 1 is read (never the data).
  const leadsHeader = created.includes(TAB.leads) ? templates[0].grid[0] : headerRow(leads);
  const coloured = ensureTierFormatting(leads, leadsHeader);
  const protectedNow = ensureOutputProtection(leads, leadsHeader, outputs);
  if (created.includes(TAB.leads)) ss.setActiveSheet(leads);
  else if (wasActive) ss.setActiveSheet(wasActive);

  return { created, changed: created.length > 0 || coloured || protectedNow };
}
