// Account (company) scores: the leads of one account rolled up into one score, for buying committees.
// Settings `Account key` names what groups leads: a Leads column (Company) or Email Domain (then leads on a
// free-mail domain have no account). Per account: Fit = the highest grade-group total among its leads,
// Engagement = the sum of its leads' other group totals (after each lead's caps), capped by `Account
// engagement max`; Score = round(Fit + Engagement) within the score floor..ceiling; Tier from the tiers.
import { closestName } from "./closest";
import { emailColumn, emailDomain } from "./derived";
import { findColumn, normalizeHeader } from "./headers";
import { SETTING, settingValue } from "./known-settings";
import { parseLists } from "./lists";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import { roundHalfAwayFromZero, roundTo } from "./rounding";
import type { SettingsCells } from "./settings";
import { FREE_EMAIL_DOMAINS } from "./templates";
import { nextTierFor, tierFor } from "./tiers";
import type { CellValue, LeadScore, ScoreRun, Settings, WorkbookInput } from "./types";
import { TAB } from "./types";
import { cellText, normText } from "./values";

/** The add-on's own tab of account scores (src/sheets/accounts-tab.ts). */
export const ACCOUNTS_TAB = "Accounts";

/** The Accounts tab's columns (and the CLI's --accounts file), in order. */
export const ACCOUNT_HEADERS = [
  "Account",
  "Leads",
  "Engaged Leads",
  "Fit",
  "Engagement",
  "Score",
  "Tier",
  "Top Lead",
  "Scored At",
] as const;

/** The Lists column whose domains have no account when the key is Email Domain. */
export const FREE_EMAIL_LIST = "Free email";
const EMAIL_DOMAIN = "email domain";

export interface AccountScore {
  /** Trimmed, lower-cased key: how accounts compare. */
  key: string;
  /** The key as first spelt (trimmed), in Leads order. */
  name: string;
  /** Leads sheet rows of its leads (one per distinct lead key), Leads order. */
  rows: number[];
  engagedLeads: number;
  /** Highest grade-group total among its leads; 0 when the matrix has no grade group. */
  fit: number;
  /** Sum of its leads' engagement before the account cap. */
  rawEngagement: number;
  /** rawEngagement capped by Account engagement max. */
  engagement: number;
  score: number;
  /** Which score limit changed the rounded score, if any. */
  clamped: "floor" | "ceiling" | null;
  tier: string;
  nextTier: { name: string; pointsNeeded: number } | null;
  /** Key of the highest-scoring lead (the first in Leads order among equals), as spelt. */
  topLead: string;
  topLeadScore: number;
  /** Leads sheet row of the top lead. */
  topLeadRow: number;
}

export interface AccountRollUp {
  /** The Account key setting as written (Company, Email Domain). */
  keyName: string;
  /** Highest Score first; equal scores in order of first appearance on Leads. */
  accounts: AccountScore[];
  /** Leads sheet row → its account; leads with no account are absent. */
  bySheetRow: Map<number, AccountScore>;
  engagementMax: number | null;
}

/** Where a lead's account key is read from; null when accounts are off or the column is missing. */
export interface KeySource {
  column: number;
  /** True: the key is the column's email domain, free-mail domains excluded. */
  domain: boolean;
  freeMail: ReadonlySet<string>;
}

export function keySource(input: WorkbookInput, settings: Settings): KeySource | null {
  const name = settingValue(settings.values, SETTING.accountKey).trim();
  if (!name) return null;
  const headers = input.leads[0] ?? [];
  // A Leads column of that name wins over the derived field, as in matrix rules.
  const column = findColumn(headers, name);
  if (column >= 0) return { column, domain: false, freeMail: new Set() };
  if (normalizeHeader(name) !== EMAIL_DOMAIN) return null;
  const col = emailColumn(headers, findColumn(headers, settings.leadKey));
  if (col < 0) return null;
  const list = parseLists(input.lists).get(normalizeHeader(FREE_EMAIL_LIST));
  return { column: col, domain: true, freeMail: list ? list.items : new Set(FREE_EMAIL_DOMAINS) };
}

/** The account key of a Leads cell as spelt; "" = no account (blank, or a free-mail domain). */
function accountName(cell: CellValue | undefined, source: KeySource): string {
  if (!source.domain) return cellText(cell);
  const domain = emailDomain(cellText(cell));
  return source.freeMail.has(domain) ? "" : domain;
}

