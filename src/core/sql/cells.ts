// A cell read the engine's way in SQL: every column is taken as text (a CSV loaded with all_varchar, or
// a typed column cast to text) and parsed with the rules of values.ts and time.ts, so that a bad cell
// is NULL (a non-match), never a failed query.
import { DAY_MS } from "../time";
import type { Dialect } from "./dialect";
import type { Layers } from "./layers";

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

/** The column's text `raw`, trimmed (NULL when the cell is NULL), as column `name` of the first layer. */
export function trimmedColumn(layers: Layers, name: string, raw: string, d: Dialect): string {
  return layers.col(0, name, trimmedText(raw, d));
}

/** String.prototype.trim of `expr` (read three times). TRIM with a set of characters costs ten times a
 * regular-expression test in DuckDB, so it runs only on text that starts or ends with a space. */
export function trimmedText(expr: string, d: Dialect): string {
  const spaced = d.regexMatch(expr, d.string(`^${JS_SPACE}|${JS_SPACE}$`));
  return `CASE WHEN ${spaced} THEN TRIM(${expr}, ${d.string(TRIM_CHARS)}) ELSE ${expr} END`;
}

/** normText of trimmed text `t`: lower case, "" for blank. */
export function textForm(t: string): string {
  return `COALESCE(LOWER(${t}), '')`;
}

/** parseNumber on trimmed text `t`; NULL where the engine has NaN. */
export function numberForm(t: string, d: Dialect): string {
  return (
    `CASE WHEN ${d.regexMatch(t, d.string(PLAIN_NUMBER))} THEN ${d.tryDouble(t)}` +
    ` WHEN ${d.regexMatch(t, d.string(GROUPED_NUMBER))} THEN ${d.tryDouble(`REPLACE(${t}, ',', '')`)} END`
  );
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
 * timestampMs of a cell, as a column named `p` over layers named `p_…`: ISO text (local times in
 * `zone`, null for UTC) or a number the CSV reader types (a Sheets serial date); NULL when neither.
 * `raw` is the untrimmed text, `s` its trimmed column (layer 0).
 */
export function timestampColumn(
  layers: Layers,
  p: string,
  raw: string,
  s: string,
  zone: string | null,
  d: Dialect,
): string {
  const at = (level: number, name: string, expr: string) => layers.col(level, `${p}_${name}`, expr);
  const typed = at(0, "typed", d.regexMatch(raw, d.string(TYPED_NUMBER)));
  const serial = at(0, "serial", d.tryDouble(raw));
  const iso = at(1, "iso", d.regexMatch(s, d.string(ISO)));
  const len = at(1, "len", `LENGTH(${s})`);
  // Each field only where the text has it (a cast of anything else would fail the query).
  const field = (name: string, when: string, at1: number, n: number) =>
    at(2, name, `CASE WHEN ${when} THEN ${digits(s, at1, n, d)} END`);
  const y = field("y", iso, 1, 4);
  const mo = field("mo", iso, 6, 2);
  const day = field("day", iso, 9, 2);
  const timed = `${iso} AND ${len} > 10`;
  const h = field("h", timed, 12, 2);
  const mi = field("mi", timed, 15, 2);
  const hasSec = `${iso} AND SUBSTR(${s}, 17, 1) = ':'`;
  const sec = at(2, "sec", `CASE WHEN ${hasSec} THEN ${digits(s, 18, 2, d)} ELSE 0 END`);
  // Milliseconds from the first three digits of a fraction (later ones are finer).
  const frac = d.regexExtract(s, d.string("^.{19}[.,]([0-9]{1,3})"));
  const ms = at(
    2,
    "ms",
    `CASE WHEN ${hasSec} THEN COALESCE(CAST(RPAD(${frac}, 3, '0') AS ${d.integer}), 0) ELSE 0 END`,
  );
  const offset = at(
    2,
    "off",
    `CASE WHEN ${iso} THEN ${d.regexExtract(s, d.string("([Zz]|[-+\u2212][0-9]{2}(?::?[0-9]{2})?)$"))} END`,
  );
  const zulu = `UPPER(${offset}) = 'Z'`;
  const oh = at(3, "oh", `CASE WHEN NOT ${zulu} THEN CAST(SUBSTR(${offset}, 2, 2) AS ${d.integer}) END`);
  const om = at(
    3,
    "om",
    `CASE WHEN NOT ${zulu} THEN CASE WHEN LENGTH(${offset}) > 3 THEN CAST(SUBSTR(${offset}, LENGTH(${offset}) - 1, 2) AS ${d.integer}) ELSE 0 END END`,
  );
  const date = at(3, "date", `${daysFromCivil(y, mo, day)} * ${DAY_MS}`);
  const validDate = at(3, "vdate", `${mo} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND ${daysInMonth(y, mo)}`);
  // A leap second counts as :59.
  const wall = at(4, "wall", `(${date} + ${h} * 3600000 + ${mi} * 60000 + LEAST(${sec}, 59) * 1000 + ${ms})`);
  const valid = at(
    4,
    "valid",
    `${validDate} AND (${len} = 10 OR` +
      ` (${h} <= 24 AND ${mi} <= 59 AND ${sec} <= 60 AND (${h} < 24 OR ${mi} = 0 AND ${sec} = 0 AND ${ms} = 0)` +
      ` AND (${offset} IS NULL OR ${zulu} OR ${oh} <= 23 AND ${om} <= 59)))`,
  );
  // Wall-clock time in the zone (a serial date, a date, an offset-less time), or an instant (an offset).
  const local = at(
    5,
    "local",
    `CASE WHEN ${typed} THEN CASE WHEN ${serial} > 0 AND ${serial} < ${SERIAL_MAX}` +
      ` THEN FLOOR((${serial} - ${SERIAL_EPOCH}) * ${DAY_MS} + ${d.double(0.5)}) END` +
      ` WHEN ${iso} AND ${valid} THEN CASE WHEN ${len} = 10 THEN ${date} WHEN ${offset} IS NULL THEN ${wall} END END`,
  );
  const fixed = at(
    5,
    "fixed",
    `CASE WHEN ${iso} AND ${valid} AND ${len} <> 10 THEN CASE WHEN ${zulu} THEN ${wall}` +
      ` WHEN SUBSTR(${offset}, 1, 1) = '+' THEN ${wall} - (${oh} * 60 + ${om}) * 60000` +
      ` ELSE ${wall} + (${oh} * 60 + ${om}) * 60000 END END`,
  );
  if (zone === null) return layers.col(6, p, `COALESCE(${fixed}, ${local})`);
  // Zone wall-clock ms → epoch ms, as ZoneClock.toInstant does it (a skipped hour takes the later offset).
  const z = d.string(zone);
  const o1 = at(6, "o1", `(${d.wallMs(local, z)} - ${local})`);
  const t = at(7, "t", `(${local} - ${o1})`);
  const o2 = at(8, "o2", `(${d.wallMs(t, z)} - ${t})`);
  return layers.col(9, p, `COALESCE(${fixed}, CASE WHEN ${o2} = ${o1} THEN ${t} ELSE ${local} - ${o2} END)`);
}
