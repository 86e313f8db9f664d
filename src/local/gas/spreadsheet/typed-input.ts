// What a typed string becomes under the spreadsheet's locale: "1,5" is 1.5 in de_DE, "1-10" is January 10
// in en_US, "14:30" a time. Sheets applies "the same rules that are applied when entering text into a cell
// via the Google Sheets UI" to strings written by scripts
// (developers.google.com/sheets/api/reference/rest/v4/ValueInputOption). Where Google documents no rule
// the stricter reading is taken (the string stays text); README.md lists those as _local_.
import { fromWallClock, wallClock } from "../tz";
import type { SheetLocale } from "./locale";

export interface Typing {
  readonly tz: string;
  readonly locale: SheetLocale;
  /** The runtime clock (ms): a date typed without a year falls in the current year of `tz`. */
  readonly now: number;
}

const MONTHS = [
  "january",
  "february",
  "march",
  "april",
  "may",
  "june",
  "july",
  "august",
  "september",
  "october",
  "november",
  "december",
];
// Three lower-cased letters as one number, so the writers' fast path looks month names up without allocating.
const key3 = (s: string) =>
  ((s.charCodeAt(0) | 32) << 16) | ((s.charCodeAt(1) | 32) << 8) | (s.charCodeAt(2) | 32);
const MONTH_ABBR = new Set(MONTHS.map(key3));

/**
 * Strings whose first character cannot start a number, formula, boolean, date or apostrophe escape in any
 * modelled locale: the writers' fast path stores them as they are.
 */
export function plainText(s: string): boolean {
  if (s === "") return true;
  const c = s.charCodeAt(0);
  // digits, space, tab, $ £ ' + , - . = and t/T/f/F (TRUE/FALSE) need parsing.
  if (c <= 32 || (c >= 48 && c <= 57)) return false;
  switch (c) {
    case 36: // $
    case 39: // '
    case 43: // +
    case 44: // , (",5" in de_DE)
    case 45: // -
    case 46: // .
    case 61: // =
    case 70: // F
    case 84: // T
    case 102: // f
    case 116: // t
    case 163: // £
      return false;
    // Initials of English month names: "Jan 5", "March 3, 2024".
    case 65: // A
    case 68: // D
    case 74: // J
    case 77: // M
    case 78: // N
    case 79: // O
    case 83: // S
    case 97:
    case 100:
    case 106:
    case 109:
    case 110:
    case 111:
    case 115:
      return s.length < 3 || !MONTH_ABBR.has(key3(s));
  }
  return true;
}

interface NumberRules {
  plain: RegExp;
  grouped: RegExp;
  groups: RegExp;
}

const numberRulesOf = new WeakMap<SheetLocale, NumberRules>();

function numberRules(l: SheetLocale): NumberRules {
  let r = numberRulesOf.get(l);
  if (!r) {
    const d = l.decimal === "." ? "\\." : ",";
    const g = `[${l.groups.replace(".", "\\.")}]`;
    r = {
      plain: new RegExp(`^[+-]?(?:\\d+(?:${d}\\d*)?|${d}\\d+)(?:[eE][+-]?\\d+)?$`),
      // Grouping needs groups of exactly three digits: "1,5" is not a number in en_US, "1,500" is.
      grouped: new RegExp(`^[+-]?\\d{1,3}(?:${g}\\d{3})+(?:${d}\\d+)?$`),
      groups: new RegExp(g, "g"),
    };
    numberRulesOf.set(l, r);
  }
  return r;
}

function plainOrGrouped(s: string, l: SheetLocale): number | undefined {
  const r = numberRules(l);
  let t: string;
  if (r.plain.test(s)) t = s;
  else if (r.grouped.test(s)) t = s.replace(r.groups, "");
  else return undefined;
  return Number(l.decimal === "," ? t.replace(",", ".") : t);
}

function currency(s: string, l: SheetLocale): number | undefined {
  const sym = l.currency;
  let body: string;
  let negative = false;
  if (l.currencyAfter) {
    if (!s.endsWith(sym)) return undefined;
    body = s.slice(0, -sym.length).trimEnd();
  } else {
    const signed = s[0] === "-" || s[0] === "+";
    if (!s.startsWith(sym, signed ? 1 : 0)) return undefined;
    negative = s[0] === "-";
    body = s.slice(sym.length + (signed ? 1 : 0));
    if (body[0] === "-" || body[0] === "+") return undefined;
  }
  if (/[eE]/.test(body)) return undefined;
  const n = plainOrGrouped(body, l);
  return n === undefined ? undefined : negative ? -n : n;
}

/** "1.5", "1,200", "1.234,5" (de_DE), "1e3", "00123", "50%", "12,5 %", "$5", "5,00 €" under the locale. */
export function parseNumber(s: string, l: SheetLocale): number | undefined {
  const n = plainOrGrouped(s, l);
  if (n !== undefined) return n;
  if (s.charCodeAt(s.length - 1) === 37) {
    const body = s.slice(0, -1);
    const p = plainOrGrouped(l.percentSpace ? body.trimEnd() : body, l);
    return p === undefined ? undefined : p / 100;
  }
  return currency(s, l);
}

