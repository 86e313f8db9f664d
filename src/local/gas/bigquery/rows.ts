// Query results in the BigQuery REST API's JSON form (reference: docs.cloud.google.com/bigquery/docs/
// reference/rest/v2/jobs/query, QueryResponse; TableRow, TableCell): a schema of fields with legacy type
// names (INTEGER, FLOAT, BOOLEAN, STRING, TIMESTAMP…), and rows as {f: [{v}]} where every v is a string
// (numbers included) or null. FLOAT values are written as Java's Double.toString writes them ("42.0",
// "1.5E7"), TIMESTAMP as seconds since the epoch in that form; a client parses them, never reads them as
// numbers.
import type { DuckColumn } from "./sync-duckdb";

export interface FieldSchema {
  name: string;
  type: string;
  mode: "NULLABLE";
}

export interface TableCell {
  v: string | null;
}

export interface TableRow {
  f: TableCell[];
}

/** The REST type name of a DuckDB result column. */
export function fieldType(duckType: string): string {
  const t = duckType.toUpperCase();
  if (/^(BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/.test(t))
    return "INTEGER";
  if (t === "DOUBLE" || t === "FLOAT" || t === "REAL") return "FLOAT";
  if (t.startsWith("DECIMAL")) return "NUMERIC";
  if (t === "BOOLEAN") return "BOOLEAN";
  if (t.startsWith("TIMESTAMP")) return "TIMESTAMP";
  if (t === "DATE") return "DATE";
  return "STRING";
}

export function schemaOf(columns: DuckColumn[]): FieldSchema[] {
  return columns.map((c) => ({ name: c.name, type: fieldType(c.type), mode: "NULLABLE" }));
}

/** A double as Java's Double.toString writes it: plain between 10^-3 and 10^7, else computerized notation. */
export function javaDouble(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const a = Math.abs(x);
  if (a >= 1e-3 && a < 1e7) {
    const s = String(x);
    return s.includes(".") ? s : `${s}.0`;
  }
  const [mantissa, exponent] = x.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${Number(exponent)}`;
}

/** One value of a DuckDB row (as sync-duckdb hands it over) as a REST cell value. */
export function cellValue(v: unknown, type: string): string | null {
  if (v === null || v === undefined) return null;
  if (type === "FLOAT") return javaDouble(Number(v));
  if (type === "BOOLEAN") return v ? "true" : "false";
  if (type === "TIMESTAMP") {
    // DuckDB writes "2024-01-01 09:30:00" (TIMESTAMP, UTC) or "…+00" (TIMESTAMPTZ).
    const s = String(v)
      .replace(" ", "T")
      .replace(/([+-]\d\d)$/, "$1:00");
    const ms = Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(s) ? s : `${s}Z`);
    return javaDouble(ms / 1000);
  }
  return String(v);
}

export function toRows(rows: unknown[][], fields: FieldSchema[]): TableRow[] {
  return rows.map((r) => ({ f: r.map((v, i) => ({ v: cellValue(v, fields[i].type) })) }));
}
