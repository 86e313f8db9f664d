// Delivering alerts: plan the emails (highest scores first), send what the daily quota and the run's time
// allow, and journal each send. The order per email is
//   1. journal "in flight" (document property)   2. MailApp.sendEmail   3. journal "sent"
// A failure before 2 leaves the alert pending: it is sent by a later run. A failure after 2 but before 3
// leaves it "in flight", which the next run counts as sent: no duplicate. A send that throws is taken back
// out of flight at once, so it stays pending: nothing is lost. (Only a throw from sendEmail followed by a
// failed journal write loses an alert, and the next run's summary says it may not have gone out.)
import type { ScoreRun } from "../core";
import { findColumn } from "../core/headers";
import { leadName, nameColumns } from "../core/lead-names";
import {
  type AlertView,
  alertId,
  alertSubjects,
  composeEmail,
  type DueAlert,
  type Email,
  formatWhen,
  type Journal,
  type LeadState,
  latestActivities,
  type ModelSubject,
  type NotifySettings,
  notifyAddresses,
  type Outgoing,
  planEmails,
  recipientsFor,
  withInflight,
  withSent,
} from "../core/notify";
import { reasonText, topContributions } from "../core/reasons";
import { workbookClock } from "../core/settings";
import { cellText, normText } from "../core/values";
import { writeJournal } from "./notification-state";
import type { SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** Stop sending this long after the run started: Apps Script ends a run at 6 minutes. */
export const SEND_DEADLINE_MS = 5 * 60_000;
/** Past this size the journal is folded into the state tab (a document property holds 9 KB). */
export const JOURNAL_FLUSH_CHARS = 6_000;
export const SENDER_NAME = "Leadscore";

export interface DeliveryInput {
  ss: Spreadsheet;
  run: ScoreRun;
  workbook: SheetWorkbook;
  settings: NotifySettings;
  /** Every lead's state; delivered recipients are recorded here, completed alerts cleared. */
  states: LeadState[];
  journal: Journal;
  startedAt: number;
  /** Folds the journal into the state tab and empties it (when the journal grows large). */
  flush: () => void;
}

export interface DeliveryResult {
  sent: number;
  /** Alerts finished (sent to every recipient) by this run. */
  completed: number;
  /** Emails that could not go out this run (quota, time, errors); their alerts stay pending. */
  unsent: number;
  failed: number;
  lastError: string;
  quotaShort: boolean;
  timeUp: boolean;
  /** Alerts with nobody to send to (no Notify emails, no owner email, no effective user address). */
  noRecipient: number;
  invalidEmails: string[];
}

const QUOTA_ERROR = /too many times|quota|limit exceeded: email recipients per day/i;

/** Sheet text in an email is cut short: a 25-lead digest must stay under MailApp's 200 KB body limit. */
const MAX_FIELD = 300;
export const clip = (text: string) => (text.length > MAX_FIELD ? `${text.slice(0, MAX_FIELD - 1)}…` : text);

/**
 * How the lead appears in an email; only its own row and activities are used. `byKey` is by state key
 * (one per lead and model, see core/notify/models.ts); `wanted` holds the lead keys whose activities to show.
 */
function viewBuilder(input: DeliveryInput, byKey: Map<string, ModelSubject>, wanted: Set<string>) {
  const { ss, run, workbook, states } = input;
  const grid = workbook.input.leads;
  const headers = grid[0] ?? [];
  const names = nameColumns(headers);
  const titleCol = findColumn(headers, "Job Title");
  const companyCol = findColumn(headers, "Company");
  const clock = workbookClock(workbook.timeZone, run.settings);
  const activities = latestActivities(workbook.input.activities, run.settings.leadKey, wanted, clock);
  const base = `${ss.getUrl()}#gid=${workbook.leadsSheet.getSheetId()}&range=A`;
  const stateOf = new Map(states.map((s) => [s.key, s]));
  return (key: string): AlertView => {
    const { run: model, lead } = byKey.get(key)!;
    const row = grid[lead.sheetRow - 1] ?? [];
    const title = titleCol >= 0 ? cellText(row[titleCol]) : "";
    const company = companyCol >= 0 ? cellText(row[companyCol]) : "";
    const pending = stateOf.get(key)!.pending!;
    return {
      key: lead.key,
      name: clip(leadName(row, names, lead.key)),
      model: clip(model.model),
      role: clip([title, company].filter(Boolean).join(" at ")),
      score: lead.score,
      tier: lead.tier,
      enteredTier: pending.tier,
      enteredAt: formatWhen(Date.parse(pending.queuedAt), clock),
      reasons: topContributions(model.contributions(lead)).map((c) => clip(reasonText(c))),
      nextTier: lead.nextTier,
      activities: (activities.get(normText(lead.key)) ?? []).map((a) => ({
        when: formatWhen(a.at, clock),
        event: clip(a.event),
        detail: clip(a.detail),
      })),
      link: `${base}${lead.sheetRow}`,
    };
  };
}

export function emptyDelivery(): DeliveryResult {
  return {
    sent: 0,
    completed: 0,
    unsent: 0,
    failed: 0,
    lastError: "",
    quotaShort: false,
    timeUp: false,
    noRecipient: 0,
    invalidEmails: [],
  };
}

/** Emails planned for one kind of alert (leads, accounts) and how to make, journal and record each. */
export interface SendJob {
  plan: readonly Outgoing[];
  /** Emails MailApp may still send today. */
  budget: number;
  message: (keys: string[]) => Email;
  /** The journal ids of an email's alerts. */
  ids: (keys: string[]) => string[];
  /** Records that `to` got the alerts of `keys`. */
  delivered: (keys: string[], to: string) => void;
  journal: Journal;
  /** The document property of this kind's journal. */
  journalKey?: string;
  startedAt: number;
  flush: () => void;
}

/** Sends the plan in order, journaling each email (see the top of this file); counts into `result`. */
export function sendPlanned(job: SendJob, result: DeliveryResult): void {
  let { budget, journal } = job;
  let sent = 0;
  const store = PropertiesService.getDocumentProperties();
  for (const email of job.plan) {
    if (budget < 1) {
      result.quotaShort = true;
      break;
    }
    if (Date.now() - job.startedAt > SEND_DEADLINE_MS) {
      result.timeUp = true;
      break;
    }
    const message = job.message(email.keys);
    const delivery = { to: email.to, ids: job.ids(email.keys) };
    journal = withInflight(journal, delivery);
    writeJournal(journal, store, job.journalKey);
    try {
      MailApp.sendEmail({
        to: email.to,
        subject: message.subject,
        body: message.body,
        htmlBody: message.htmlBody,
        name: SENDER_NAME,
      });
    } catch (e) {
      // Not sent: out of flight again, so the alert stays pending for the next run.
      journal = { ...journal, inflight: null };
      writeJournal(journal, store, job.journalKey);
      if (QUOTA_ERROR.test(String((e as Error)?.message ?? e))) {
        result.quotaShort = true;
        break;
      }
      result.failed++;
      result.lastError = String((e as Error)?.message ?? e);
      continue;
    }
    journal = withSent(journal, delivery);
    writeJournal(journal, store, job.journalKey);
    budget--;
    sent++;
    result.sent++;
    job.delivered(email.keys, email.to);
    if (JSON.stringify(journal).length > JOURNAL_FLUSH_CHARS) {
      job.flush();
      journal = { inflight: null, sent: {} };
    }
  }
  result.unsent += job.plan.length - sent;
}

/** What an alert is about, as this run scored it: its score and the Leads row whose Owner cell to mail. */
export interface AlertSubject {
  score: number;
  ownerRow: number;
}

/**
 * The alerts due now: for each pending state whose subject this run scored, the recipients not yet sent
 * to (a state already sent to all of them is completed here). A subject missing from this run keeps its
 * alert for a later one. Shared by lead and account alerts.
 */
export function dueAlerts(
  states: readonly LeadState[],
  subject: (key: string) => AlertSubject | undefined,
  ownerOf: (row: number) => string,
  notify: readonly string[],
  result: DeliveryResult,
): { due: DueAlert[]; stateOf: Map<string, LeadState> } {
  let fallback: string | undefined;
  const effectiveUser = () => {
    fallback ??= cellText(Session.getEffectiveUser().getEmail());
    return fallback;
  };
  const due: DueAlert[] = [];
  const stateOf = new Map<string, LeadState>();
  for (const s of states) {
    const it = s.pending ? subject(s.key) : undefined;
    if (!s.pending || !it) continue;
    stateOf.set(s.key, s);
    const to = recipientsFor(ownerOf(it.ownerRow), notify, effectiveUser);
    if (to.length === 0) {
      result.noRecipient++;
      continue;
    }
    const left = to.filter((r) => !s.pending!.deliveredTo.includes(r));
    if (left.length === 0) {
      s.pending = null;
      result.completed++;
    } else due.push({ key: s.key, score: it.score, to: left });
  }
  return { due, stateOf };
}

/** Alerts now sent to every recipient are done: their pending entry is cleared and counted. */
export function completeDelivered(
  due: readonly DueAlert[],
  stateOf: ReadonlyMap<string, LeadState>,
  result: DeliveryResult,
): void {
  for (const d of due) {
    const s = stateOf.get(d.key)!;
    if (s.pending && d.to.every((r) => s.pending!.deliveredTo.includes(r))) {
      s.pending = null;
      result.completed++;
    }
  }
}

export function deliverAlerts(input: DeliveryInput): DeliveryResult {
  const { run, workbook, settings, states } = input;
  const result = emptyDelivery();
  const byKey = alertSubjects(run);
  const headers = workbook.input.leads[0] ?? [];
  const ownerCol = findColumn(headers, settings.ownerColumn);
  const notify = notifyAddresses(settings);
  result.invalidEmails = notify.invalid;
  const { due, stateOf } = dueAlerts(
    states,
    (key) => {
      const lead = byKey.get(key)?.lead;
      return lead && { score: lead.score, ownerRow: lead.sheetRow };
    },
    (row) => (ownerCol >= 0 ? cellText(workbook.input.leads[row - 1]?.[ownerCol]) : ""),
    notify.valid,
    result,
  );
  const plan = planEmails(due, settings.mode);
  if (plan.length === 0) return result;

  const budget = Math.max(0, Math.floor(MailApp.getRemainingDailyQuota()));
  const wanted = new Set(
    plan.slice(0, budget).flatMap((e) => e.keys.map((k) => normText(byKey.get(k)!.lead.key))),
  );
  const view = viewBuilder(input, byKey, wanted);
  const ctx = { spreadsheetName: input.ss.getName(), timeZone: workbook.timeZone };
  sendPlanned(
    {
      plan,
      budget,
      message: (keys) => composeEmail(keys.map(view), ctx),
      ids: (keys) => keys.map((k) => alertId(k, stateOf.get(k)!.pending!)),
      delivered: (keys, to) => {
        for (const k of keys) stateOf.get(k)!.pending!.deliveredTo.push(to);
      },
      journal: input.journal,
      startedAt: input.startedAt,
      flush: input.flush,
    },
    result,
  );
  completeDelivered(due, stateOf, result);
  return result;
}
