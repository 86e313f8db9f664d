// Score in BigQuery now, end to end: the built add-on (dist/Code.js) calls the BigQuery advanced service,
// which the local runtime backs with DuckDB holding the demo's Leads and Activity Log as
// acme-leads.leadscore.leads / .activities. The BigQuery Scores tab must hold, lead by lead, what the
// engine computes for the same workbook; and a deployment without the service says how to turn it on.
import { afterEach, describe, expect, it } from "vitest";
import { manifest } from "../../scripts/manifest.mjs";
import type { BigQueryRun, BigQuerySection, BigQuerySql } from "../../src/contract";
import { cellText } from "../../src/core";
import { findColumn } from "../../src/core/headers";
import { type CellValue, TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import type { BigQueryOptions, LocalRuntime, LocalRuntimeOptions, TabValues } from "../../src/local/gas";
import { demoTabs, engineOutputs, inputOf, loadAddon, plain, tab } from "./helpers";

const TABLES = {
  project: "acme-leads",
  dataset: "leadscore",
  leadsTable: "leads",
  activitiesTable: "activities",
};

const runtimes: LocalRuntime[] = [];
afterEach(() => {
  for (const rt of runtimes.splice(0)) rt.bigquery?.close();
});

function bigQueryOf(tabs: TabValues[], extra: Partial<BigQueryOptions> = {}): BigQueryOptions {
  return {
    tables: {
      "acme-leads.leadscore.leads": { rows: tab(tabs, TAB.leads)! },
      "acme-leads.leadscore.activities": { rows: tab(tabs, TAB.activities)! },
    },
    ...extra,
  };
}

function start(tabs: TabValues[], options: LocalRuntimeOptions = {}) {
  const addon = loadAddon(tabs, { manifest: manifest("bigquery"), bigquery: bigQueryOf(tabs), ...options });
  runtimes.push(addon.runtime);
  return addon;
}

const error = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a failure");
};

