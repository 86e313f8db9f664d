// Parsing of the time options shared by the subcommands (--as-of, --tz).
import { parseIsoText, zoneClock } from "../core/time";
import { UsageError } from "./command";

/**
 * An ISO 8601 time, read as the engine reads ISO text (a real calendar date; without an offset, UTC; a
 * date alone, midnight UTC). Date.parse is not used: it rolls 2026-02-30 over to March 2. Default: now.
 */
export function parseAsOf(text: string | undefined, now: () => Date = () => new Date()): Date {
  if (text === undefined) return now();
  const ms = parseIsoText(text, zoneClock("UTC"));
  if (Number.isNaN(ms)) {
    const what = /^\d{4}-\d{2}-\d{2}/.test(text) ? "a real date and time" : "an ISO 8601 time";
    throw new UsageError(`--as-of "${text}" is not ${what} (e.g. 2026-11-01 or 2026-11-01T09:00:00Z)`);
  }
  return new Date(ms);
}

/** An IANA time zone name, checked with Intl. Default: UTC. */
export function parseTimeZone(text: string | undefined): string {
  if (text === undefined) return "UTC";
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: text });
  } catch {
    throw new UsageError(`--tz "${text}" is not a time zone name (e.g. Europe/Berlin, America/New_York)`);
  }
  return text;
}
