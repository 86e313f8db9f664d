// Timestamps: Sheets dates pass through; ISO 8601 text is parsed by hand (fast, no Date.parse quirks);
// slashed text dates (03/04/2026) are read as the workbook's Date format setting says, when it says US or
// European; text without an offset, date-only text and Sheets serial numbers are wall-clock time in the
// spreadsheet's zone. Results are epoch milliseconds, NaN when unparseable.
import type { CellValue } from "./types";

/**
 * How text dates are written (the Date format setting): ISO text only, or also US (MM/DD/YYYY) or
 * European (DD/MM/YYYY, DD.MM.YYYY) dates. Google Sheets turns a typed date into a date per the
 * spreadsheet's locale (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption; the local
 * runtime's typed-input.ts): this is for dates left as text (CSV imports, text-formatted columns).
 */
export type DateFormat = "iso" | "us" | "eu";

export const DATE_FORMAT_NAMES: Readonly<Record<DateFormat, string>> = {
  iso: "ISO (YYYY-MM-DD)",
  us: "US (MM/DD/YYYY)",
  eu: "European (DD/MM/YYYY)",
};

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A cached 24-hour numeric formatter for a zone (throws RangeError for an unknown zone). */
export function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function isUtc(timeZone: string): boolean {
  const z = timeZone.trim().toUpperCase();
  return z === "UTC" || z === "ETC/UTC" || z === "GMT" || z === "ETC/GMT" || z === "Z";
}

/** Offset (zone wall clock − UTC) in ms at the instant `utcMs`. */
function computeOffset(timeZone: string, utcMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  let y = 0;
  let mo = 0;
  let d = 0;
  let h = 0;
  let mi = 0;
  let s = 0;
  for (const p of parts) {
    if (p.type === "year") y = Number(p.value);
    else if (p.type === "month") mo = Number(p.value);
    else if (p.type === "day") d = Number(p.value);
    else if (p.type === "hour") h = Number(p.value);
    else if (p.type === "minute") mi = Number(p.value);
    else if (p.type === "second") s = Number(p.value);
  }
  const wall = daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * MINUTE_MS + s * 1000;
  return wall - (utcMs - (((utcMs % 1000) + 1000) % 1000)); // the formatter drops milliseconds
}

/** Converts zone wall-clock times to instants, and says how the workbook's text dates are written. */
export interface ZoneClock {
  readonly timeZone: string;
  readonly dateFormat: DateFormat;
  /** Instant (epoch ms) of the wall-clock time `wallMs` (wall clock written as if it were UTC). */
  toInstant(wallMs: number): number;
  /** Offset (wall − UTC) in ms at an instant. */
  offsetAt(utcMs: number): number;
}

const QUARTER_HOUR = 15 * MINUTE_MS;
const clocks = new Map<string, ZoneClock>();

/**
 * The clock of a zone, for a Date format. Offsets are cached per UTC day (shared by every run in the process): a day whose start and end
 * offsets agree has one offset; otherwise the transition is found by bisection to the quarter hour
 * (zone rules change on those). About two Intl calls per distinct day instead of one per timestamp.
 */
export function zoneClock(timeZone: string, dateFormat: DateFormat = "iso"): ZoneClock {
  const key = dateFormat === "iso" ? timeZone : `${dateFormat} ${timeZone}`;
  const cached = clocks.get(key);
  if (cached) return cached;
  // Another date format shares the zone's offsets (and their cache).
  const clock: ZoneClock = dateFormat === "iso" ? isoClock(timeZone) : { ...zoneClock(timeZone), dateFormat };
  clocks.set(key, clock);
  return clock;
}

