// What the sidebar reads and changes. Every change goes to the Settings tab (the single source of truth)
// and is followed by a rescore, so the sheet and the sidebar never disagree.
import type { LeadMatch, RunSummary, Schedule, SettingsPatch, SidebarState } from "../contract";
import { findColumn, findSettingsTable, parseSettings, scoreWorkbook, validateWorkbook } from "../core";
import { type AccountDetail, accountsOn, leadAccount, lookupAccounts } from "../core/accounts";
import type { LeadExplanation } from "../core/explanation";
import { explainLead } from "../core/explanation";
import { SETTING } from "../core/known-settings";
import { leadName, nameColumns } from "../core/lead-names";
import { notificationSettings } from "../core/notify/settings";
import { validateTiers } from "../core/tiers";
import { type CellValue, type Grid, TAB, type Tier } from "../core/types";
import { cellText, isBlank, normText, parseNumber } from "../core/values";
import { pendingAccountAlerts } from "./account-alerts";
import { isAutoScoring } from "./auto-scoring";
import { featureOwner } from "./feature-owner";
import { withDocumentLock } from "./lock";
import { pendingNotifications } from "./notification-state";
import { applySchedule, currentSchedule } from "./schedule";
import { lastFullCheck } from "./score-state";
import { runFullScoring } from "./scoring";
import { writeSetting, writeTable } from "./settings-tab";
import { KEY, readState } from "./state";
import { readGrid, sheetsByName, tabKey } from "./tabs";
import { triggerBudget } from "./trigger-budget";
import { readWorkbook, type SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function stateOf(workbook: SheetWorkbook): SidebarState {
  const { input } = workbook;
  const { settings } = parseSettings(input.settings);
  // Group names come from the matrix alone: score no lead and read no activity.
  const run = scoreWorkbook(
    { ...input, leads: input.leads.slice(0, 1), activities: undefined },
    { asOf: new Date(), timeZone: workbook.timeZone },
  );
  const scoreColumn = findColumn(input.leads[0] ?? [], "Score");
  const scores: number[] = [];
  if (scoreColumn >= 0) {
    for (let r = 1; r < input.leads.length; r++) {
      const v = input.leads[r][scoreColumn];
      if (!isBlank(v) && !Number.isNaN(parseNumber(v))) scores.push(parseNumber(v));
    }
  }
  return {
    timeZone: workbook.timeZone,
    tiers: settings.tiers,
    scoreFloor: settings.scoreFloor,
    scoreCeiling: settings.scoreCeiling,
    halfLifeDays: settings.halfLifeDays,
    groupNames: run.groupNames,
    groupLimits: settings.groupLimits,
    grades: settings.grades,
    gradeGroup: settings.gradeGroup,
    scores,
    notifications: notificationSettings(settings.values),
    schedule: currentSchedule(),
    autoScoring: isAutoScoring(),
    runsUnder: { schedule: featureOwner("schedule"), autoScoring: featureOwner("autoScoring") },
    triggerBudget: triggerBudget(settings.values),
    lastRun: readState<RunSummary>(KEY.lastRun),
    fullCheck: lastFullCheck(),
    pending: [...pendingNotifications(), ...(accountsOn(settings) ? pendingAccountAlerts() : [])],
    problems: validateWorkbook(input, workbook.timeZone),
  };
}

export function sidebarState(ss: Spreadsheet): SidebarState {
  return stateOf(readWorkbook(ss));
}

function validTiers(tiers: Tier[]): Tier[] {
  const clean = tiers.map((t) => ({
    name: String(t.name).trim(),
    minScore: Number(t.minScore),
    notify: Boolean(t.notify),
  }));
  // The sidebar checks its draft with the same validator; this guards other callers of the RPC.
  const errors = validateTiers(clean);
  if (errors.length > 0) throw new Error(errors.join(" "));
  return clean.sort((a, b) => a.minScore - b.minScore);
}

/** The Settings tab for a change: `grid()` reads that tab alone, again after each write that moved rows. */
interface SettingsTab {
  sheets: Map<string, GoogleAppsScript.Spreadsheet.Sheet>;
  grid(): Grid;
}

/** Runs `change` on the Settings tab, rescores everything, and returns the new state. */
function changeAndRescore(ss: Spreadsheet, change: (tab: SettingsTab) => void): SidebarState {
  return withDocumentLock(10_000, () => {
    const sheets = sheetsByName(ss);
    const sheet = sheets.get(tabKey(TAB.settings));
    change({ sheets, grid: () => (sheet ? readGrid(sheet) : []) });
    runFullScoring(ss, "sidebar");
    return sidebarState(ss);
  });
}

/** The sidebar edits the default tiers: a Tier table's rows of named models (its Model column) are kept. */
export function saveTiers(ss: Spreadsheet, tiers: Tier[]): SidebarState {
  const clean = validTiers(tiers).map((t): CellValue[] => [t.name, t.minScore, t.notify]);
  return changeAndRescore(ss, ({ sheets, grid }) => {
    const g = grid();
    const table = findSettingsTable(g[0] ?? [], "tier", ["min score", "notify", "model"]);
    const model = table?.cols.model ?? -1;
    if (!table || model < 0) return writeTable(sheets, g, ["Tier", "Min Score", "Notify"], clean);
    const cols = [table.col, table.cols["min score"], table.cols.notify, model];
    const kept: CellValue[][] = [];
    for (let r = 1; r < g.length && !isBlank(g[r]?.[table.col]); r++) {
      if (!isBlank(g[r][model])) kept.push(cols.map((c) => (c < 0 ? "" : (g[r][c] ?? ""))));
    }
    writeTable(
      sheets,
      g,
      ["Tier", "Min Score", "Notify", "Model"],
      [...clean.map((t) => [...t, ""]), ...kept],
    );
  });
}

export function saveSettings(ss: Spreadsheet, patch: SettingsPatch): SidebarState {
  return changeAndRescore(ss, ({ sheets, grid }) => {
    if (patch.halfLifeDays !== undefined) {
      writeSetting(sheets, grid(), SETTING.halfLifeDays.name, patch.halfLifeDays ?? "none");
    }
    if (patch.groupLimits) {
      writeTable(
        sheets,
        grid(),
        ["Group", "Min", "Max"],
        patch.groupLimits.map((g) => [g.group, g.min ?? "", g.max ?? ""]),
      );
    }
    if (patch.grades) {
      writeTable(
        sheets,
        grid(),
        ["Grade", "Min Points"],
        patch.grades.map((g) => [g.name, g.minPoints]),
      );
    }
    const n = patch.notifications;
    if (n) {
      if (n.emails) writeSetting(sheets, grid(), SETTING.notifyEmails.name, n.emails.join(", "));
      if (n.ownerColumn !== undefined) writeSetting(sheets, grid(), SETTING.ownerColumn.name, n.ownerColumn);
      if (n.mode) writeSetting(sheets, grid(), SETTING.notifyMode.name, n.mode);
      if (n.rearmMargin !== undefined) writeSetting(sheets, grid(), SETTING.rearmMargin.name, n.rearmMargin);
    }
  });
}

export function setSchedule(ss: Spreadsheet, schedule: Schedule | null): SidebarState {
  applySchedule(ss, schedule);
  return sidebarState(ss);
}

export function scoreAllNow(ss: Spreadsheet): SidebarState {
  withDocumentLock(10_000, () => runFullScoring(ss, "sidebar"));
  return sidebarState(ss);
}

export function lookupLeads(ss: Spreadsheet, query: string): LeadMatch[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const { input } = readWorkbook(ss);
  const headers = input.leads[0] ?? [];
  const { leadKey } = parseSettings(input.settings).settings;
  const keyCol = findColumn(headers, leadKey);
  const scoreCol = findColumn(headers, "Score");
  const tierCol = findColumn(headers, "Tier");
  const names = nameColumns(headers);
  const matches: LeadMatch[] = [];
  for (let r = 1; r < input.leads.length && matches.length < 20; r++) {
    const row = input.leads[r];
    const key = keyCol >= 0 ? cellText(row[keyCol]) : "";
    if (!key) continue;
    const name = leadName(row, names, key);
    if (!key.toLowerCase().includes(q) && !name.toLowerCase().includes(q)) continue;
    const score = scoreCol >= 0 ? parseNumber(row[scoreCol]) : Number.NaN;
    matches.push({
      key,
      name,
      sheetRow: r + 1,
      score: Number.isNaN(score) ? null : score,
      tier: tierCol >= 0 ? cellText(row[tierCol]) : "",
    });
  }
  return matches;
}

export function explainLeadByKey(ss: Spreadsheet, key: string): LeadExplanation {
  const workbook = readWorkbook(ss);
  const { input } = workbook;
  const { leadKey } = parseSettings(input.settings).settings;
  const keyCol = findColumn(input.leads[0] ?? [], leadKey);
  const index = input.leads.findIndex(
    (row, i) => i > 0 && keyCol >= 0 && normText(row[keyCol]) === normText(key),
  );
  if (index < 1) throw new Error(`No lead with ${leadKey} "${key}" on the ${TAB.leads} tab.`);
  // The lead's account needs every lead scored; without accounts, this one lead is enough.
  const withAccount = accountsOn(parseSettings(input.settings).settings);
  const run = scoreWorkbook(input, {
    asOf: new Date(),
    timeZone: workbook.timeZone,
    onlyRows: withAccount ? undefined : new Set([index + 1]),
  });
  const lead = run.leads.find((l) => l.sheetRow === index + 1);
  if (!lead) throw new Error(`Row ${index + 1} of ${TAB.leads} cannot be scored; see the Problems list.`);
  const explained = explainLead(run, lead, input.leads);
  if (withAccount) explained.account = leadAccount(input, run, lead.sheetRow);
  return explained;
}

/** Accounts whose name contains the query, as of now, each with its leads. */
export function lookupAccountsNow(ss: Spreadsheet, query: string): AccountDetail[] {
  if (!query.trim()) return [];
  const workbook = readWorkbook(ss);
  const run = scoreWorkbook(workbook.input, { asOf: new Date(), timeZone: workbook.timeZone });
  return lookupAccounts(workbook.input, run, query);
}

export function selectCell(ss: Spreadsheet, tab: string, row: number, column: string): void {
  const sheet = ss.getSheets().find((s) => tabKey(s.getName()) === tabKey(tab));
  if (!sheet) throw new Error(`There is no "${tab}" tab.`);
  const headers = sheet.getRange(1, 1, 1, Math.max(1, sheet.getLastColumn())).getValues()[0] as CellValue[];
  const col = column ? findColumn(headers, column) : -1;
  sheet.activate();
  sheet.getRange(Math.max(1, row), col >= 0 ? col + 1 : 1).activate();
}
