// The runtime's BigQuery advanced service: a global only when the manifest enables it, the REST shapes
// (f/v rows of strings, totalRows, pageToken, jobComplete), errors as Apps Script raises them, and the
// GoogleSQL subset run by DuckDB.
import { afterEach, describe, expect, it } from "vitest";
import { manifest } from "../../scripts/manifest.mjs";
import { LocalRuntime, type LocalRuntimeOptions } from "../../src/local/gas";
import { javaDouble } from "../../src/local/gas/bigquery/rows";

const SCRIPT = `
function query(sql, projectId, extra) {
  return BigQuery.Jobs.query(Object.assign({ query: sql, useLegacySql: false }, extra || {}), projectId || "proj");
}
function results(projectId, jobId, optional) { return BigQuery.Jobs.getQueryResults(projectId, jobId, optional); }
function table(p, d, t) { return BigQuery.Tables.get(p, d, t); }
function kind() { return typeof BigQuery; }
function use() { return BigQuery.Jobs; }
function fails(sql) { try { query(sql); return null; } catch (e) { return { name: e.name, message: e.message, code: e.details && e.details.code }; } }
`;

const PEOPLE = [
  ["name", "n", "note"],
  ["ana", "3", "it's"],
  ["ben", "1.5", ""],
  ["cy", "10000000", "x"],
  ["dee", "-0.25", "y"],
  ["eve", "7", "z"],
];

const runtimes: LocalRuntime[] = [];
afterEach(() => {
  for (const rt of runtimes.splice(0)) rt.bigquery?.close();
});

function load(options: LocalRuntimeOptions = {}) {
  const rt = new LocalRuntime({
    now: new Date("2024-03-01T10:00:00Z"),
    manifest: manifest("bigquery"),
    bigquery: { tables: { "proj.crm.people": { rows: PEOPLE } } },
    ...options,
  });
  runtimes.push(rt);
  return { rt, h: rt.load(SCRIPT) };
}

type Response = {
  jobComplete: boolean;
  totalRows?: string;
  rows?: { f: { v: string | null }[] }[];
  pageToken?: string;
  schema?: { fields: { name: string; type: string }[] };
  jobReference: { projectId: string; jobId: string };
};
const values = (r: Response) => (r.rows ?? []).map((row) => row.f.map((c) => c.v));

