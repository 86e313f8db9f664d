// The BigQuery advanced service (reference: developers.google.com/apps-script/advanced/bigquery; it takes
// the REST API's objects: docs.cloud.google.com/bigquery/docs/reference/rest/v2/jobs/query and
// .../jobs/getQueryResults, .../tables/get), backed by DuckDB. Modelled: Jobs.query(request, projectId)
// and Jobs.getQueryResults(projectId, jobId, {pageToken, startIndex, maxResults, timeoutMs}) with
// jobComplete, totalRows as a string, rows as {f: [{v}]} with string values (rows left out when there are
// none), pageToken while rows remain (a page holds at most maxResults rows and at most 10 MB); NAMED query
// parameters; Tables.get with the table's schema; errors as Apps Script raises them for advanced services
// ("API call to bigquery.jobs.query failed with error: Not found: Table p:d.t was not found in location
// US", with details.code). The query is GoogleSQL (useLegacySql: false), rewritten for DuckDB by
// googlesql.ts.
// _local_: legacy SQL (the API's default when useLegacySql is not false) is refused with a message
// saying so; the tables are the runtime's (option bigquery.tables), all columns STRING, the way a CSV
// loads with every column as text; `pageRows` and `pendingResponses` let tests force paging and jobs that
// are still running; DuckDB's own message is given for a query outside the subset.
import type { CellValue } from "../../../core/types";
import type { Clock } from "../clock";
import type { Env } from "../env";
import { type Manifest, requireScope } from "../manifest";
import { GoogleSqlError, toDuckDb } from "./googlesql";
import type { BigQueryOptions } from "./options";
import { type FieldSchema, schemaOf, type TableRow, toRows } from "./rows";
import { SyncDuckDb } from "./sync-duckdb";

const SCOPES = [
  "https://www.googleapis.com/auth/bigquery",
  "https://www.googleapis.com/auth/cloud-platform",
  "https://www.googleapis.com/auth/bigquery.readonly",
  "https://www.googleapis.com/auth/cloud-platform.read-only",
];

/** The JSON response size BigQuery pages at (jobs.query: "the maximum response size is 10 MB"). */
const PAGE_BYTES = 10 * 1024 * 1024;
/** How long jobs.query and getQueryResults wait for a job by default (timeoutMs). */
const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_WAIT_MS = 200_000;

interface PageRequest {
  pageToken?: string;
  startIndex?: string | number;
  maxResults?: number;
  timeoutMs?: number;
}

interface QueryParameter {
  name?: string;
  parameterType?: { type?: string };
  parameterValue?: { value?: string | null };
}

export interface QueryRequest {
  query?: string;
  useLegacySql?: boolean;
  maxResults?: number;
  timeoutMs?: number;
  parameterMode?: string;
  queryParameters?: QueryParameter[];
  defaultDataset?: { projectId?: string; datasetId?: string };
  location?: string;
}

interface Job {
  projectId: string;
  jobId: string;
  schema: FieldSchema[];
  rows: TableRow[];
  pending: number;
}

/** An advanced-service failure: Apps Script's GoogleJsonResponseException, with the API's error. */
class ApiError extends Error {
  readonly details: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string }[];
  };
  constructor(method: string, code: number, reason: string, message: string) {
    super(`API call to bigquery.${method} failed with error: ${message}`);
    this.name = "GoogleJsonResponseException";
    this.details = { code, message, errors: [{ message, domain: "global", reason }] };
  }
}

/** A cell as a table loaded from the sheet's CSV export holds it: text, dates as ISO 8601, blanks NULL. */
export function tableText(v: CellValue): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return v.toISOString();
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

/** NAMED query parameters as DuckDB literals (reference: rest/v2/QueryParameter). */
function parameterLiterals(method: string, request: QueryRequest): Map<string, string> {
  const params = new Map<string, string>();
  if (!request.queryParameters?.length) return params;
  if (request.parameterMode !== "NAMED") {
    throw new ApiError(method, 400, "invalid", "_local_: only NAMED query parameters are modelled.");
  }
  const types: Record<string, string> = {
    STRING: "VARCHAR",
    INT64: "BIGINT",
    FLOAT64: "DOUBLE",
    BOOL: "BOOLEAN",
    TIMESTAMP: "TIMESTAMPTZ",
    DATE: "DATE",
  };
  for (const p of request.queryParameters) {
    const type = types[p.parameterType?.type ?? ""];
    if (!p.name || !type) {
      throw new ApiError(method, 400, "invalid", `Unsupported query parameter ${JSON.stringify(p)}.`);
    }
    const v = p.parameterValue?.value;
    const literal = v === null || v === undefined ? "NULL" : `'${v.replace(/'/g, "''")}'`;
    params.set(p.name.toLowerCase(), `CAST(${literal} AS ${type})`);
  }
  return params;
}

