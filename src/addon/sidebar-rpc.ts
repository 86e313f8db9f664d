// Sidebar RPC: the functions google.script.run calls (see src/contract). Thin calls into src/sheets.

import type { LeadExplanation, LeadMatch, Schedule, SettingsPatch, SidebarState } from "../contract";
import type { AccountDetail } from "../core/accounts";
import type { Tier } from "../core/types";
import * as service from "../sheets/sidebar-service";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function getSidebarState(): SidebarState {
  return service.sidebarState(active());
}

export function saveTiers(tiers: Tier[]): SidebarState {
  return service.saveTiers(active(), tiers);
}

export function saveSettings(patch: SettingsPatch): SidebarState {
  return service.saveSettings(active(), patch);
}

export function setSchedule(schedule: Schedule | null): SidebarState {
  return service.setSchedule(active(), schedule);
}

export function scoreAllNow(): SidebarState {
  return service.scoreAllNow(active());
}

export function lookupLeads(query: string): LeadMatch[] {
  return service.lookupLeads(active(), query);
}

export function explainLead(key: string): LeadExplanation {
  return service.explainLeadByKey(active(), key);
}

export function lookupAccounts(query: string): AccountDetail[] {
  return service.lookupAccountsNow(active(), query);
}

export function selectCell(tab: string, row: number, column: string): void {
  service.selectCell(active(), tab, row, column);
}