/** A lead's engagement total: every group's total but the grade group's (after the lead's caps). */
export function leadEngagement(lead: LeadScore, gradeGroup: number): number {
  let sum = 0;
  for (let g = 0; g < lead.groups.length; g++) if (g !== gradeGroup) sum += lead.groups[g].total;
  return sum;
}

/** Index of the grade group in run.groupNames; -1 when the matrix has none. */
export function gradeGroupIndex(run: ScoreRun): number {
  const want = normalizeHeader(run.settings.gradeGroup);
  return run.groupNames.findIndex((g) => normalizeHeader(g) === want);
}

/**
 * Rolls a full run (every lead scored: not an onlyRows run) up into accounts; null when Settings has no
 * usable Account key (checkAccountKey reports why). Duplicate lead keys count once: the first row speaks.
 */
export function rollUpAccounts(input: WorkbookInput, run: ScoreRun): AccountRollUp | null {
  const { settings } = run;
  const source = keySource(input, settings);
  if (!source) return null;
  const engagementMax = settingValue(settings.values, SETTING.accountEngagementMax);
  const grade = gradeGroupIndex(run);
  const grid = input.leads;
  const byKey = new Map<string, AccountScore>();
  const order: AccountScore[] = [];
  const bySheetRow = new Map<number, AccountScore>();
  const seenLeads = new Set<string>();
  for (const lead of run.leads) {
    const leadKey = normText(lead.key);
    if (seenLeads.has(leadKey)) continue;
    seenLeads.add(leadKey);
    const name = accountName(grid[lead.sheetRow - 1]?.[source.column], source);
    if (!name) continue;
    const key = name.toLowerCase();
    let acc = byKey.get(key);
    if (!acc) {
      acc = {
        key,
        name,
        rows: [],
        engagedLeads: 0,
        fit: Number.NEGATIVE_INFINITY,
        rawEngagement: 0,
        engagement: 0,
        score: 0,
        clamped: null,
        tier: "",
        nextTier: null,
        topLead: lead.key,
        topLeadScore: lead.score,
        topLeadRow: lead.sheetRow,
      };
      byKey.set(key, acc);
      order.push(acc);
    }
    acc.rows.push(lead.sheetRow);
    bySheetRow.set(lead.sheetRow, acc);
    const fit = grade >= 0 ? lead.groups[grade].total : 0;
    if (fit > acc.fit) acc.fit = fit;
    const engagement = leadEngagement(lead, grade);
    acc.rawEngagement += engagement;
    if (engagement > 0) acc.engagedLeads++;
    // Strictly higher replaces, so among equal scores the first lead in Leads order stays.
    if (lead.score > acc.topLeadScore) {
      acc.topLead = lead.key;
      acc.topLeadScore = lead.score;
      acc.topLeadRow = lead.sheetRow;
    }
  }
  const floor = settings.scoreFloor ?? Number.NEGATIVE_INFINITY;
  const ceiling = settings.scoreCeiling ?? Number.POSITIVE_INFINITY;
  for (const acc of order) {
    acc.engagement = engagementMax === null ? acc.rawEngagement : Math.min(acc.rawEngagement, engagementMax);
    const rounded = roundHalfAwayFromZero(acc.fit + acc.engagement);
    acc.score = Math.min(Math.max(rounded, floor), ceiling);
    acc.clamped = rounded < floor ? "floor" : rounded > ceiling ? "ceiling" : null;
    acc.tier = tierFor(acc.score, settings.tiers).name;
    acc.nextTier = nextTierFor(acc.score, settings.tiers);
  }
  // Array.prototype.sort is stable: equal scores keep their order of first appearance.
  const accounts = order.slice().sort((a, b) => b.score - a.score);
  return {
    keyName: settingValue(settings.values, SETTING.accountKey).trim(),
    accounts,
    bySheetRow,
    engagementMax,
  };
}

/** The Accounts table (header first) with raw values: numbers, text as spelt, Scored At as a Date. */
export function accountGrid(rollUp: AccountRollUp | null, asOf: Date): CellValue[][] {
  const rows: CellValue[][] = [[...ACCOUNT_HEADERS]];
  for (const a of rollUp?.accounts ?? []) {
    rows.push([
      a.name,
      a.rows.length,
      a.engagedLeads,
      roundTo(a.fit, 1),
      roundTo(a.engagement, 1),
      a.score,
      a.tier,
      a.topLead,
      asOf,
    ]);
  }
  return rows;
}

