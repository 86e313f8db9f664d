// The few places where GoogleSQL (BigQuery) and DuckDB's SQL differ, in one table. Everything else the
// compiler writes is common to both: CASE, COALESCE, TRIM(x, chars), LOWER, STRPOS, STARTS_WITH,
// ENDS_WITH, REPLACE, REPEAT, POW, FLOOR, SIGN, LEAST, GREATEST, window SUMs, STRING literals' ||.

export type DialectName = "duckdb" | "bigquery";

export const DIALECTS: readonly DialectName[] = ["duckdb", "bigquery"];

export interface Dialect {
  name: DialectName;
  /** A string literal holding `s` as data, whatever it contains. */
  string(s: string): string;
  /** A quoted column name (any text: quotes and backslashes escaped). */
  ident(name: string): string;
  /** A table path (project, dataset, table; already validated by source.ts), quoted. */
  table(parts: readonly string[]): string;
  /** `array` (a BigQuery REPEATED RECORD, a DuckDB LIST of STRUCT) as a FROM item whose rows are named `as`. */
  unnest(array: string, as: string): string;
  /** Type names for CAST. */
  readonly text: string;
  readonly integer: string;
  readonly float: string;
  /** A DOUBLE/FLOAT64 literal exactly equal to x (DuckDB reads 0.5 as DECIMAL, so it is cast). */
  double(x: number): string;
  /** The text as a double, NULL where it is not one. */
  tryDouble(expr: string): string;
  /** Does the RE2 pattern match anywhere in expr. */
  regexMatch(expr: string, pattern: string): string;
  /** The pattern's only capturing group, NULL when it does not match. */
  regexExtract(expr: string, pattern: string): string;
  /** Every match of pattern replaced. */
  regexReplaceAll(expr: string, pattern: string, replacement: string): string;
  /** Wall-clock milliseconds in `zone` (a string literal) at the instant `ms` (epoch ms, a double). */
  wallMs(ms: string, zone: string): string;
  /** Each row's place in the table it is selected from (directly); null where tables have no order. */
  readonly rowOrder: string | null;
}

function double(x: number, cast: (literal: string) => string): string {
  if (Number.isInteger(x) && Math.abs(x) < 2 ** 53) return cast(String(x));
  if (!Number.isFinite(x)) throw new RangeError(`no SQL literal for ${x}`);
  // String(x) is the shortest text that reads back as exactly x.
  return cast(`'${String(x)}'`);
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const duckdb: Dialect = {
  name: "duckdb",
  // Standard SQL strings: only the quote is special (a backslash is a backslash).
  string: (s) => `'${s.replace(/'/g, "''")}'`,
  ident,
  table: (parts) => parts.map(ident).join("."),
  // DuckDB names an unnested column by a table alias's column list; a bare alias names the table.
  unnest: (array, as) => `UNNEST(${array}) AS _${as}(${as})`,
  text: "VARCHAR",
  integer: "BIGINT",
  float: "DOUBLE",
  double: (x) => double(x, (l) => `CAST(${l} AS DOUBLE)`),
  tryDouble: (e) => `TRY_CAST(${e} AS DOUBLE)`,
  regexMatch: (e, p) => `regexp_matches(${e}, ${p})`,
  regexExtract: (e, p) => `NULLIF(regexp_extract(${e}, ${p}, 1), '')`,
  regexReplaceAll: (e, p, r) => `regexp_replace(${e}, ${p}, ${r}, 'g')`,
  wallMs: (ms, zone) => `CAST(epoch_ms(timezone(${zone}, to_timestamp(${ms} / 1000))) AS DOUBLE)`,
  // An empty OVER () over a single table keeps the table's (a CSV file's) row order
  // (duckdb.org/docs/stable/sql/dialect/order_preservation), and needs no materialized rowid.
  rowOrder: "ROW_NUMBER() OVER ()",
};

/** GoogleSQL escapes of backslash, `quote`, and control characters (a literal cannot hold a newline); quoted
 * identifiers take the same escapes as strings (cloud.google.com/bigquery/docs/reference/standard-sql/lexical). */
function googleEscape(s: string, quote: "'" | "`"): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes.
  const body = s.replace(/[\\'`\u0000-\u001f\u007f]/g, (c) => {
    if (c === "\\") return "\\\\";
    if (c === "'" || c === "`") return c === quote ? `\\${c}` : c;
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`;
  });
  return `${quote}${body}${quote}`;
}

const bigquery: Dialect = {
  name: "bigquery",
  string: (s) => googleEscape(s, "'"),
  ident: (name) => googleEscape(name, "`"),
  // One quoted path: a wildcard table (GA4's events_*) must be quoted whole.
  table: (parts) => googleEscape(parts.join("."), "`"),
  unnest: (array, as) => `UNNEST(${array}) AS ${as}`,
  text: "STRING",
  integer: "INT64",
  float: "FLOAT64",
  // FLOAT64 is GoogleSQL's type for a decimal literal; integers are cast so that no arithmetic is INT64.
  double: (x) => double(x, (l) => `CAST(${l} AS FLOAT64)`),
  tryDouble: (e) => `SAFE_CAST(${e} AS FLOAT64)`,
  regexMatch: (e, p) => `REGEXP_CONTAINS(${e}, ${p})`,
  regexExtract: (e, p) => `REGEXP_EXTRACT(${e}, ${p})`,
  regexReplaceAll: (e, p, r) => `REGEXP_REPLACE(${e}, ${p}, ${r})`,
  wallMs: (ms, zone) =>
    `CAST(UNIX_MILLIS(TIMESTAMP(DATETIME(TIMESTAMP_MILLIS(CAST(${ms} AS INT64)), ${zone}))) AS FLOAT64)`,
  rowOrder: null,
};

export function dialect(name: DialectName): Dialect {
  return name === "duckdb" ? duckdb : bigquery;
}