export class BigQueryState {
  private readonly db = new SyncDuckDb();
  private loaded = false;
  private readonly jobs = new Map<string, Job>();
  private nextJob = 1;
  readonly location: string;

  constructor(
    private readonly options: BigQueryOptions,
    private readonly clock: Clock,
    private readonly manifest: Manifest | undefined,
  ) {
    this.location = options.location ?? "US";
  }

  /** Ends the DuckDB worker. */
  close(): void {
    this.db.close();
  }

  private tableKeys(): string[] {
    return Object.keys(this.options.tables);
  }

  private hasProject(projectId: string): boolean {
    return this.tableKeys().some((k) => k.startsWith(`${projectId}.`));
  }

  /** The DuckDB name of a table, or BigQuery's not-found error for its dataset or for the table. */
  private table(method: string, projectId: string, datasetId: string, tableId: string): string {
    const key = `${projectId}.${datasetId}.${tableId}`;
    if (!this.tableKeys().some((k) => k.startsWith(`${projectId}.${datasetId}.`))) {
      throw new ApiError(
        method,
        404,
        "notFound",
        `Not found: Dataset ${projectId}:${datasetId} was not found in location ${this.location}`,
      );
    }
    if (!(key in this.options.tables)) {
      throw new ApiError(
        method,
        404,
        "notFound",
        `Not found: Table ${projectId}:${datasetId}.${tableId} was not found in location ${this.location}`,
      );
    }
    this.load();
    return key;
  }

  private load(): void {
    if (this.loaded) return;
    for (const [name, source] of Object.entries(this.options.tables)) {
      if ("csv" in source) this.db.load({ name, csv: source.csv });
      else {
        const [header = [], ...body] = source.rows;
        this.db.load({
          name,
          columns: header.map((h) => String(h)),
          rows: body.map((r) => header.map((_, i) => tableText(r[i] ?? ""))),
        });
      }
    }
    this.loaded = true;
  }

  private checkCall(call: string, method: string, projectId: string): void {
    requireScope(this.manifest, call, SCOPES);
    if (!projectId || !this.hasProject(projectId)) {
      throw new ApiError(
        method,
        403,
        "accessDenied",
        `Access Denied: Project ${projectId}: User does not have bigquery.jobs.create permission in project ${projectId}.`,
      );
    }
  }

  query(request: QueryRequest, projectId: string): object {
    const method = "jobs.query";
    this.checkCall("BigQuery.Jobs.query", method, projectId);
    if (!request?.query) throw new ApiError(method, 400, "invalid", "Required parameter is missing: query");
    if (request.useLegacySql !== false) {
      throw new ApiError(
        method,
        400,
        "invalidQuery",
        "_local_: legacy SQL is not modelled. The API runs legacy SQL unless the request says useLegacySql: false.",
      );
    }
    const resolve = (parts: string[]): string => {
      const dflt = request.defaultDataset;
      if (parts.length === 3) return this.table(method, parts[0], parts[1], parts[2]);
      if (parts.length === 2) return this.table(method, projectId, parts[0], parts[1]);
      if (parts.length === 1 && dflt?.datasetId) {
        return this.table(method, dflt.projectId ?? projectId, dflt.datasetId, parts[0]);
      }
      throw new ApiError(
        method,
        400,
        "invalidQuery",
        `Table "${parts.join(".")}" must be qualified with a dataset (e.g. dataset.table).`,
      );
    };
    let sql: string;
    try {
      sql = toDuckDb(request.query, resolve, parameterLiterals(method, request)).sql;
    } catch (e) {
      if (e instanceof GoogleSqlError) throw new ApiError(method, 400, "invalidQuery", e.message);
      throw e;
    }
    let result: ReturnType<SyncDuckDb["query"]>;
    try {
      result = this.db.query(sql);
    } catch (e) {
      throw new ApiError(method, 400, "invalidQuery", `_local_ (DuckDB): ${(e as Error).message}`);
    }
    const schema = schemaOf(result.columns);
    const job: Job = {
      projectId,
      jobId: `job_local_${this.nextJob++}`,
      schema,
      rows: toRows(result.rows, schema),
      pending: this.options.pendingResponses ?? 0,
    };
    this.jobs.set(job.jobId, job);
    return this.respond("bigquery#queryResponse", job, 0, request.maxResults, request.timeoutMs);
  }

