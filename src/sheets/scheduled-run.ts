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
import { parseSettings, type Settings } from "../core";
import { accountsOn } from "../core/accounts";
import type { Updated } from "../core/incremental/update";
import { SETTING } from "../core/known-settings";
import { leadName, nameColumns } from "../core/lead-names";
import { matrixModels } from "../core/model-names";
import {
  advance,
  advanceModels,
  foldJournal,
  isEmptyJournal,
  type LeadState,
  type ModelLeads,
  modelLeads,
  notificationSettings,
  type RunLead,
} from "../core/notify";
import type { CellValue } from "../core/types";
import { cellText } from "../core/values";
import { type AccountOutcome, processAccountChanges } from "./account-alerts";
import { isAutoScoring } from "./auto-scoring";
import { rescoreAllIncrementally } from "./incremental-run";
import { BusyError } from "./lock";
import { lockedRun } from "./locked-run";
import {
  clearJournal,
  createStateSheet,
  readJournal,
  readStoredState,
  type StoredState,
  writePendingSummary,
  writeStoredState,
} from "./notification-state";
import { type DeliveryResult, deliverAlerts } from "./notifications";
import { appendHistory, ensureHistorySheet, rollBackUncommitted } from "./score-history";
import { readMeta } from "./score-state";
import { type FullRun, runFullScoring } from "./scoring";
import { writeSetting } from "./settings-tab";
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
  /** Named models new to the state this run: their tiers were recorded, none announced. */
  modelBaselines: string[];
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

/** What tier changes are recorded from: a full run, or the leads a run from the saved states scored. */
export interface TierSource {
  settings: Settings;
  asOf: Date;
  sheets: Map<string, GoogleAppsScript.Spreadsheet.Sheet>;
  /**
   * Every model's leads, the default model's (with the Settings tiers) first; a run from the states has
   * the default model only (it never runs for a workbook with models).
   */
  models: ModelLeads[];
  /** The full run, which alerts are composed from; null for a run from the states (it sends none). */
  full: FullRun | null;
  /** The notification state, when the caller has read it already. */
  stored?: StoredState;
}

export function fullSource(full: FullRun): TierSource {
  const { run, workbook } = full;
  return {
    settings: run.settings,
    asOf: run.asOf,
    sheets: workbook.sheets,
    models: modelLeads(run, runLeads(full)),
    full,
  };
}

