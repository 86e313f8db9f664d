// Utilities.formatDate: Java SimpleDateFormat patterns rendered in a time zone.
import { offsetMinutes, wallClock } from "./tz";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

const pad = (n: number, width: number) => String(n).padStart(width, "0");

function zoneName(ms: number, tz: string): string {
  if (tz === "UTC" || tz === "Etc/UTC") return "UTC";
  const part = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "short" })
    .formatToParts(new Date(ms))
    .find((p) => p.type === "timeZoneName");
  return part?.value ?? tz;
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return sign + pad(Math.floor(abs / 60), 2) + (colon ? ":" : "") + pad(abs % 60, 2);
}

function field(letter: string, count: number, ms: number, tz: string): string {
  const w = wallClock(ms, tz);
  switch (letter) {
    case "y":
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case "Y":
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case "M":
    case "L":
      if (count >= 4) return MONTHS[w.month - 1];
      if (count === 3) return MONTHS[w.month - 1].slice(0, 3);
      return pad(w.month, count);
    case "d":
      return pad(w.day, count);
    case "E":
      return count >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
    case "u":
      return pad(w.weekday === 0 ? 7 : w.weekday, count);
    case "H":
      return pad(w.hour, count);
    case "k":
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case "h":
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case "K":
      return pad(w.hour % 12, count);
    case "m":
      return pad(w.minute, count);
    case "s":
      return pad(w.second, count);
    case "S":
      return pad(w.ms, 3).slice(0, Math.max(count, 3)).padEnd(count, "0");
    case "a":
      return w.hour < 12 ? "AM" : "PM";
    case "z":
      return count >= 4 ? tz : zoneName(ms, tz);
    case "Z":
      return offsetText(offsetMinutes(ms, tz), false);
    case "X": {
      const off = offsetMinutes(ms, tz);
      if (off === 0) return "Z";
      if (count === 1) return offsetText(off, false).slice(0, 3);
      return offsetText(off, count >= 3);
    }
    case "D": {
      const start = Date.UTC(w.year, 0, 1);
      return pad(Math.floor((Date.UTC(w.year, w.month - 1, w.day) - start) / 86400000) + 1, count);
    }
    default:
      throw new Error(`Illegal pattern character '${letter}'`);
  }
}

/** Renders `date` in `tz` with a SimpleDateFormat pattern ('quoted' literals, '' for a quote). */
export function formatDate(date: Date, tz: string, pattern: string): string {
  const ms = date.getTime();
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "'") {
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      // A quoted literal; '' inside it is a quote.
      let j = i + 1;
      for (;;) {
        if (j >= pattern.length) throw new Error(`Unterminated quote in pattern: ${pattern}`);
        if (pattern[j] === "'") {
          if (pattern[j + 1] === "'") {
            out += "'";
            j += 2;
            continue;
          }
          break;
        }
        out += pattern[j++];
      }
      i = j + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      out += field(ch, j - i, ms, tz);
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