// 1-4 digits, a separator, 1-2 digits, optionally the same separator and 1-4 digits, optionally a time.
const NUMERIC_DATE = /^(\d{1,4})([/.-])(\d{1,2})(?:\2(\d{1,4}))?(?:(\s+|T)(\S.*))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(?:\s*([AaPp])[Mm])?$/;
const MONTH_DAY = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?$/;
const DAY_MONTH = /^(\d{1,2})\s+([A-Za-z]{3,9})\.?,?(?:\s+(\d{4}))?$/;

interface Clock {
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function parseTime(s: string, l: SheetLocale): Clock | undefined {
  const m = TIME.exec(s);
  if (!m) return undefined;
  let h = Number(m[1]);
  const mi = Number(m[2]);
  const sec = Number(m[3] ?? 0);
  if (mi > 59 || sec > 59) return undefined;
  if (m[5]) {
    // AM/PM is English; de_DE and fr_FR type 24-hour times only.
    if (!l.english || h < 1 || h > 12) return undefined;
    h = (h % 12) + (m[5] === "p" || m[5] === "P" ? 12 : 0);
  } else if (h > 23) return undefined; // _local_: Sheets reads "25:00" as a duration
  return { h, mi, s: sec, ms: Number((m[4] ?? "").padEnd(3, "0")) };
}

// _local_: two-digit years pivot like Excel's (00-29 → 20xx, 30-99 → 19xx).
function fullYear(y: string): number | undefined {
  if (y.length === 4) return Number(y);
  if (y.length !== 2) return undefined;
  const n = Number(y);
  return n < 30 ? 2000 + n : 1900 + n;
}

function dateOf(y: number, mo: number, d: number, t: Clock | undefined, tz: string): Date | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  return new Date(fromWallClock(tz, y, mo, d, t?.h ?? 0, t?.mi ?? 0, t?.s ?? 0, t?.ms ?? 0));
}

function numericDate(s: string, at: Typing): Date | undefined {
  const m = NUMERIC_DATE.exec(s);
  if (!m) {
    // A time alone is that time on Sheets' day zero, 1899-12-30 (Apps Script reads it as such a Date).
    const t = parseTime(s, at.locale);
    return t && new Date(fromWallClock(at.tz, 1899, 12, 30, t.h, t.mi, t.s, t.ms));
  }
  const [, a, , b, c, gap, rest] = m;
  let t: Clock | undefined;
  if (rest !== undefined) {
    t = parseTime(rest, at.locale);
    if (!t) return undefined;
  }
  if (a.length === 4) {
    // Year first ("2024-01-05", "2024/1/5"), in every locale; "T" only in ISO form.
    if (c === undefined || c.length > 2) return undefined;
    return dateOf(Number(a), Number(b), Number(c), t, at.tz);
  }
  if (a.length > 2 || gap === "T") return undefined;
  let y: number | undefined;
  if (c === undefined) y = wallClock(at.now, at.tz).year;
  else y = fullYear(c);
  if (y === undefined) return undefined;
  const [mo, d] = at.locale.dayFirst ? [Number(b), Number(a)] : [Number(a), Number(b)];
  return dateOf(y, mo, d, t, at.tz);
}

function monthIndex(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((m) => m === n || (n.length === 3 && m.startsWith(n)));
  return i < 0 && n === "sept" ? 9 : i + 1;
}

function namedDate(s: string, at: Typing): Date | undefined {
  let m = MONTH_DAY.exec(s);
  let name: string;
  let day: string;
  if (m) [, name, day] = m;
  else {
    m = DAY_MONTH.exec(s);
    if (!m) return undefined;
    [, day, name] = m;
  }
  const mo = monthIndex(name);
  if (mo === 0) return undefined;
  const y = m[3] ? Number(m[3]) : wallClock(at.now, at.tz).year;
  return dateOf(y, mo, Number(day), undefined, at.tz);
}

/** The number, boolean or date a trimmed typed string becomes, or undefined when it stays text. */
export function parseTyped(s: string, at: Typing): number | boolean | Date | undefined {
  if (s === "") return undefined;
  const c = s.charCodeAt(0);
  const l = at.locale;
  const digit = c >= 48 && c <= 57;
  if (digit || c === 43 || c === 44 || c === 45 || c === 46 || s.startsWith(l.currency)) {
    const n = parseNumber(s, l);
    if (n !== undefined) return n;
  }
  // _local_: TRUE/FALSE in every locale (Sheets' localised WAHR/FALSCH, VRAI/FAUX are not modelled).
  if (s.length === 4 || s.length === 5) {
    const u = s.toUpperCase();
    if (u === "TRUE") return true;
    if (u === "FALSE") return false;
  }
  if (digit) return numericDate(s, at) ?? (l.english ? namedDate(s, at) : undefined);
  return l.english && c >= 65 ? namedDate(s, at) : undefined;
}