describe("BigQuery advanced service", () => {
  it("is no global unless the manifest enables it", () => {
    const { h } = load({ manifest: manifest("default") });
    expect(h.call("kind")).toBe("undefined");
    expect(() => h.call("use")).toThrow(/BigQuery is not defined/);
    expect(load({ manifest: undefined }).h.call("kind")).toBe("undefined");
    expect(load().h.call("kind")).toBe("object");
  });

  it("answers with string values in f/v rows, typed fields and totalRows as text", () => {
    const { h } = load();
    const r = h.call(
      "query",
      "SELECT name, SAFE_CAST(n AS FLOAT64) AS x, CAST(LENGTH(name) AS INT64) AS len, note, n = '3' AS three FROM `proj.crm.people` ORDER BY name",
    ) as Response;
    expect(r.jobComplete).toBe(true);
    expect(r.totalRows).toBe("5");
    expect(r.pageToken).toBeUndefined();
    expect(r.schema?.fields.map((f) => [f.name, f.type])).toEqual([
      ["name", "STRING"],
      ["x", "FLOAT"],
      ["len", "INTEGER"],
      ["note", "STRING"],
      ["three", "BOOLEAN"],
    ]);
    expect(values(r)).toEqual([
      ["ana", "3.0", "3", "it's", "true"],
      ["ben", "1.5", "3", null, "false"],
      ["cy", "1.0E7", "2", "x", "false"],
      ["dee", "-0.25", "3", "y", "false"],
      ["eve", "7.0", "3", "z", "false"],
    ]);
  });

  it("pages by maxResults with pageToken, and leaves rows out of an empty page", () => {
    const { h } = load();
    const first = h.call("query", "SELECT name FROM crm.people ORDER BY name", "proj", {
      maxResults: 2,
    }) as Response;
    expect(values(first)).toEqual([["ana"], ["ben"]]);
    expect(first.totalRows).toBe("5");
    const { projectId, jobId } = first.jobReference;
    const second = h.call("results", projectId, jobId, {
      pageToken: first.pageToken,
      maxResults: 2,
    }) as Response;
    expect(values(second)).toEqual([["cy"], ["dee"]]);
    const last = h.call("results", projectId, jobId, { pageToken: second.pageToken }) as Response;
    expect(values(last)).toEqual([["eve"]]);
    expect(last.pageToken).toBeUndefined();
    const none = h.call("query", "SELECT name FROM crm.people WHERE FALSE") as Response;
    expect(none.totalRows).toBe("0");
    expect("rows" in none).toBe(false);
  });

  it("pages at the runtime's pageRows even without maxResults", () => {
    const { h } = load({ bigquery: { tables: { "proj.crm.people": { rows: PEOPLE } }, pageRows: 3 } });
    const r = h.call("query", "SELECT name FROM crm.people") as Response;
    expect(r.rows).toHaveLength(3);
    expect(r.pageToken).toBeTruthy();
  });

  it("says jobComplete: false while a job runs, each such call taking its timeout", () => {
    const { rt, h } = load({
      bigquery: { tables: { "proj.crm.people": { rows: PEOPLE } }, pendingResponses: 2 },
    });
    const t0 = rt.clock.now();
    const r = h.call("query", "SELECT COUNT(*) AS c FROM crm.people", "proj", {
      timeoutMs: 5000,
    }) as Response;
    expect(r.jobComplete).toBe(false);
    expect(r.rows).toBeUndefined();
    const again = h.call("results", "proj", r.jobReference.jobId, {}) as Response;
    expect(again.jobComplete).toBe(false);
    const done = h.call("results", "proj", r.jobReference.jobId, {}) as Response;
    expect(done.jobComplete).toBe(true);
    expect(values(done)).toEqual([["5"]]);
    expect(rt.clock.now() - t0).toBe(5000 + 10_000);
  });

  it("fails as the API does: missing dataset, missing table, unknown project, legacy SQL", () => {
    const { h } = load();
    expect(h.call("fails", "SELECT 1 FROM proj.nope.people")).toEqual({
      name: "GoogleJsonResponseException",
      message:
        "API call to bigquery.jobs.query failed with error: Not found: Dataset proj:nope was not found in location US",
      code: 404,
    });
    expect(h.call("fails", "SELECT 1 FROM `proj.crm.nope`")).toMatchObject({
      message:
        "API call to bigquery.jobs.query failed with error: Not found: Table proj:crm.nope was not found in location US",
    });
    expect(h.call("fails", "SELECT 1 FROM people")).toMatchObject({
      message: /must be qualified with a dataset/,
    });
    expect(() => h.call("query", "SELECT 1", "other")).toThrow(/Access Denied: Project other/);
    expect(() => h.call("query", "SELECT 1", "proj", { useLegacySql: true })).toThrow(/legacy SQL/);
    expect(() => h.call("table", "proj", "crm", "nope")).toThrow(
      "API call to bigquery.tables.get failed with error: Not found: Table proj:crm.nope was not found in location US",
    );
  });

  it("needs a BigQuery scope when the manifest lists its scopes", () => {
    const narrow = { ...manifest("bigquery"), oauthScopes: manifest("default").oauthScopes };
    const { h } = load({ manifest: narrow });
    expect(() => h.call("query", "SELECT 1")).toThrow(
      "Specified permissions are not sufficient to call BigQuery.Jobs.query. Required permissions: https://www.googleapis.com/auth/bigquery",
    );
  });

  it("refuses BigQuery in a simple trigger (no authorization)", () => {
    const { h } = load();
    expect(() => h.callAs("LIMITED", "query", "SELECT 1")).toThrow(/permission to call BigQuery.Jobs.query/);
  });

  it("describes a table's columns with Tables.get", () => {
    const { h } = load();
    const t = h.call("table", "proj", "crm", "people") as {
      numRows: string;
      schema: { fields: { name: string; type: string }[] };
    };
    expect(t.numRows).toBe("5");
    expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "name:STRING",
      "n:STRING",
      "note:STRING",
    ]);
  });

  it("reads GoogleSQL literals, backtick names and NAMED parameters as data", () => {
    const { h } = load();
    const r = h.call(
      "query",
      "SELECT 'it\\'s' AS a, r'\\d+' AS b, \"tab\\there\" AS `c d`, @who AS who FROM crm.people WHERE name = @who",
      "proj",
      {
        parameterMode: "NAMED",
        queryParameters: [
          { name: "who", parameterType: { type: "STRING" }, parameterValue: { value: "ana'; --" } },
        ],
      },
    ) as Response;
    expect(r.totalRows).toBe("0");
    const s = h.call(
      "query",
      "SELECT 'it\\'s' AS a, r'\\d+' AS b, \"tab\\there\" AS `c d`, @who AS who",
      "proj",
      {
        parameterMode: "NAMED",
        queryParameters: [
          { name: "who", parameterType: { type: "STRING" }, parameterValue: { value: "ana'; --" } },
        ],
      },
    ) as Response;
    expect(s.schema?.fields.map((f) => f.name)).toEqual(["a", "b", "c d", "who"]);
    expect(values(s)).toEqual([["it's", "\\d+", "tab\there", "ana'; --"]]);
  });
});

describe("javaDouble", () => {
  it("writes doubles as Java's Double.toString does", () => {
    expect([0, 1, -3, 1.5, 0.001, 9_999_999, 1e7, 12345678.9, 0.0001, -2.5e-5].map(javaDouble)).toEqual([
      "0.0",
      "1.0",
      "-3.0",
      "1.5",
      "0.001",
      "9999999.0",
      "1.0E7",
      "1.23456789E7",
      "1.0E-4",
      "-2.5E-5",
    ]);
  });
});
