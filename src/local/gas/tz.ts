// Time-zone arithmetic with Intl: wall-clock fields of an instant in a zone, and the reverse.
import { formatterFor } from "../../core/time";

export interface WallClock {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

/** Throws like Apps Script's RangeError-free services would: an unknown zone is a caller error. */
export function checkTimeZone(tz: string): string {
  try {
    formatterFor(tz);
  } catch {
    throw new Error(`Invalid time zone: ${tz}`);
  }
  return tz;
}

export function wallClock(ms: number, tz: string): WallClock {
  if (tz === "UTC" || tz === "Etc/UTC" || tz === "GMT") {
    const d = new Date(ms);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
      weekday: d.getUTCDay(),
    };
  }
  const parts = formatterFor(tz).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = get("year");
  const month = get("month");
  const day = get("day");
  const msPart = ((ms % 1000) + 1000) % 1000;
  return {
    year,
    month,
    day,
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    ms: msPart,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

/** Offset of `tz` from UTC at instant `ms`, in minutes (e.g. +60 for Europe/Paris in winter). */
export function offsetMinutes(ms: number, tz: string): number {
  const w = wallClock(ms, tz);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
  return Math.round((asUtc - ms) / 60000);
}

/** The instant whose wall clock in `tz` reads the given fields (month 1-12; overflow allowed). */
export function fromWallClock(
  tz: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  ms = 0,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second, ms);
  let t = guess - offsetMinutes(guess, tz) * 60000;
  // A second pass settles instants near a DST change.
  t = guess - offsetMinutes(t, tz) * 60000;
  return t;
}
