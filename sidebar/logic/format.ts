// Display helpers for schedule and run summaries.
import type { FullCheck, Schedule } from "../../src/contract";

export const EVERY_HOURS = [1, 2, 4, 6, 8, 12];

export function hourLabel(h: number): string {
  return `${String(h).padStart(2, "0")}:00`;
}

export function describeSchedule(s: Schedule | null): string {
  if (!s) return "Off";
  if (s.kind === "hourly") return "Every hour";
  if (s.kind === "everyHours") return s.hours === 1 ? "Every hour" : `Every ${s.hours ?? "?"} hours`;
  return `Daily at ${s.atHour == null ? "?" : hourLabel(s.atHour)}`;
}

/**
 * Whose triggers run a feature, e.g. "Runs under ana@example.com, every hour": their account's quotas
 * apply, and any editor can turn it off or take it over. `owner` is null for a feature turned on before
 * owners were recorded.
 */
export function runsUnder(owner: string | null, what: string): string {
  return `Runs under ${owner ?? "the editor who turned it on"}, ${what}`;
}

/** An ISO time shown in the spreadsheet's time zone (falls back to the browser's if it is unknown). */
export function formatTime(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const opts: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
  try {
    return new Intl.DateTimeFormat("en", { ...opts, timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat("en", opts).format(d);
  }
}

/** "a@x.com, b@y.com" → ["a@x.com", "b@y.com"]; also accepts semicolons and new lines. */
export function splitEmails(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function looksLikeEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

/**
 * When a run last read every lead and activity. Between such runs edits, form responses and scheduled runs
 * read only what changed (what they cannot follow makes them read everything), so this is how fresh the
 * scores are at worst; with automatic scoring off, edits wait for the next run.
 */
export function describeFullCheck(check: FullCheck, autoScoring: boolean, timeZone: string): string {
  const waiting = autoScoring ? "" : " Automatic scoring is off: edits are scored by the next run.";
  if (!check.at) return `Last full check: never. The next run reads every lead and activity.${waiting}`;
  const when = `Last full check: ${formatTime(check.at, timeZone)}, every lead and activity re-read.`;
  const next = check.nextReadsAll
    ? ` The next run reads them all again: ${check.nextReadsAll}.`
    : " Runs since then read only what changed.";
  return `${when}${next}${waiting}`;
}
