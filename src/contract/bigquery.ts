// The sidebar's BigQuery section: where the leads and activities live in BigQuery, the query to copy for a
// scheduled query, and a run of it through the BigQuery advanced service.

/**
 * Settings' BigQuery rows (`BigQuery project`, `BigQuery dataset`, `BigQuery leads table`, `BigQuery
 * activities table`) as written; "" is blank, which means the compiler's default (docs/sql.md).
 */
export interface BigQueryTables {
  /** Google Cloud project ID the query runs in and bills to. */
  project: string;
  dataset: string;
  leadsTable: string;
  activitiesTable: string;
}

/** The tables the query reads, as the compiler resolved them (defaults filled in). */
export interface BigQueryReads {
  leadsTable: string;
  /** "" : the workbook has no Activity Log tab, so the query reads no activities. */
  activitiesTable: string;
}

export interface BigQuerySection extends BigQueryTables {
  /** Whether this deployment has the BigQuery advanced service (the opt-in manifest flavour). */
  enabled: boolean;
  reads: BigQueryReads;
}

export interface BigQuerySql {
  /** The scoring query in GoogleSQL: one row per lead, the key column then the output columns. */
  sql: string;
  /** Each Leads and Activity Log header and the BigQuery column the query reads it from (Settings' mapping). */
  columns: { tab: string; header: string; column: string }[];
  /** Rules the query cannot score exactly as the engine does (each with its fix); no run while any. */
  unsupported: string[];
}

export interface BigQueryRequest {
  /** How many of the top-scored leads to bring back into the tab (1–50,000). */
  top: number;
}

export interface BigQueryRun {
  /** The tab written ("BigQuery Scores"). */
  tab: string;
  /** Leads written to the tab (at most `top`). */
  written: number;
  /** Leads BigQuery scored in all. */
  scored: number;
  jobId: string;
}
