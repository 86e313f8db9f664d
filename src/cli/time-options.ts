// Parsing of the time options shared by the subcommands (--as-of, --tz).
import { UsageError } from "./command";

/** An ISO 8601 time; a date alone means midnight UTC. Default: now. */
export function parseAsOf(text: string | undefined, now: () => Date = () => new Date()): Date {
  if (text === undefined) return now();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(date.getTime()))
    throw new UsageError(`--as-of "${text}" is not an ISO 8601 time (e.g. 2026-11-01T09:00:00Z)`);
  return date;
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
