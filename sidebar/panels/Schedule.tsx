// Notifications and schedule: the time-driven run, who gets alerts and how, the last run and what is pending.
import type { NotifySettings, ScheduleKind, Schedule as ScheduleT } from "../../src/contract";
import { DataTable, NUM } from "../components/DataTable";
import { NumberSelect } from "../components/NumberSelect";
import { SaveBar } from "../components/SaveBar";
import { useDraft } from "../components/useDraft";
import {
  describeFullCheck,
  describeSchedule,
  EVERY_HOURS,
  formatTime,
  hourLabel,
  looksLikeEmail,
  runsUnder,
  splitEmails,
} from "../logic/format";
import { describeTriggerBudget } from "../logic/trigger-budget";
import { call } from "../rpc";
import { ActionStatus, Notice, parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

const SEND_MODES: [NotifySettings["mode"], string][] = [
  ["digest", "One digest per recipient per run"],
  ["each", "One email per lead"],
];

function ScheduleForm({ state, onState }: PanelProps) {
  const savedKey = JSON.stringify(state.schedule);
  const initial = () => ({
    on: state.schedule != null,
    kind: state.schedule?.kind ?? ("daily" as ScheduleKind),
    hours: state.schedule?.hours ?? 4,
    atHour: state.schedule?.atHour ?? 8,
  });
  const [d, setD] = useDraft(initial, savedKey);
  const action = useAction();
  const now = useAction();

  const schedule: ScheduleT | null = !d.on
    ? null
    : d.kind === "hourly"
      ? { kind: "hourly" }
      : d.kind === "everyHours"
        ? { kind: "everyHours", hours: d.hours }
        : { kind: "daily", atHour: d.atHour };
  const dirty = JSON.stringify(schedule) !== savedKey;

  async function apply() {
    const next = await action.run(
      () => call("setSchedule", schedule),
      schedule ? `Schedule set: ${describeSchedule(schedule).toLowerCase()}.` : "Schedule turned off.",
    );
    if (next) onState(next);
  }
  async function scoreNow() {
    const next = await now.run(() => call("scoreAllNow"), "All leads rescored.");
    if (next) onState(next);
  }

  return (
    <div>
      <h3>Schedule</h3>
      <p class="muted">
        Current: <strong>{describeSchedule(state.schedule)}</strong>. Times are in {state.timeZone}.
        {state.autoScoring ? " Leads are also rescored when edited." : ""}
      </p>
      {state.schedule && (
        <p class="muted" data-testid="schedule-runs-under">
          {runsUnder(state.runsUnder.schedule, describeSchedule(state.schedule).toLowerCase())}. Any editor
          can turn it off; applying a schedule makes it run under your account.
        </p>
      )}
      {state.autoScoring && (
        <p class="muted" data-testid="auto-scoring-runs-under">
          Automatic scoring is on. {runsUnder(state.runsUnder.autoScoring, "on every edit and form response")}
          .
        </p>
      )}
      <p class="muted" data-testid="last-full-check">
        {describeFullCheck(state.fullCheck, state.autoScoring, state.timeZone)}
      </p>
      <TriggerBudgetLine state={state} />
      <label class="inline field">
        <input type="checkbox" checked={d.on} onChange={(e) => setD({ ...d, on: e.currentTarget.checked })} />
        Rescore and notify on a schedule
      </label>
      {d.on && (
        <>
          <div class="field">
            <label for="sched-kind">Frequency</label>
            <select
              id="sched-kind"
              value={d.kind}
              onChange={(e) => setD({ ...d, kind: e.currentTarget.value as ScheduleKind })}
            >
              <option value="hourly">Every hour</option>
              <option value="everyHours">Every few hours</option>
              <option value="daily">Once a day</option>
            </select>
          </div>
          {d.kind === "everyHours" && (
            <NumberSelect
              id="sched-hours"
              label="Every"
              value={d.hours}
              options={EVERY_HOURS.map((h) => ({ value: h, label: `${h} ${h === 1 ? "hour" : "hours"}` }))}
              onChange={(hours) => setD({ ...d, hours })}
            />
          )}
          {d.kind === "daily" && (
            <NumberSelect
              id="sched-hour"
              label={`At (${state.timeZone})`}
              value={d.atHour}
              options={Array.from({ length: 24 }, (_, h) => ({ value: h, label: hourLabel(h) }))}
              onChange={(atHour) => setD({ ...d, atHour })}
            />
          )}
        </>
      )}
      <div class="actions">
        <button type="button" class="btn action" disabled={!dirty || action.busy} onClick={apply}>
          Apply schedule
        </button>
        <button type="button" class="btn" disabled={now.busy} onClick={scoreNow}>
          Score all now
        </button>
      </div>
      <ActionStatus action={action} busyLabel="Updating the trigger…" />
      <ActionStatus action={now} busyLabel="Scoring every lead…" />
    </div>
  );
}

function NotifyForm({ state, onState }: PanelProps) {
  const n = state.notifications;
  const savedKey = JSON.stringify(n);
  const initial = () => ({
    emails: n.emails.join(", "),
    ownerColumn: n.ownerColumn,
    mode: n.mode,
    rearm: String(n.rearmMargin),
  });
  const [d, setD] = useDraft(initial, savedKey);
  const action = useAction();

  const emails = splitEmails(d.emails);
  const bad = emails.filter((e) => !looksLikeEmail(e));
  const rearm = parseNum(d.rearm);
  const rearmInvalid = rearm == null || !Number.isFinite(rearm) || rearm < 0;
  const patch: NotifySettings = {
    emails,
    ownerColumn: d.ownerColumn.trim(),
    mode: d.mode,
    rearmMargin: rearm ?? 0,
  };
  const dirty = JSON.stringify(patch) !== savedKey;
  const errors = [
    ...(bad.length ? [`Not an email address: ${bad.join(", ")}`] : []),
    ...(rearmInvalid ? ["The re-arm margin must be a number of points, 0 or more."] : []),
  ];

  async function save() {
    const next = await action.run(() => call("saveSettings", { notifications: patch }), "Saved.");
    if (next) onState(next);
  }

  return (
    <div>
      <h3>Notifications</h3>
      <p class="muted">An email goes out when a lead enters a tier marked ✉ on the Thresholds panel.</p>
      <div class="field">
        <label for="notify-emails">Recipients</label>
        <textarea
          id="notify-emails"
          rows={2}
          value={d.emails}
          aria-describedby="notify-emails-help"
          aria-invalid={bad.length > 0}
          onInput={(e) => setD({ ...d, emails: e.currentTarget.value })}
        />
        <span id="notify-emails-help" class="muted">
          Comma-separated. Empty: the spreadsheet owner gets the alerts.
        </span>
      </div>
      <div class="field">
        <label for="owner-column">Owner column</label>
        <input
          id="owner-column"
          type="text"
          value={d.ownerColumn}
          aria-describedby="owner-column-help"
          onInput={(e) => setD({ ...d, ownerColumn: e.currentTarget.value })}
        />
        <span id="owner-column-help" class="muted">
          A lead whose owner cell holds an email address also alerts that owner.
        </span>
      </div>
      <fieldset>
        <legend>Send</legend>
        {SEND_MODES.map(([mode, label]) => (
          <label class="inline" key={mode}>
            <input
              type="radio"
              name="notify-mode"
              value={mode}
              checked={d.mode === mode}
              onChange={() => setD({ ...d, mode })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="rearm">Re-arm margin (points)</label>
        <input
          id="rearm"
          type="number"
          min={0}
          value={d.rearm}
          aria-invalid={rearmInvalid}
          aria-describedby="rearm-help"
          onInput={(e) => setD({ ...d, rearm: e.currentTarget.value })}
        />
        <span id="rearm-help" class="muted">
          A lead is announced again only after falling this far below the tier's minimum.
        </span>
      </div>
      {errors.length > 0 && <Notice kind="error">{errors.join(" ")}</Notice>}
      <SaveBar action={action} busyLabel="Saving…" dirty={dirty} invalid={errors.length > 0} onSave={save} />
    </div>
  );
}

function LastRun({ state }: { state: PanelProps["state"] }) {
  const r = state.lastRun;
  // A Model column only when an alert of a named model waits.
  const models = state.pending.some((p) => p.model);
  return (
    <div>
      <h3>Last run</h3>
      {!r ? (
        <p class="muted">No run yet.</p>
      ) : (
        <>
          <dl class="kv" data-testid="last-run">
            <dt>Finished</dt>
            <dd>{formatTime(r.at, state.timeZone)}</dd>
            <dt>Started by</dt>
            <dd>{r.trigger}</dd>
            <dt>Leads scored</dt>
            <dd>{r.leadsScored}</dd>
            <dt>Per tier</dt>
            <dd>
              {Object.entries(r.tierCounts)
                .map(([t, c]) => `${t} ${c}`)
                .join(" · ") || "–"}
            </dd>
            <dt>Emails sent</dt>
            <dd>{r.notificationsSent}</dd>
            <dt>Pending</dt>
            <dd>{r.notificationsPending}</dd>
            <dt>Problems</dt>
            <dd>{r.problems}</dd>
          </dl>
          {r.note && <Notice kind="info">{r.note}</Notice>}
        </>
      )}
      <h3>Pending notifications</h3>
      {state.pending.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <>
          <p class="muted">These go out with the next run (the daily email quota ran short).</p>
          <DataTable
            label="Pending notifications"
            columns={models ? ["Lead", "Model", "Tier", NUM("Score")] : ["Lead", "Tier", NUM("Score")]}
          >
            {state.pending.map((p) => (
              <tr key={`${p.account ? "account" : (p.model ?? "")}\u0001${p.key}`}>
                <td>
                  {p.name}
                  {p.account && <span class="kind">account</span>}
                </td>
                {models && <td>{p.model ?? "Default"}</td>}
                <td>{p.tier}</td>
                <td class="num">{p.score}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
    </div>
  );
}

export function Schedule(props: PanelProps) {
  return (
    <section aria-labelledby="h-schedule">
      <h2 id="h-schedule">Notifications and schedule</h2>
      <ScheduleForm {...props} />
      <NotifyForm {...props} />
      <LastRun state={props.state} />
    </section>
  );
}

function TriggerBudgetLine({ state }: { state: PanelProps["state"] }) {
  const { line, warning } = describeTriggerBudget(state.triggerBudget, state.timeZone);
  return (
    <>
      <p class="muted">{line}</p>
      {warning && <Notice kind="error">{warning}</Notice>}
    </>
  );
}
