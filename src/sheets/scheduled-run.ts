// A scheduled run: rescore every lead as of now (decay included), record tier changes in Score History,
// decide announcements, and deliver them. The order makes every step safe to fail and retry:
//   1. rescore and write the Leads outputs (runFullScoring)
//   2. read the state tab once and the send journal; fold the journal in (emails a dead run sent)
//   3. clear Score History rows a failed run appended but never committed
//   4. compute changes and announcements (pure, src/core/notify)
//   5. append the changes to Score History (one write)
//   6. commit the state tab (one write): new tiers, markers, pending alerts, and the history row count
//   7. send, journaling each email (see notifications.ts)
//   8. commit the state tab again with the deliveries, then empty the journal
// A failure before 6 leaves the old state: the retry recomputes the same decisions (its history rows
// replace the cleared ones). After 6 every decision is durable, so a retry never announces twice.
import type { RunSummary } from "../contract";
import { leadName, nameColumns } from "../core/lead-names";
import {
  advance,
  foldJournal,
  isEmptyJournal,
  type LeadState,
  notificationSettings,
  type RunLead,
} from "../core/notify";
import { type AccountOutcome, processAccountChanges } from "./account-alerts";
import { BusyError } from "./lock";
import { lockedRun } from "./locked-run";
import {
  clearJournal,
  createStateSheet,
  readJournal,
  readStoredState,
  writePendingSummary,
  writeStoredState,
} from "./notification-state";
import { type DeliveryResult, deliverAlerts } from "./notifications";
import { appendHistory, ensureHistorySheet, rollBackUncommitted } from "./score-history";
import { type FullRun, runFullScoring } from "./scoring";
import { KEY, readState, writeState } from "./state";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** A scheduled run waits this long for a manual run to finish before giving up until the next one. */
export const SCHEDULE_LOCK_WAIT_MS = 60_000;

export interface NotifyOutcome {
  changes: number;
  announced: number;
  delivery: DeliveryResult | null;
  pending: number;
  /** Emails a failed run sent but could not confirm; counted as sent. */
  unconfirmed: number;
  baseline: boolean;
}

function runLeads(full: FullRun): RunLead[] {
  const grid = full.workbook.input.leads;
  const names = nameColumns(grid[0] ?? []);
  return full.run.leads.map((lead) => ({
    key: lead.key,
    name: leadName(grid[lead.sheetRow - 1] ?? [], names, lead.key),
    score: lead.score,
    tier: lead.tier,
    reasons: lead.reasons,
    sheetRow: lead.sheetRow,
  }));
}

/** Steps 2–8 above, after a full rescore. `deliver: false` records changes and queues alerts without sending. */
export function processTierChanges(
  ss: Spreadsheet,
  full: FullRun,
  options: { deliver: boolean; startedAt: number },
): NotifyOutcome {
  const { run, workbook } = full;
  const sheets = workbook.sheets;
  const settings = notificationSettings(run.settings.values);
  const stored = readStoredState(sheets);
  const journal = readJournal();
  let unconfirmed = 0;
  if (stored.states && !isEmptyJournal(journal))
    unconfirmed = foldJournal(stored.states.values(), journal).unconfirmed;

  const { sheet: history, lastRow } = ensureHistorySheet(ss, sheets);
  let historyRows = rollBackUncommitted(history, lastRow, stored.meta.historyRows);
  // A tab a failed first run created may still be visible: hiding is idempotent, and only happens until
  // the first commit.
  const stateSheet = stored.sheet ?? createStateSheet(ss, sheets, { historyRows });
  if (stored.sheet && !stored.states) stored.sheet.hideSheet();
  const now = run.asOf.toISOString();
  const step = advance({
    previous: stored.states,
    leads: runLeads(full),
    tiers: run.settings.tiers,
    margin: settings.rearmMargin,
    now,
  });
  historyRows = appendHistory(history, historyRows, run.asOf, step.changes);

  let rows = stored.rows;
  const commit = (states: readonly LeadState[]) => {
    rows = writeStoredState(stateSheet, states, { historyRows }, rows);
    clearJournal();
  };
  commit(step.states);

  let delivery: DeliveryResult | null = null;
  if (options.deliver) {
    delivery = deliverAlerts({
      ss,
      run,
      workbook,
      settings,
      states: step.states,
      journal: { inflight: null, sent: {} },
      startedAt: options.startedAt,
      flush: () => commit(step.states),
    });
    if (delivery.sent > 0 || delivery.completed > 0) commit(step.states);
  }
  return {
    changes: step.changes.length,
    announced: step.announced.length,
    delivery,
    pending: writePendingSummary(step.states),
    unconfirmed,
    baseline: !stored.states,
  };
}