  getQueryResults(projectId: string, jobId: string, optional: PageRequest = {}): object {
    const method = "jobs.getQueryResults";
    this.checkCall("BigQuery.Jobs.getQueryResults", method, projectId);
    const job = this.jobs.get(jobId);
    if (!job || job.projectId !== projectId) {
      throw new ApiError(method, 404, "notFound", `Not found: Job ${projectId}:${jobId}`);
    }
    const start =
      optional.pageToken !== undefined
        ? pageOffset(method, optional.pageToken)
        : Number(optional.startIndex ?? 0);
    return this.respond(
      "bigquery#getQueryResultsResponse",
      job,
      start,
      optional.maxResults,
      optional.timeoutMs,
    );
  }

  getTable(projectId: string, datasetId: string, tableId: string): object {
    const method = "tables.get";
    requireScope(this.manifest, "BigQuery.Tables.get", SCOPES);
    const name = this.table(method, projectId, datasetId, tableId);
    const columns = this.db.query(`DESCRIBE "${name.replace(/"/g, '""')}"`);
    const count = this.db.query(`SELECT COUNT(*) FROM "${name.replace(/"/g, '""')}"`);
    return {
      kind: "bigquery#table",
      id: `${projectId}:${datasetId}.${tableId}`,
      tableReference: { projectId, datasetId, tableId },
      type: "TABLE",
      location: this.location,
      numRows: String(count.rows[0][0]),
      schema: {
        fields: schemaOf(columns.rows.map(([name, type]) => ({ name: String(name), type: String(type) }))),
      },
    };
  }

  private respond(kind: string, job: Job, start: number, maxResults?: number, timeoutMs?: number): object {
    const reference = { projectId: job.projectId, jobId: job.jobId, location: this.location };
    if (job.pending > 0) {
      // A job still running: the call waited its timeout and returns without results.
      job.pending--;
      // (The API may return sooner than a long timeoutMs: "typically … after around 200 seconds".)
      this.clock.advance(Math.min(timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_WAIT_MS));
      return { kind, jobReference: reference, jobComplete: false };
    }
    const limit = Math.min(
      maxResults ?? Number.POSITIVE_INFINITY,
      this.options.pageRows ?? Number.POSITIVE_INFINITY,
    );
    let end = start;
    let bytes = 0;
    while (end < job.rows.length && end - start < limit) {
      bytes += JSON.stringify(job.rows[end]).length;
      if (bytes > PAGE_BYTES && end > start) break;
      end++;
    }
    const page = job.rows.slice(start, end);
    return {
      kind,
      schema: { fields: job.schema },
      jobReference: reference,
      totalRows: String(job.rows.length),
      ...(page.length ? { rows: page } : {}),
      ...(end < job.rows.length ? { pageToken: pageToken(end) } : {}),
      jobComplete: true,
      totalBytesProcessed: "0",
      cacheHit: false,
    };
  }
}

// Page tokens are opaque to clients; here they hold the next row's offset.
const pageToken = (offset: number) => Buffer.from(`page:${offset}`).toString("base64");

function pageOffset(method: string, token: string): number {
  const m = /^page:(\d+)$/.exec(Buffer.from(token, "base64").toString());
  if (!m) throw new ApiError(method, 400, "invalid", "Invalid page token.");
  return Number(m[1]);
}

/** The service global, as a script sees it: BigQuery.Jobs and BigQuery.Tables, counted, answers in its realm. */
export function bigQueryService(state: BigQueryState, env: Env, symbol: string) {
  const out = <T>(v: T): T => env.realm.plain(v);
  return {
    Jobs: env.wrap(
      {
        query: (request: QueryRequest, projectId: string) => out(state.query(request, projectId)),
        getQueryResults: (projectId: string, jobId: string, optional?: PageRequest) =>
          out(state.getQueryResults(projectId, jobId, optional)),
      },
      `${symbol}.Jobs`,
    ),
    Tables: env.wrap(
      {
        get: (projectId: string, datasetId: string, tableId: string) =>
          out(state.getTable(projectId, datasetId, tableId)),
      },
      `${symbol}.Tables`,
    ),
  };
}
