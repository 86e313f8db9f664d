// The sidebar and the Explain dialog.
import { parseSettings, scoreWorkbook } from "../core";
import { accountsOn, leadAccount } from "../core/accounts";
import { explainLead } from "../core/explanation";
import { explanationHtml } from "../core/explanation-html";
import { TAB } from "../core/types";
import { tabKey } from "./tabs";
import { readWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export const SIDEBAR_FILE = "sidebar";

export function openSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile(SIDEBAR_FILE).setTitle("Leadscore");
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Explains the lead on the selected row of the Leads tab. */
export function showExplanationDialog(ss: Spreadsheet): void {
  const ui = SpreadsheetApp.getUi();
  const sheet = ss.getActiveSheet();
  const row = ss.getActiveRange()?.getRow() ?? 0;
  if (tabKey(sheet.getName()) !== tabKey(TAB.leads) || row < 2) {
    ui.alert("Leadscore", `Select a lead's row on the ${TAB.leads} tab first.`, ui.ButtonSet.OK);
    return;
  }
  const workbook = readWorkbook(ss);
  // The lead's account needs every lead scored; without accounts, this one lead is enough.
  const withAccount = accountsOn(parseSettings(workbook.input.settings).settings);
  const run = scoreWorkbook(workbook.input, {
    asOf: new Date(),
    timeZone: workbook.timeZone,
    onlyRows: withAccount ? undefined : new Set([row]),
  });
  const lead = run.leads.find((l) => l.sheetRow === row);
  if (!lead) {
    ui.alert(
      "Leadscore",
      `Row ${row} of ${TAB.leads} is not a lead that can be scored (see the Problems tab).`,
      ui.ButtonSet.OK,
    );
    return;
  }
  const explained = explainLead(run, lead, workbook.input.leads);
  if (withAccount) explained.account = leadAccount(workbook.input, run, row);
  const html = HtmlService.createHtmlOutput(explanationHtml(explained)).setWidth(640).setHeight(480);
  ui.showModalDialog(html, `Why ${lead.score}?`);
}
