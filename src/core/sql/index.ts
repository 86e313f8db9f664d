// The SQL compiler's public API: the workbook's model as one query for BigQuery or DuckDB.

export type { CompiledAccounts } from "./accounts";
export { compileAccountsSql } from "./accounts";
export type { CompiledQuery, SqlOptions, SqlWorkbook } from "./compile";
export { compileSql } from "./compile";
export type { Dialect, DialectName } from "./dialect";
export { DIALECTS, dialect } from "./dialect";
export type { ColumnSource, SqlSource, TableNames } from "./source";
export { projectWithoutDataset } from "./source";
