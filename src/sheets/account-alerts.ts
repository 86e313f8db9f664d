// Account alerts in a scheduled run, exactly once as lead alerts are (scheduled-run.ts has the order): the
// accounts' states live in their own hidden tab and their emails in their own send journal, so an account
// and a lead of the same name never share a state row or a journal id. The first run with accounts takes a
// baseline: no account is announced for being hot already. The sidebar lists undelivered account alerts
// with the leads' (their own summary property).
import type { PendingNotification } from "../contract";
import { ACCOUNTS_TAB, type AccountScore } from "../core/accounts";
import { findColumn } from "../core/headers";
import { leadName, nameColumns } from "../core/lead-names";
import {
  ACCOUNT_TOP_LEADS,
  type AccountAlertView,
  advance,
  alertId,
  composeAccountEmail,
  foldJournal,
  formatWhen,
  isEmptyJournal,
  type LeadState,
  type NotifySettings,
  notifyAddresses,
  planEmails,
} from "../core/notify";
import { zoneClock } from "../core/time";
import type { LeadScore } from "../core/types";
import { cellText } from "../core/values";
import {
  ACCOUNT_JOURNAL_KEY,
  ACCOUNT_PENDING_KEY,
  ACCOUNT_STATE_TAB,
  clearJournal,
  createStateSheet,
  pendingNotifications,
  readJournal,
  readStoredState,
  writePendingSummary,
  writeStoredState,
} from "./notification-state";
import {
  clip,
  completeDelivered,
  type DeliveryResult,
  dueAlerts,
  emptyDelivery,
  sendPlanned,
} from "./notifications";
import type { FullRun } from "./scoring";
import { tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface AccountOutcome {
  announced: number;
  delivery: DeliveryResult | null;
  /** Account alerts still waiting for a recipient. */
  pending: number;
  unconfirmed: number;
  baseline: boolean;
}

/** Records account tier changes, decides announcements and (with `deliver`) sends them; null when accounts are off. */
export function processAccountChanges(
  ss: Spreadsheet,
  full: FullRun,
  settings: NotifySettings,
  options: { deliver: boolean; startedAt: number },
): AccountOutcome | null {
  const rollUp = full.accounts;
  if (!rollUp) return null;
  const { run, workbook } = full;
  const stored = readStoredState(workbook.sheets, ACCOUNT_STATE_TAB);
  const journal = readJournal(ACCOUNT_JOURNAL_KEY);
  let unconfirmed = 0;
  if (stored.states && !isEmptyJournal(journal))
    unconfirmed = foldJournal(stored.states.values(), journal).unconfirmed;
  const sheet = stored.sheet ?? createStateSheet(ss, workbook.sheets, { historyRows: 0 }, ACCOUNT_STATE_TAB);
  if (stored.sheet && !stored.states) stored.sheet.hideSheet();
  const step = advance({
    previous: stored.states,
    leads: rollUp.accounts.map((a) => ({
      key: a.name,
      name: a.name,
      score: a.score,
      tier: a.tier,
      reasons: "",
      sheetRow: 0,
    })),
    tiers: run.settings.tiers,
    margin: settings.rearmMargin,
    now: run.asOf.toISOString(),
  });
  let rows = stored.rows;
  const commit = (states: readonly LeadState[]) => {
    rows = writeStoredState(sheet, states, { historyRows: 0 }, rows);
    clearJournal(ACCOUNT_JOURNAL_KEY);
  };
  commit(step.states);
  let delivery: DeliveryResult | null = null;
  if (options.deliver) {
    delivery = deliver(ss, full, settings, step.states, () => commit(step.states), options.startedAt);
    if (delivery.sent > 0 || delivery.completed > 0) commit(step.states);
  }
  return {
    announced: step.announced.length,
    delivery,
    pending: writePendingSummary(step.states, [], ACCOUNT_PENDING_KEY),
    unconfirmed,
    baseline: !stored.states,
  };
}

/** Account alerts not yet sent to every recipient, for the sidebar's pending list (marked as accounts). */
export function pendingAccountAlerts(): PendingNotification[] {
  return pendingNotifications(ACCOUNT_PENDING_KEY).map((p) => ({ ...p, account: true }));
}

function deliver(
  ss: Spreadsheet,
  full: FullRun,
  settings: NotifySettings,
  states: LeadState[],
  flush: () => void,
  startedAt: number,
): DeliveryResult {
  const { run, workbook } = full;
  const rollUp = full.accounts!;
  const result = emptyDelivery();
  const byKey = new Map(rollUp.accounts.map((a) => [a.key, a]));
  const grid = workbook.input.leads;
  const ownerCol = findColumn(grid[0] ?? [], settings.ownerColumn);
  const notify = notifyAddresses(settings);
  // The owner of the account's top lead is the one to call it.
  const { due, stateOf } = dueAlerts(
    states,
    (key) => {
      const account = byKey.get(key);
      return account && { score: account.score, ownerRow: account.topLeadRow };
    },
    (row) => (ownerCol >= 0 ? cellText(grid[row - 1]?.[ownerCol]) : ""),
    notify.valid,
    result,
  );
  const plan = planEmails(due, settings.mode);
  if (plan.length === 0) return result;

  const clock = zoneClock(workbook.timeZone);
  const leadOf = new Map<number, LeadScore>(run.leads.map((l) => [l.sheetRow, l]));
  const names = nameColumns(grid[0] ?? []);
  const accountsSheet = workbook.sheets.get(tabKey(ACCOUNTS_TAB));
  const base = accountsSheet ? `${ss.getUrl()}#gid=${accountsSheet.getSheetId()}&range=A` : "";
  const rank = new Map(rollUp.accounts.map((a, i) => [a.key, i + 2]));
  const view = (key: string): AccountAlertView => {
    const a: AccountScore = byKey.get(key)!;
    const pending = stateOf.get(key)!.pending!;
    const top = a.rows
      .map((r) => leadOf.get(r)!)
      .sort((x, y) => y.score - x.score || x.sheetRow - y.sheetRow)
      .slice(0, ACCOUNT_TOP_LEADS);
    return {
      name: clip(a.name),
      score: a.score,
      tier: a.tier,
      enteredTier: pending.tier,
      enteredAt: formatWhen(Date.parse(pending.queuedAt), clock),
      fit: a.fit,
      engagement: a.engagement,
      leads: a.rows.length,
      engagedLeads: a.engagedLeads,
      nextTier: a.nextTier,
      topLeads: top.map((l) => ({
        name: clip(leadName(grid[l.sheetRow - 1] ?? [], names, l.key)),
        key: clip(l.key),
        score: l.score,
        tier: l.tier,
      })),
      link: base ? `${base}${rank.get(key)}` : ss.getUrl(),
    };
  };
  const ctx = { spreadsheetName: ss.getName(), timeZone: workbook.timeZone };
  sendPlanned(
    {
      plan,
      budget: Math.max(0, Math.floor(MailApp.getRemainingDailyQuota())),
      message: (keys) => composeAccountEmail(keys.map(view), ctx),
      ids: (keys) => keys.map((k) => alertId(k, stateOf.get(k)!.pending!)),
      delivered: (keys, to) => {
        for (const k of keys) stateOf.get(k)!.pending!.deliveredTo.push(to);
      },
      journal: { inflight: null, sent: {} },
      journalKey: ACCOUNT_JOURNAL_KEY,
      startedAt,
      flush,
    },
    result,
  );
  completeDelivered(due, stateOf, result);
  return result;
}