function isoClock(timeZone: string): ZoneClock {
  if (isUtc(timeZone)) return { timeZone, dateFormat: "iso", toInstant: (w) => w, offsetAt: () => 0 };
  formatterFor(timeZone); // throws RangeError for an unknown zone
  // Per day: [offset before, transition instant (Infinity if none), offset after].
  const days = new Map<number, Float64Array>();
  const dayInfo = (day: number): Float64Array => {
    let d = days.get(day);
    if (d === undefined) {
      const t0 = day * DAY_MS;
      const before = computeOffset(timeZone, t0);
      const after = computeOffset(timeZone, t0 + DAY_MS - QUARTER_HOUR);
      let at = Number.POSITIVE_INFINITY;
      if (before !== after) {
        let lo = 0; // quarter-hours into the day with offset `before`
        let hi = 95; // … with offset `after`
        while (hi - lo > 1) {
          const mid = (lo + hi) >> 1;
          if (computeOffset(timeZone, t0 + mid * QUARTER_HOUR) === before) lo = mid;
          else hi = mid;
        }
        at = t0 + hi * QUARTER_HOUR;
      }
      d = Float64Array.of(before, at, after);
      days.set(day, d);
    }
    return d;
  };
  const offsetAt = (utcMs: number): number => {
    const d = dayInfo(Math.floor(utcMs / DAY_MS));
    return utcMs < d[1] ? d[0] : d[2];
  };
  return {
    timeZone,
    dateFormat: "iso",
    offsetAt,
    toInstant(wallMs) {
      const o1 = offsetAt(wallMs);
      const t = wallMs - o1;
      const o2 = offsetAt(t);
      return o2 === o1 ? t : wallMs - o2;
    },
  };
}

/** Sheets serial day 25569 is 1970-01-01. */
const SERIAL_EPOCH = 25569;
const SERIAL_MAX = 2958466; // 10000-01-01

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Parse ISO 8601 text: `YYYY-MM-DD`, optionally `[T ]HH:MM[:SS[.fff]]` and `Z` or `±HH[:MM]`.
 * Returns epoch ms, NaN when not ISO. Local (offset-less) times go through `clock`.
 */
export function parseIsoText(text: string, clock: ZoneClock): number {
  parseIsoInto(text, clock, scratch, 0);
  return scratch[0];
}

/** One result slot for the number-returning wrappers. */
const scratch = new Float64Array(1);
/** The last valid date parsed, as yyyymmdd (month and day as read: two digits each), and its day in ms. */
let lastYmd = -1;
let lastDayMs = 0;

/**
 * parseIsoText writing its result to `out[at]`: a double returned from a call that is not inlined is
 * boxed (a heap number per timestamp, a million per Activity Log); a typed-array store is not.
 */
function parseIsoInto(text: string, clock: ZoneClock, out: Float64Array, at: number): void {
  // trim() is a call per cell; text that starts and ends with printable ASCII has nothing to trim.
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  const s = first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
  const n = s.length;
  if (n < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) {
    out[at] = clock.dateFormat === "iso" ? Number.NaN : slashedMs(s, clock);
    return;
  }
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  // A log's timestamps come in runs of the same date: its day number is worked out once per run.
  const ymd = y < 0 || mo < 0 || d < 0 ? -1 : y * 10_000 + mo * 100 + d;
  if (ymd !== lastYmd) {
    if (ymd < 0 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
      out[at] = Number.NaN;
      return;
    }
    lastDayMs = daysFromCivil(y, mo, d) * DAY_MS;
    lastYmd = ymd;
  }
  const day = lastDayMs;
  if (n === 10) {
    out[at] = clock.toInstant(day);
    return;
  }
  const sep = s.charCodeAt(10);
  if (sep !== 84 && sep !== 116 && sep !== 32) {
    // T t space
    out[at] = Number.NaN;
    return;
  }
  if (n < 16 || s.charCodeAt(13) !== 58) {
    out[at] = Number.NaN;
    return;
  }
  const h = digits(s, 11, 2);
  const mi = digits(s, 14, 2);
  if (h < 0 || h > 24 || mi < 0 || mi > 59) {
    out[at] = Number.NaN;
    return;
  }
  let i = 16;
  let sec = 0;
  let ms = 0;
  if (i < n && s.charCodeAt(i) === 58) {
    sec = digits(s, i + 1, 2);
    if (sec < 0 || sec > 60) {
      out[at] = Number.NaN;
      return;
    }
    if (sec === 60) sec = 59; // leap second: close enough for scoring
    i += 3;
    if (i < n && (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44)) {
      i++;
      // Milliseconds from the first three digits (later ones are finer than a millisecond).
      let scale = 100;
      const start = i;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        ms += c * scale;
        scale = (scale / 10) | 0;
        i++;
      }
      if (i === start) {
        out[at] = Number.NaN;
        return;
      }
    }
  }
  if (h === 24 && (mi !== 0 || sec !== 0 || ms !== 0)) {
    out[at] = Number.NaN;
    return;
  }
  const wall = day + h * 3_600_000 + mi * MINUTE_MS + sec * 1000 + ms;
  if (i === n) {
    out[at] = clock.toInstant(wall);
    return;
  }
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i + 1 === n) {
    // Z
    out[at] = wall;
    return;
  }
  if (z !== 43 && z !== 45 && z !== 0x2212) {
    // + - −
    out[at] = Number.NaN;
    return;
  }
  const oh = digits(s, i + 1, 2);
  if (oh < 0 || oh > 23) {
    out[at] = Number.NaN;
    return;
  }
  let om = 0;
  const rest = n - (i + 3);
  if (rest === 3 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
  else if (rest === 2) om = digits(s, i + 3, 2);
  else if (rest !== 0) {
    out[at] = Number.NaN;
    return;
  }
  if (om < 0 || om > 59) {
    out[at] = Number.NaN;
    return;
  }
  const off = (oh * 60 + om) * MINUTE_MS;
  out[at] = z === 43 ? wall - off : wall + off;
}

