// A cell read the engine's way in SQL: every column is taken as text (a CSV loaded with all_varchar, or
// a typed column cast to text) and parsed with the rules of values.ts and time.ts, so that a bad cell
// is NULL (a non-match), never a failed query.
import { DAY_MS } from "../time";
import type { Dialect } from "./dialect";

/** What String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), for TRIM(x, chars). */
const TRIM_CHARS =
  " \t\n\u000b\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";

/** JavaScript's \s as an RE2 class (RE2's own \s is ASCII only). */
export const JS_SPACE =
  "[\\t\\n\\x{000B}\\f\\r \\x{00A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/** values.ts's PLAIN_NUMBER and GROUPED_NUMBER. */
const PLAIN_NUMBER = "^[+-]?(?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?$";
const GROUPED_NUMBER = "^[+-]?[0-9]{1,3}(?:,[0-9]{3})+(?:\\.[0-9]*)?$";
/** A number as the CSV reader types it (src/local/workbook/csv.ts), untrimmed: a Sheets serial date. */
const TYPED_NUMBER = "^-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$";
/** time.ts's ISO 8601 forms. */
const ISO =
  "^[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[Tt ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?(?:[Zz]|[-+\u2212][0-9]{2}(?::?[0-9]{2})?)?)?$";
const SERIAL_EPOCH = 25569;
const SERIAL_MAX = 2958466;

/** The column's text, trimmed; NULL when the cell is NULL. */
export function trimmed(raw: string, d: Dialect): string {
  return `TRIM(${raw}, ${d.string(TRIM_CHARS)})`;
}

/** normText: trimmed, lower case, "" for blank. */
export function textForm(raw: string, d: Dialect): string {
  return `COALESCE(LOWER(${trimmed(raw, d)}), '')`;
}

/** parseNumber on trimmed text `t`; NULL where the engine has NaN. */
export function numberForm(t: string, d: Dialect): string {
  return (
    `CASE WHEN ${d.regexMatch(t, d.string(PLAIN_NUMBER))} THEN ${d.tryDouble(t)}` +
    ` WHEN ${d.regexMatch(t, d.string(GROUPED_NUMBER))} THEN ${d.tryDouble(`REPLACE(${t}, ',', '')`)} END`
  );
}

/** Zone wall-clock ms → epoch ms, as ZoneClock.toInstant does it (a skipped hour takes the later offset). */
function toInstant(wall: string, zone: string | null, d: Dialect): string {
  if (zone === null) return wall;
  const z = d.string(zone);
  const off = (ms: string) => `(${d.wallMs(ms, z)} - (${ms}))`;
  const o1 = off(wall);
  const t = `((${wall}) - ${o1})`;
  const o2 = off(t);
  return `CASE WHEN ${o2} = ${o1} THEN ${t} ELSE (${wall}) - ${o2} END`;
}

/** `n` digits of `s` from 1-based `at`, as a double. */
function digits(s: string, at: number, n: number, d: Dialect): string {
  return `CAST(SUBSTR(${s}, ${at}, ${n}) AS ${d.integer})`;
}

/** Days from 1970-01-01 (time.ts's daysFromCivil), in doubles: exact for these small integers. */
function daysFromCivil(y: string, m: string, day: string): string {
  const yy = `(${y} - CASE WHEN ${m} <= 2 THEN 1 ELSE 0 END)`;
  const era = `FLOOR(${yy} / 400)`;
  const yoe = `(${yy} - ${era} * 400)`;
  const doy = `(FLOOR((153 * (${m} + CASE WHEN ${m} > 2 THEN -3 ELSE 9 END) + 2) / 5) + ${day} - 1)`;
  const doe = `(${yoe} * 365 + FLOOR(${yoe} / 4) - FLOOR(${yoe} / 100) + ${doy})`;
  return `(${era} * 146097 + ${doe} - 719468)`;
}

function daysInMonth(y: string, m: string): string {
  const leap = `(MOD(${y}, 4) = 0 AND MOD(${y}, 100) <> 0 OR MOD(${y}, 400) = 0)`;
  return `CASE WHEN ${m} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${m} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
}

/**
 * timestampMs of a cell: ISO text (local times in `zone`, null for UTC) or a number the CSV reader
 * types (a Sheets serial date); NULL when neither. `raw` is the untrimmed text.
 */
export function timestampForm(raw: string, zone: string | null, d: Dialect): string {
  const s = trimmed(raw, d);
  const y = digits(s, 1, 4, d);
  const mo = digits(s, 6, 2, d);
  const day = digits(s, 9, 2, d);
  const h = digits(s, 12, 2, d);
  const mi = digits(s, 15, 2, d);
  const hasSec = `SUBSTR(${s}, 17, 1) = ':'`;
  const sec = `CASE WHEN ${hasSec} THEN ${digits(s, 18, 2, d)} ELSE 0 END`;
  // Milliseconds from the first three digits of a fraction (later ones are finer).
  const frac = d.regexExtract(s, d.string("^.{19}[.,]([0-9]{1,3})"));
  const ms = `CASE WHEN ${hasSec} THEN COALESCE(CAST(RPAD(${frac}, 3, '0') AS ${d.integer}), 0) ELSE 0 END`;
  const offset = d.regexExtract(s, d.string("([Zz]|[-+\u2212][0-9]{2}(?::?[0-9]{2})?)$"));
  const oh = `CAST(SUBSTR(${offset}, 2, 2) AS ${d.integer})`;
  const om = `CASE WHEN LENGTH(${offset}) > 3 THEN CAST(SUBSTR(${offset}, LENGTH(${offset}) - 1, 2) AS ${d.integer}) ELSE 0 END`;
  const date = `${daysFromCivil(y, mo, day)} * ${DAY_MS}`;
  // A leap second counts as :59.
  const wall = `(${date} + ${h} * 3600000 + ${mi} * 60000 + LEAST(${sec}, 59) * 1000 + (${ms}))`;
  const valid =
    `${mo} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysInMonth(y, mo)} AND (LENGTH(${s}) = 10 OR` +
    ` (${h} <= 24 AND ${mi} <= 59 AND (${sec}) <= 60 AND (${h} < 24 OR ${mi} = 0 AND (${sec}) = 0 AND (${ms}) = 0)` +
    ` AND (${offset} IS NULL OR UPPER(${offset}) = 'Z' OR ${oh} <= 23 AND ${om} <= 59)))`;
  const iso =
    `CASE WHEN LENGTH(${s}) = 10 THEN ${toInstant(`(${date})`, zone, d)}` +
    ` WHEN ${offset} IS NULL THEN ${toInstant(wall, zone, d)}` +
    ` WHEN UPPER(${offset}) = 'Z' THEN ${wall}` +
    ` WHEN SUBSTR(${offset}, 1, 1) = '+' THEN ${wall} - (${oh} * 60 + ${om}) * 60000` +
    ` ELSE ${wall} + (${oh} * 60 + ${om}) * 60000 END`;
  const serial = d.tryDouble(raw);
  return (
    `CASE WHEN ${d.regexMatch(raw, d.string(TYPED_NUMBER))} THEN CASE WHEN ${serial} > 0 AND ${serial} < ${SERIAL_MAX}` +
    ` THEN ${toInstant(`FLOOR((${serial} - ${SERIAL_EPOCH}) * ${DAY_MS} + ${d.double(0.5)})`, zone, d)} END` +
    ` WHEN ${d.regexMatch(s, d.string(ISO))} THEN CASE WHEN ${valid} THEN ${iso} END END`
  );
}
