// BigQuery RPC: the sidebar's BigQuery section calls these through google.script.run (see src/contract).
// Thin calls into src/sheets/bigquery-service.

import type { BigQueryRequest, BigQueryRun, BigQuerySection, BigQuerySql, BigQueryTables } from "../contract";
import * as service from "../sheets/bigquery-service";

const active = () => SpreadsheetApp.getActiveSpreadsheet();

export function getBigQuerySection(): BigQuerySection {
  return service.bigQuerySection(active());
}

export function saveBigQueryTables(tables: BigQueryTables): BigQuerySection {
  return service.saveBigQueryTables(active(), tables);
}

export function getBigQuerySql(): BigQuerySql {
  return service.bigQuerySql(active());
}

export function scoreInBigQuery(request: BigQueryRequest): BigQueryRun {
  return service.scoreInBigQuery(active(), request);
}