/**
 * A slashed date (or dashed; dotted for European) with an optional time of day: `M/D/YYYY`, `DD.MM.YYYY`,
 * `… HH:MM[:SS]`, `… h:MM[:SS] AM|PM` (US exports write those). Groups: first, separator, second, year,
 * hour, minute, second, AM/PM. A two-digit year matches, to be named in the fix, but is never read: its
 * century would be a guess.
 */
const SLASHED =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])[Mm])?)?$/;

/** Epoch ms of slashed text as the clock's (US or European) date format reads it; NaN when it does not. */
function slashedMs(s: string, clock: ZoneClock): number {
  const m = SLASHED.exec(s);
  if (m === null || m[4].length !== 4 || (m[2] === "." && clock.dateFormat !== "eu")) return Number.NaN;
  const us = clock.dateFormat === "us";
  const mo = Number(us ? m[1] : m[3]);
  const d = Number(us ? m[3] : m[1]);
  const y = Number(m[4]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return Number.NaN;
  let h = m[5] === undefined ? 0 : Number(m[5]);
  const mi = m[6] === undefined ? 0 : Number(m[6]);
  const sec = m[7] === undefined ? 0 : Number(m[7]);
  if (m[8] !== undefined) {
    if (h < 1 || h > 12) return Number.NaN;
    h = (h % 12) + (m[8] === "p" || m[8] === "P" ? 12 : 0);
  }
  if (h > 23 || mi > 59 || sec > 59) return Number.NaN;
  return clock.toInstant(daysFromCivil(y, mo, d) * DAY_MS + h * 3_600_000 + mi * MINUTE_MS + sec * 1000);
}

/**
 * For a text cell that is a slashed or dotted date the workbook's Date format does not read (any slashed
 * date under ISO, 13/01/2026 under US, a dotted date under US): the fix, naming the setting. Undefined
 * for other cells.
 */
export function dateFormatFix(v: CellValue | undefined, clock: ZoneClock): string | undefined {
  if (typeof v !== "string") return undefined;
  const m = SLASHED.exec(v.trim());
  if (m === null) return undefined;
  const a = Number(m[1]);
  const b = Number(m[3]);
  // The format the text could be in: a first number above 12 is a day, a second one above 12 too.
  const fits: DateFormat | undefined =
    m[2] === "." || (a > 12 && b <= 12) ? "eu" : b > 12 && a <= 12 ? "us" : undefined;
  const now = `Settings ▸ Date format is ${DATE_FORMAT_NAMES[clock.dateFormat]}`;
  if (m[4].length === 2)
    return `Write the year in full (${m[1]}${m[2]}${m[3]}${m[2]}20${m[4]}): a two-digit year is not read as a date.`;
  if (fits !== undefined && fits !== clock.dateFormat)
    return `${now}, which does not read "${v.trim()}": set Date format to ${DATE_FORMAT_NAMES[fits]} if the dates are written that way, or correct the date.`;
  if (clock.dateFormat === "iso")
    return `${now}: set Date format to ${DATE_FORMAT_NAMES.us} or ${DATE_FORMAT_NAMES.eu}, as the dates are written, or enter ISO text such as 2024-05-01.`;
  return `${now}: correct the date (month 1-12, a day the month has).`;
}

/** Epoch ms of a timestamp cell (Date, ISO text or Sheets serial number); NaN when it is none of those. */
export function timestampMs(v: CellValue | undefined, clock: ZoneClock): number {
  timestampInto(v, clock, scratch, 0);
  return scratch[0];
}

/**
 * parseIsoInto's instant for the one form most logs and exports write, YYYY-MM-DDTHH:MM:SS[.sss]Z, read
 * from the text's bytes (ASCII) so that a reader need not make a string of each of a million timestamps;
 * NaN for any other text, which is then parsed as a cell. A "Z" time is the same in every time zone.
 */
export function utcIsoInstant(b: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if ((n !== 20 && n !== 24) || b[start + 4] !== 45 || b[start + 7] !== 45 || b[start + 10] !== 84)
    return Number.NaN;
  if (b[start + 13] !== 58 || b[start + 16] !== 58 || b[end - 1] !== 90) return Number.NaN;
  const y = pairOfDigits(b, start) * 100 + pairOfDigits(b, start + 2);
  const mo = pairOfDigits(b, start + 5);
  const d = pairOfDigits(b, start + 8);
  const h = pairOfDigits(b, start + 11);
  const mi = pairOfDigits(b, start + 14);
  const sec = pairOfDigits(b, start + 17);
  let ms = 0;
  if (n === 24) {
    if (b[start + 19] !== 46) return Number.NaN;
    ms = byteDigits(b, start + 20, 3);
  }
  // Out of range (or not digits, -1): left to parseIsoInto, which knows the exceptions (24:00, leap seconds).
  if (
    y < 0 ||
    mo < 1 ||
    mo > 12 ||
    d < 1 ||
    h < 0 ||
    h > 23 ||
    mi < 0 ||
    mi > 59 ||
    sec < 0 ||
    sec > 59 ||
    ms < 0
  )
    return Number.NaN;
  if (d > daysInMonth(y, mo)) return Number.NaN;
  const ymd = y * 10_000 + mo * 100 + d;
  if (ymd !== lastYmd) {
    lastDayMs = daysFromCivil(y, mo, d) * DAY_MS;
    lastYmd = ymd;
  }
  return lastDayMs + h * 3_600_000 + mi * MINUTE_MS + sec * 1000 + ms;
}

/**
 * The number two ASCII digits at b[at..] write, or -10,000 when either is not a digit: negative even as
 * a year's high pair (-10,000 × 100 + 99). The four checks fold into one sign test, which read a million
 * timestamps in a third less time than a loop over the digits.
 */
function pairOfDigits(b: Uint8Array, at: number): number {
  const hi = b[at] - 48;
  const lo = b[at + 1] - 48;
  // A byte that is not a digit gives a negative hi or lo, or one above 9 (then 9 - it is negative).
  return (hi | lo | (9 - hi) | (9 - lo)) < 0 ? -10_000 : hi * 10 + lo;
}

/** The number written by n ASCII digits at b[at..], or -1. */
function byteDigits(b: Uint8Array, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = b[i] - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** timestampMs writing its result to `out[at]` (no heap number per cell; see parseIsoInto). */
export function timestampInto(
  v: CellValue | undefined,
  clock: ZoneClock,
  out: Float64Array,
  at: number,
): void {
  if (typeof v === "string") parseIsoInto(v, clock, out, at);
  else if (v instanceof Date) out[at] = v.getTime();
  else if (typeof v === "number" && v > 0 && v < SERIAL_MAX) {
    out[at] = clock.toInstant(Math.round((v - SERIAL_EPOCH) * DAY_MS));
  } else out[at] = Number.NaN;
}

/** timestampMs for one-off cells, taking a zone name or a clock; NaN when unparseable. */
export function parseTimestamp(v: CellValue | undefined, zone: string | ZoneClock): number {
  return timestampMs(v, typeof zone === "string" ? zoneClock(zone) : zone);
}