/** Steps 2–8 above, after a rescore. `deliver: false` records changes and queues alerts without sending. */
export function processTierChanges(
  ss: Spreadsheet,
  source: TierSource,
  options: { deliver: boolean; startedAt: number },
): NotifyOutcome {
  const { sheets, full } = source;
  const settings = notificationSettings(source.settings.values);
  const stored = source.stored ?? readStoredState(sheets);
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
  const now = source.asOf.toISOString();
  const step = advanceModels({
    previous: stored.states,
    models: source.models,
    margin: settings.rearmMargin,
    now,
  });
  const named = source.models.map((m) => m.model).filter(Boolean);
  historyRows = appendHistory(history, historyRows, source.asOf, step.changes, named.length > 0);

  let rows = stored.rows;
  const commit = (states: readonly LeadState[]) => {
    rows = writeStoredState(stateSheet, states, { historyRows }, rows);
    clearJournal();
  };
  commit(step.states);

  let delivery: DeliveryResult | null = null;
  if (options.deliver && full) {
    delivery = deliverAlerts({
      ss,
      run: full.run,
      workbook: full.workbook,
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
    pending: writePendingSummary(step.states, named),
    unconfirmed,
    baseline: !stored.states,
    modelBaselines: step.baselines,
  };
}

/** The run summary's note: what the user should know about notifications. */
export function notifyNote(o: NotifyOutcome): string | undefined {
  const parts: string[] = [];
  const d = o.delivery;
  if (o.baseline)
    parts.push("First scheduled run: current tiers recorded; alerts start with the next change.");
  for (const model of o.modelBaselines)
    parts.push(`New model ${model}: its tiers recorded; its alerts start with the next change.`);
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

/**
 * The scheduled run from the lead states (incremental-run.ts), when no alert is due: tier changes go to
 * Score History and the notification state as in a full run. With an alert to send (or an unconfirmed
 * delivery, or no baseline yet) it returns null before writing anything, and the full run does it all.
 */
function runFromStates(ss: Spreadsheet, startedAt: number): RunSummary | null {
  const asOf = new Date();
  const inc = rescoreAllIncrementally(ss, asOf, isAutoScoring());
  if (!inc) return null;
  const { at, result } = inc;
  const stored = readStoredState(at.sheets);
  if (!stored.states || !isEmptyJournal(readJournal())) return null;
  const { settings } = parseSettings(at.tabs.settings);
  // Accounts roll up every lead and announce their own tier changes, and named models their own leads'
  // (the states hold the default model only): only a full run does those.
  if (accountsOn(settings) || matrixModels(at.tabs.matrix).length > 0) return null;
  const leads = statesLeads(at.leads, at.tabs.leadHeader, result, inc.keys);
  // advance() on a copy says whether an alert would be queued, without touching the stored states.
  const copy = new Map([...stored.states].map(([k, s]) => [k, JSON.parse(JSON.stringify(s)) as LeadState]));
  const dry = advance({
    previous: copy,
    leads,
    tiers: settings.tiers,
    margin: notificationSettings(settings.values).rearmMargin,
    now: asOf.toISOString(),
  });
  if (dry.states.some((s) => s.pending)) return null;
  if (!inc.commit()) return null;
  if (at.tabs.settings) writeSetting(at.sheets, at.tabs.settings, SETTING.scoredAt.name, asOf);
  const outcome = processTierChanges(
    ss,
    {
      settings,
      asOf,
      sheets: at.sheets,
      models: [{ model: "", tiers: settings.tiers, leads }],
      full: null,
      stored,
    },
    { deliver: false, startedAt },
  );
  const tierCounts: Record<string, number> = {};
  for (const tier of settings.tiers) tierCounts[tier.name] = 0;
  for (const lead of leads) tierCounts[lead.tier] = (tierCounts[lead.tier] ?? 0) + 1;
  const checked = new Date(readMeta()?.checkedAt ?? 0).toISOString();
  const note = [
    `Scored from the saved lead states; every row was last read in full at ${checked}.`,
    notifyNote(outcome),
  ].filter(Boolean);
  const summary: RunSummary = {
    at: new Date().toISOString(),
    trigger: "schedule",
    leadsScored: leads.length,
    tierCounts,
    notificationsSent: 0,
    notificationsPending: outcome.pending,
    problems: readState<RunSummary>(KEY.lastRun)?.problems ?? 0,
    note: note.join(" "),
  };
  writeState(KEY.lastRun, summary);
  return summary;
}

/** The leads a run from the states scored, named from the name columns (read alone, not the whole tab). */
function statesLeads(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  header: readonly CellValue[],
  result: Updated,
  keys: readonly CellValue[],
): RunLead[] {
  const columns = nameColumns(header);
  const used = [columns.first, columns.last, columns.name].filter((c) => c >= 0);
  const rows = [...result.outputs.keys()].filter((r) => result.outputs.get(r)).sort((a, b) => a - b);
  const last = rows[rows.length - 1] ?? 1;
  const cells = new Map<number, CellValue[]>();
  for (const c of used)
    cells.set(
      c,
      last >= 2 ? (sheet.getRange(2, c + 1, last - 1, 1).getValues() as CellValue[][]).map((r) => r[0]) : [],
    );
  const headers = ["Score", "Tier", "Top Reasons"].map((h) => result.outputHeaders.indexOf(h));
  return rows.map((row) => {
    const values = result.outputs.get(row)!;
    // The key as the sheet spells it (the states keep it normalized).
    const key = row - 2 < keys.length ? cellText(keys[row - 2]) : (result.leads.get(row)?.key ?? "");
    const cellsOf: CellValue[] = [];
    for (const c of used) cellsOf[c] = cells.get(c)![row - 2];
    return {
      key,
      name: leadName(cellsOf, columns, key),
      score: Number(values[headers[0]]),
      tier: String(values[headers[1]]),
      reasons: String(values[headers[2]]),
      sheetRow: row,
    };
  });
}

/** The schedule trigger's work, under the document lock so a manual run never overlaps it. */
export function runScheduled(ss: Spreadsheet): RunSummary | null {
  const startedAt = Date.now();
  try {
    return lockedRun(ss, SCHEDULE_LOCK_WAIT_MS, () => {
      const quiet = runFromStates(ss, startedAt);
      if (quiet) return quiet;
      const full = runFullScoring(ss, "schedule", { startedAt });
      const outcome = processTierChanges(ss, fullSource(full), { deliver: true, startedAt });
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