/** An Account key that is neither a Leads column nor Email Domain: an error on its Settings cell. */
export function checkAccountKey(
  settings: Settings,
  cells: SettingsCells,
  leadHeaders: readonly CellValue[],
  sink: ProblemSink,
): void {
  const name = settingValue(settings.values, SETTING.accountKey).trim();
  if (!name || findColumn(leadHeaders, name) >= 0 || normalizeHeader(name) === EMAIL_DOMAIN) return;
  if (leadHeaders.length === 0) return; // no Leads header row: reported with the Leads tab
  const at = cells.values.get(normalizeHeader(SETTING.accountKey.name));
  const near = closestName(name, leadHeaders);
  sink.add(
    problem(
      TAB.settings,
      at?.row ?? 0,
      at?.column ?? "Value",
      `Account key "${name}" is neither a Leads column nor Email Domain, so no account is scored.${near ? ` Did you mean ${near}?` : ""}`,
      near
        ? `Set Account key to ${near}, or to Email Domain to group leads by their e-mail domain.`
        : "Enter the Leads column that names each lead's company (e.g. Company), or Email Domain; blank turns accounts off.",
    ),
  );
}

/** An account as the Explain dialog and the sidebar show it (plain JSON). */
export interface AccountSummary {
  /** The Account key setting as written (Company, Email Domain). */
  keyName: string;
  name: string;
  score: number;
  tier: string;
  fit: number;
  engagement: number;
  /** Engagement before Account engagement max. */
  rawEngagement: number;
  engagementMax: number | null;
  leads: number;
  engagedLeads: number;
  topLead: string;
  nextTier: { name: string; pointsNeeded: number } | null;
  /** 1 = the highest-scoring account. */
  rank: number;
  of: number;
}

/** An account with its leads, highest score first (the first in Leads order among equals). */
export interface AccountDetail extends AccountSummary {
  members: { key: string; sheetRow: number; score: number; tier: string; engagement: number }[];
  /** ISO as-of time. */
  asOf: string;
}

export function accountSummary(rollUp: AccountRollUp, a: AccountScore): AccountSummary {
  return {
    keyName: rollUp.keyName,
    name: a.name,
    score: a.score,
    tier: a.tier,
    fit: a.fit,
    engagement: a.engagement,
    rawEngagement: a.rawEngagement,
    engagementMax: rollUp.engagementMax,
    leads: a.rows.length,
    engagedLeads: a.engagedLeads,
    topLead: a.topLead,
    nextTier: a.nextTier,
    rank: rollUp.accounts.indexOf(a) + 1,
    of: rollUp.accounts.length,
  };
}

export function accountDetail(rollUp: AccountRollUp, a: AccountScore, run: ScoreRun): AccountDetail {
  const grade = gradeGroupIndex(run);
  const byRow = new Map(run.leads.map((l) => [l.sheetRow, l]));
  const members = a.rows
    .map((r) => byRow.get(r)!)
    .sort((x, y) => y.score - x.score || x.sheetRow - y.sheetRow)
    .map((l) => ({
      key: l.key,
      sheetRow: l.sheetRow,
      score: l.score,
      tier: l.tier,
      engagement: leadEngagement(l, grade),
    }));
  return { ...accountSummary(rollUp, a), members, asOf: run.asOf.toISOString() };
}

/** True when Settings names an Account key: explaining a lead then scores every lead, for its account. */
export function accountsOn(settings: Settings): boolean {
  return settingValue(settings.values, SETTING.accountKey).trim() !== "";
}

/** The account of the lead on `sheetRow`, from a full run; null when it has none. */
export function leadAccount(input: WorkbookInput, run: ScoreRun, sheetRow: number): AccountSummary | null {
  const rollUp = rollUpAccounts(input, run);
  const a = rollUp?.bySheetRow.get(sheetRow);
  return rollUp && a ? accountSummary(rollUp, a) : null;
}

/** Accounts whose name contains `query` (trimmed, case-insensitive), highest Score first, at most `limit`. */
export function lookupAccounts(
  input: WorkbookInput,
  run: ScoreRun,
  query: string,
  limit = 10,
): AccountDetail[] {
  const q = normText(query);
  const rollUp = rollUpAccounts(input, run);
  if (!q || !rollUp) return [];
  return rollUp.accounts
    .filter((a) => a.key.includes(q))
    .slice(0, limit)
    .map((a) => accountDetail(rollUp, a, run));
}
