// The scheduled rescoring trigger: exactly one time-driven trigger when a schedule is on, none when off.
// The trigger is the setting editor's own; the document state names that editor (feature-owner.ts), and
// another editor's older schedule trigger retires at its next firing (trigger-guard.ts).
import { type Schedule, TRIGGER_HANDLERS } from "../contract";
import { recordOwner } from "./feature-owner";
import { clearState, KEY, readState, writeState } from "./state";
import { deleteTriggers, newTrigger } from "./triggers";

export const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

export function currentSchedule(): Schedule | null {
  return readState<Schedule>(KEY.schedule);
}

export function validateSchedule(s: Schedule): Schedule {
  if (s.kind === "hourly") return { kind: "hourly" };
  if (s.kind === "everyHours") {
    if (!EVERY_HOURS.includes(Number(s.hours)))
      throw new Error(`Every N hours takes N = ${EVERY_HOURS.join(", ")}.`);
    return { kind: "everyHours", hours: Number(s.hours) };
  }
  if (s.kind === "daily") {
    const h = Number(s.atHour);
    if (!Number.isInteger(h) || h < 0 || h > 23) throw new Error("Daily runs take an hour from 0 to 23.");
    return { kind: "daily", atHour: h };
  }
  throw new Error(
    `Unknown schedule "${String((s as { kind?: unknown }).kind)}": use hourly, everyHours or daily.`,
  );
}

/** Replaces the schedule trigger (never duplicating it) or removes it when `schedule` is null. */
export function applySchedule(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  schedule: Schedule | null,
): Schedule | null {
  const valid = schedule ? validateSchedule(schedule) : null;
  deleteTriggers(TRIGGER_HANDLERS.schedule);
  if (!valid) {
    clearState(KEY.schedule);
    recordOwner("schedule", false);
    return null;
  }
  // An editor add-on has one time-driven trigger per document: one-off follow-ups give way to the
  // schedule, whose full rescores also do their work (their state stays in document properties).
  deleteTriggers(TRIGGER_HANDLERS.checkpoint);
  deleteTriggers(TRIGGER_HANDLERS.debounced);
  const builder = newTrigger(TRIGGER_HANDLERS.schedule).timeBased();
  if (valid.kind === "daily") {
    builder.everyDays(1).atHour(valid.atHour!).inTimezone(ss.getSpreadsheetTimeZone()).create();
  } else {
    builder.everyHours(valid.kind === "hourly" ? 1 : valid.hours!).create();
  }
  writeState(KEY.schedule, valid);
  recordOwner("schedule", true);
  return valid;
}
