// The BigQuery advanced service: the only module that calls it. It is a global only in deployments whose
// manifest enables it (scripts/manifest.mjs, `npm run build -- --bigquery`); elsewhere `BigQuery` is not
// defined at all, so its presence is tested with typeof. The service takes and returns the REST API's
// objects (developers.google.com/apps-script/advanced/bigquery; docs.cloud.google.com/bigquery/docs/
// reference/rest/v2/jobs/query): a query may come back with jobComplete false (poll getQueryResults), in
// pages (pageToken), without `rows` when empty, and with every value as a string in rows[].f[].v.
import type { CellValue } from "../core/types";

interface Field {
  name: string;
  type: string;
}

interface QueryResponse {
  jobComplete: boolean;
  jobReference: { projectId: string; jobId: string; location?: string };
  schema?: { fields: Field[] };
  rows?: { f: { v: string | null }[] }[];
  totalRows?: string;
  pageToken?: string;
}

interface PageRequest {
  pageToken?: string;
  timeoutMs?: number;
  location?: string;
}

interface BigQueryAdvancedService {
  Jobs: {
    query(request: object, projectId: string): QueryResponse;
    getQueryResults(projectId: string, jobId: string, optional: PageRequest): QueryResponse;
  };
}

declare const BigQuery: BigQueryAdvancedService | undefined;

/** A failure with what to do about it, for the sidebar. */
export class BigQueryError extends Error {}

export const NOT_ENABLED =
  "This deployment of Leadscore has no BigQuery access. Fix: deploy the BigQuery flavour (npm run build -- --bigquery, then clasp push: it enables the BigQuery advanced service and its scope; see README, BigQuery).";

/** Whether this deployment has the BigQuery advanced service. */
export function bigQueryEnabled(): boolean {
  return typeof BigQuery !== "undefined";
}

function service(): BigQueryAdvancedService {
  if (typeof BigQuery === "undefined") throw new BigQueryError(NOT_ENABLED);
  return BigQuery;
}

/** The fix for an API error, by what its message says. */
function fixFor(message: string): string {
  if (/Not found: Dataset/.test(message))
    return "Check the BigQuery project and dataset in the sidebar's BigQuery section (Settings: BigQuery project, BigQuery dataset), or create the dataset in BigQuery.";
  if (/Not found: Table/.test(message))
    return "Check the table names in the sidebar's BigQuery section (Settings: BigQuery leads table, BigQuery activities table), or load the table into the dataset.";
  if (/Specified permissions are not sufficient/.test(message)) return NOT_ENABLED.replace(/^.*?Fix: /, "");
  if (/has not been used in project|is disabled|SERVICE_DISABLED/.test(message))
    return "Enable the BigQuery API for the project in the Google Cloud console (APIs & Services), then try again.";
  if (/Access Denied|permission/i.test(message))
    return "Ask the project's owner for the BigQuery Job User and Data Viewer roles, or choose a project you can run queries in.";
  return "Open the query in the BigQuery console (Copy SQL) to see where it fails.";
}

/** Runs a service call; an API error becomes a BigQueryError naming what failed and the fix. */
function calling<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (e) {
    if (e instanceof BigQueryError) throw e;
    // Read the message by duck typing: the service's error need not be an Error of this realm.
    const raw = typeof (e as Error)?.message === "string" ? (e as Error).message : String(e);
    const message = raw.replace(/^API call to [\w.]+ failed with error: /, "");
    throw new BigQueryError(`BigQuery could not ${what}: ${message} Fix: ${fixFor(message)}`);
  }
}

export interface QueryResult {
  columns: string[];
  rows: CellValue[][];
  jobId: string;
}

/** A REST cell as a sheet value: numbers as numbers, booleans as booleans, NULL as a blank. */
function cellOf(v: string | null, type: string): CellValue {
  if (v === null) return "";
  if (type === "INTEGER" || type === "INT64" || type === "FLOAT" || type === "FLOAT64" || type === "NUMERIC")
    return Number(v);
  if (type === "BOOLEAN" || type === "BOOL") return v === "true";
  return v;
}

/**
 * Runs a GoogleSQL query in `project` and returns all its rows, waiting for the job while it runs, up to
 * `budgetMs` (Apps Script stops an execution at 6 minutes).
 */
export function runQuery(project: string, sql: string, budgetMs: number): QueryResult {
  const bq = service();
  const started = Date.now();
  let response = calling("run the query", () =>
    bq.Jobs.query({ query: sql, useLegacySql: false, timeoutMs: 10_000 }, project),
  );
  const { jobId, location } = response.jobReference;
  while (!response.jobComplete) {
    if (Date.now() - started > budgetMs) {
      throw new BigQueryError(
        `BigQuery is still running the query (job ${jobId}) after ${Math.round(budgetMs / 60_000)} minutes. Fix: run it as a scheduled query (Copy SQL) and open its results table in Connected Sheets.`,
      );
    }
    response = calling("wait for the query", () =>
      bq.Jobs.getQueryResults(project, jobId, { timeoutMs: 10_000, location }),
    );
  }
  const fields = response.schema?.fields ?? [];
  const rows: CellValue[][] = [];
  for (;;) {
    for (const row of response.rows ?? []) rows.push(row.f.map((c, i) => cellOf(c.v, fields[i]?.type ?? "")));
    const pageToken = response.pageToken;
    if (!pageToken) break;
    response = calling("read the query's results", () =>
      bq.Jobs.getQueryResults(project, jobId, { pageToken, location }),
    );
  }
  return { columns: fields.map((f) => f.name), rows, jobId };
}