describe("Score in BigQuery now", () => {
  it("brings back the top leads with the engine's scores, lead by lead, across polls and pages", () => {
    const tabs = demoTabs();
    // One "still running" answer and pages of 37 rows: the add-on must poll, then follow every pageToken.
    const { runtime, script } = start(tabs, {
      bigquery: bigQueryOf(tabs, { pageRows: 37, pendingResponses: 1 }),
    });
    script.call("saveBigQueryTables", TABLES);
    const leads = tab(tabs, TAB.leads)!;
    const keyCol = findColumn(leads[0], "Email");
    const keyed = leads.slice(1).filter((r) => cellText(r[keyCol]) !== "");
    const top = Math.floor(keyed.length / 2);

    runtime.calls.reset();
    const run = script.call("scoreInBigQuery", { top }) as BigQueryRun;
    expect(run).toMatchObject({ tab: "BigQuery Scores", written: top, scored: keyed.length });
    expect(runtime.calls.count("BigQuery.Jobs.query")).toBe(1);
    expect(runtime.calls.count("BigQuery.Jobs.getQueryResults")).toBe(1 + Math.ceil(top / 37) - 1);
    expect(runtime.calls.count("Range.setValues")).toBe(1);

    const out = runtime.values("BigQuery Scores");
    const engine = engineOutputs(inputOf(tabs), DEFAULT_END);
    const headers = Object.keys(engine.values().next().value!).filter((h) => h !== "Scored At");
    expect(out[0]).toEqual(["Email", ...headers]);
    expect(out).toHaveLength(top + 1);
    const rowOf = new Map(leads.map((r, i) => [cellText(r[keyCol]).toLowerCase(), i + 1]));
    const scores: number[] = [];
    for (const row of out.slice(1)) {
      const expected = engine.get(rowOf.get(String(row[0]).toLowerCase())!)!;
      const got = Object.fromEntries(headers.map((h, i) => [h, row[i + 1]]));
      expect(got, String(row[0])).toEqual(Object.fromEntries(headers.map((h) => [h, plain(expected[h])])));
      scores.push(row[1] as number);
    }
    // Best first, and nothing better left out.
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const all = [...engine.values()].map((o) => o.Score as number).sort((a, b) => b - a);
    expect(scores).toEqual(all.slice(0, top));
  });

  it("writes lead text as text, never as a formula", () => {
    const tabs = demoTabs();
    const leads = tab(tabs, TAB.leads)!;
    const keyCol = findColumn(leads[0], "Email");
    leads[1][keyCol] = '=HYPERLINK("http://evil.example","x")@a.co';
    const { runtime, script } = start(tabs);
    script.call("saveBigQueryTables", TABLES);
    script.call("scoreInBigQuery", { top: leads.length });
    const out = runtime.values("BigQuery Scores");
    expect(out.map((r) => r[0])).toContain(leads[1][keyCol]);
    expect(
      runtime
        .inspect("BigQuery Scores")
        .formulas.flat()
        .filter((f: CellValue) => f !== ""),
    ).toEqual([]);
  });

  it("names a missing dataset or table with the fix, and writes nothing", () => {
    const tabs = demoTabs();
    const { runtime, script } = start(tabs);
    script.call("saveBigQueryTables", { ...TABLES, dataset: "nope" });
    expect(error(() => script.call("scoreInBigQuery", { top: 10 }))).toMatch(
      /^BigQuery could not read the table acme-leads\.nope\.leads: Not found: Dataset acme-leads:nope was not found in location US Fix: Check the BigQuery project and dataset/,
    );
    script.call("saveBigQueryTables", { ...TABLES, activitiesTable: "events" });
    expect(error(() => script.call("scoreInBigQuery", { top: 10 }))).toMatch(
      /Not found: Table acme-leads:leadscore\.events .* Fix: Check the table names/,
    );
    expect(runtime.sheetNames()).not.toContain("BigQuery Scores");
  });

  it("stops waiting for a job that runs on, with the job named and what to do instead", () => {
    const tabs = demoTabs();
    const { runtime, script } = start(tabs, { bigquery: bigQueryOf(tabs, { pendingResponses: 1000 }) });
    script.call("saveBigQueryTables", TABLES);
    const t0 = runtime.clock.now();
    expect(error(() => script.call("scoreInBigQuery", { top: 10 }))).toMatch(
      /^BigQuery is still running the query \(job \S+\) after 4 minutes\. Fix: run it as a scheduled query \(Copy SQL\)/,
    );
    // Within Apps Script's 6-minute limit, and nothing written.
    expect(runtime.clock.now() - t0).toBeLessThan(6 * 60_000);
    expect(runtime.sheetNames()).not.toContain("BigQuery Scores");
  });

  it("keeps the BigQuery rows in Settings as text, and refuses names BigQuery would not take", () => {
    const { runtime, script } = start(demoTabs());
    const saved = script.call("saveBigQueryTables", { ...TABLES, activitiesTable: "" }) as BigQuerySection;
    expect(saved).toEqual({ ...TABLES, activitiesTable: "", enabled: true });
    const settings = runtime.values(TAB.settings);
    const row = (name: string) => settings.find((r) => r[0] === name)?.[1];
    expect([row("BigQuery project"), row("BigQuery dataset"), row("BigQuery activities table")]).toEqual([
      "acme-leads",
      "leadscore",
      "none",
    ]);
    expect(error(() => script.call("saveBigQueryTables", { ...TABLES, project: "My Project" }))).toMatch(
      /not a Google Cloud project ID\. Fix:/,
    );
    expect(error(() => script.call("saveBigQueryTables", { ...TABLES, leadsTable: "a.b" }))).toMatch(
      /not a BigQuery table name for the leads/,
    );
  });

  it("gives the SQL for a scheduled query, with the tables' own columns", () => {
    const { script } = start(demoTabs());
    script.call("saveBigQueryTables", TABLES);
    const got = script.call("getBigQuerySql") as BigQuerySql;
    expect(got.columnsFrom).toBe("bigquery");
    expect(got.unsupported).toEqual([]);
    expect(got.sql).toContain("`acme-leads.leadscore.leads`");
    expect(got.sql).toContain("`acme-leads.leadscore.activities`");
  });
});

describe("a deployment without the BigQuery flavour", () => {
  it("has no BigQuery service: the section says so, the run names the fix, Copy SQL still works", () => {
    const { runtime, script } = loadAddon(demoTabs(), { manifest: manifest("default") });
    expect((script.call("getBigQuerySection") as BigQuerySection).enabled).toBe(false);
    expect(error(() => script.call("scoreInBigQuery", { top: 10 }))).toMatch(
      /no BigQuery access\. Fix: deploy the BigQuery flavour \(npm run build -- --bigquery/,
    );
    const sql = script.call("getBigQuerySql") as BigQuerySql;
    expect(sql.columnsFrom).toBe("sheet");
    expect(sql.sql).toContain("`leadscore.leads`");
    expect(runtime.calls.count("BigQuery.Jobs.query")).toBe(0);
  });
});