/** The run summary's note: what the user should know about notifications. */
export function notifyNote(o: NotifyOutcome): string | undefined {
  const parts: string[] = [];
  const d = o.delivery;
  if (o.baseline)
    parts.push("First scheduled run: current tiers recorded; alerts start with the next change.");
  if (d?.quotaShort) {
    parts.push(
      `Daily email quota reached: ${o.pending} alert${o.pending === 1 ? "" : "s"} wait for the next run.`,
    );
  } else if (d?.timeUp) {
    parts.push(`Out of time: ${o.pending} alert${o.pending === 1 ? "" : "s"} wait for the next run.`);
  }
  if (d?.failed)
    parts.push(`${d.failed} email${d.failed === 1 ? "" : "s"} failed (${d.lastError}); retried next run.`);
  if (d?.noRecipient) {
    parts.push(
      `${d.noRecipient} alert${d.noRecipient === 1 ? " has" : "s have"} no recipient: set Notify emails in Settings.`,
    );
  }
  if (d?.invalidEmails.length)
    parts.push(`Not email addresses in Notify emails: ${d.invalidEmails.join(", ")}.`);
  if (o.unconfirmed > 0) {
    parts.push(
      `${o.unconfirmed} alert${o.unconfirmed === 1 ? "" : "s"} from an interrupted run may not have been delivered.`,
    );
  }
  return parts.length ? parts.join(" ") : undefined;
}

/** What the run summary says about account alerts: only what needs the user's attention. */
function accountNote(o: AccountOutcome | null): string | undefined {
  if (!o) return undefined;
  const parts: string[] = [];
  if (o.baseline) parts.push("Accounts' tiers recorded; account alerts start with the next change.");
  const d = o.delivery;
  if (d && d.unsent > 0)
    parts.push(`${d.unsent} account email${d.unsent === 1 ? "" : "s"} wait for the next run.`);
  if (d?.failed) parts.push(`${d.failed} account email${d.failed === 1 ? "" : "s"} failed (${d.lastError}).`);
  if (o.unconfirmed > 0)
    parts.push(
      `${o.unconfirmed} account alert${o.unconfirmed === 1 ? "" : "s"} from an interrupted run may not have been delivered.`,
    );
  return parts.length ? parts.join(" ") : undefined;
}

/** The schedule trigger's work, under the document lock so a manual run never overlaps it. */
export function runScheduled(ss: Spreadsheet): RunSummary | null {
  const startedAt = Date.now();
  try {
    return lockedRun(ss, SCHEDULE_LOCK_WAIT_MS, () => {
      const full = runFullScoring(ss, "schedule", { startedAt });
      const outcome = processTierChanges(ss, full, { deliver: true, startedAt });
      const settings = notificationSettings(full.run.settings.values);
      const accounts = processAccountChanges(ss, full, settings, { deliver: true, startedAt });
      const note = [full.summary.note, notifyNote(outcome), accountNote(accounts)].filter(Boolean).join(" ");
      const summary: RunSummary = {
        ...full.summary,
        notificationsSent: (outcome.delivery?.sent ?? 0) + (accounts?.delivery?.sent ?? 0),
        notificationsPending: outcome.pending + (accounts?.pending ?? 0),
        note: note || undefined,
      };
      writeState(KEY.lastRun, summary);
      return summary;
    });
  } catch (e) {
    // Another run held the lock all along: this run is skipped, the next one catches up. Nothing is lost,
    // because every decision is made against the stored state, not against time.
    if (!(e instanceof BusyError)) throw e;
    // Say so where the user looks (the sidebar's last run), without claiming a run that did not happen.
    const last = readState<RunSummary>(KEY.lastRun);
    const skipped = `The scheduled run at ${new Date(startedAt).toISOString()} was skipped: another run was writing.`;
    if (last) writeState(KEY.lastRun, { ...last, note: skipped });
    return null;
  }
}
