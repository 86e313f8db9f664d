// Cell reading shared by calibration and fitting: text as the engine compares it, placeholders that mean
// "blank", numbers (numeric text like "1,200" included) and dates (ISO text, date-only = local midnight).
import type { CellValue } from "../types";

/** Trimmed, lower-cased text of a cell, the way the engine compares text ("" for blank). */
export function cellKey(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v).trim().toLowerCase();
}

/** Trimmed text as the user spelt it. */
export function cellText(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "" : v.toISOString();
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v).trim();
}

// Values people and CRMs type for "we don't know". "0" is deliberately absent: in a numeric column it is
// a real value, and in a categorical one it is a code like any other.
const PLACEHOLDERS = new Set([
  "-",
  "--",
  "---",
  ".",
  "?",
  "??",
  "n/a",
  "n.a.",
  "na",
  "#n/a",
  "none",
  "null",
  "nil",
  "nan",
  "undefined",
  "unknown",
  "not set",
  "(not set)",
  "not informed",
  "not available",
  "not specified",
  "unspecified",
  "select",
  "select...",
  "select one",
  "--select--",
  "other/unknown",
  "blank",
  "(blank)",
  "(none)",
  "empty",
]);

/** True for a cell key ("" or a placeholder such as "n/a", "unknown", "(not set)") that means blank. */
export function isBlankLike(key: string): boolean {
  return key === "" || PLACEHOLDERS.has(key);
}

const NUMERIC = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[+-]?\d+)?$/i;

/** A number from a number cell or numeric text ("1,200", "3.5"); null otherwise. */
export function cellNumber(v: CellValue | undefined): number | null {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v !== "string") return null;
  const t = v.trim();
  if (t === "" || !NUMERIC.test(t) || !/\d/.test(t)) return null;
  const n = Number(t.replace(/,/g, ""));
  return Number.isFinite(n) ? n : null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Offset of a time zone from UTC at an instant, in minutes (Intl exists in Node, browsers and Apps Script). */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  if (timeZone === "UTC" || timeZone === "Etc/UTC") return 0;
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((asUtc - at.getTime()) / 60000);
}

function localToUtc(fields: number[], timeZone: string): Date {
  const guess = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3] ?? 0, fields[4] ?? 0, fields[5] ?? 0);
  const off1 = zoneOffsetMinutes(timeZone, new Date(guess));
  const off2 = zoneOffsetMinutes(timeZone, new Date(guess - off1 * 60000));
  return new Date(guess - off2 * 60000);
}

/** A date cell or ISO 8601 text; date-only and zone-less text are read in `timeZone`. null otherwise. */
export function cellDate(v: CellValue | undefined, timeZone: string): Date | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v;
  if (typeof v !== "string") return null;
  const t = v.trim();
  let m = ISO_DATE.exec(t);
  if (m) return localToUtc([+m[1], +m[2], +m[3]], timeZone);
  m = ISO_DATE_TIME.exec(t);
  if (!m) return null;
  if (m[7]) {
    const d = new Date(t.replace(" ", "T"));
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return localToUtc([+m[1], +m[2], +m[3], +m[4], +m[5], +(m[6] ?? 0)], timeZone);
}
