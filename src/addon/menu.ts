// Menu and simple triggers. onOpen may run in AuthMode.NONE (add-on not yet enabled in this document):
// then only the menu is built, with no service that needs authorization.

import { MENU_HANDLERS } from "../contract";
import { toggleAutoScoring } from "../sheets/auto-scoring";
import { checkMatrix } from "../sheets/check";
import { openSidebar, showExplanationDialog } from "../sheets/dialogs";
import { scoreAllWithToast } from "../sheets/score-all";
import { setupWorkbook } from "../sheets/setup";

/** Simple trigger: adds the Leadscore menu. */
export function onOpen(_e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  SpreadsheetApp.getUi()
    .createAddonMenu()
    .addItem("Set up workbook", MENU_HANDLERS.setUpWorkbook)
    .addItem("Score all leads now", MENU_HANDLERS.scoreAll)
    .addItem("Open sidebar", MENU_HANDLERS.openSidebar)
    .addItem("Explain selected lead", MENU_HANDLERS.explainSelectedLead)
    .addSeparator()
    .addItem("Check the matrix", MENU_HANDLERS.checkMatrix)
    .addItem("Turn automatic scoring on/off", MENU_HANDLERS.toggleAutoScoring)
    .addToUi();
}

/** Runs when the add-on is installed from the Marketplace: the document is already open, so build the menu. */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuSetUpWorkbook(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { created } = setupWorkbook(ss);
  ss.toast(
    created.length
      ? `Created: ${created.join(", ")}.`
      : "The workbook already has every Leadscore tab. Nothing changed.",
    "Leadscore set-up",
    8,
  );
}

export function menuScoreAll(): void {
  scoreAllWithToast(SpreadsheetApp.getActiveSpreadsheet(), "manual");
}

export function menuOpenSidebar(): void {
  openSidebar();
}

export function menuExplainSelectedLead(): void {
  showExplanationDialog(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuCheckMatrix(): void {
  checkMatrix(SpreadsheetApp.getActiveSpreadsheet());
}

export function menuToggleAutoScoring(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const on = toggleAutoScoring(ss);
  ss.toast(
    on ? "Leads are rescored when you edit the sheet or a form is submitted." : "Automatic scoring is off.",
    "Leadscore",
    6,
  );
}
