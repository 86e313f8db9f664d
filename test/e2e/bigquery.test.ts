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
    // Best first (the compiler's order: Score descending, then the key), and nothing better left out.
    const keys = out.slice(1).map((r) => String(r[0]));
    for (let i = 1; i < keys.length; i++) {
      if (scores[i] === scores[i - 1]) expect(keys[i] > keys[i - 1], keys[i]).toBe(true);
    }
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const all = [...engine.values()].map((o) => o.Score as number).sort((a, b) => b - a);
    expect(scores).toEqual(all.slice(0, top));
  });

  it("reads the columns as Settings' Column | BigQuery column table maps them", () => {
    const tabs = demoTabs();
    const leads = tab(tabs, TAB.leads)!;
    const acts = tab(tabs, TAB.activities)!;
    // The BigQuery tables name the key email_address and contact_email; the tabs still say Email.
    const renamed = (grid: CellValue[][], to: string) => [
      grid[0].map((h) => (h === "Email" ? to : h)),
      ...grid.slice(1),
    ];
    const settings = tab(tabs, TAB.settings)!;
    const width = Math.max(...settings.map((r) => r.length));
    const mapping = [
      ["Column", "BigQuery column", "Tab"],
      ["Email", "email_address", "Leads"],
      ["Email", "contact_email", "Activity Log"],
    ];
    while (settings.length < mapping.length) settings.push([]);
    settings.forEach((r, i) => {
      r.push(...Array(width - r.length).fill(""), "", ...(mapping[i] ?? ["", "", ""]));
    });
    const { runtime, script } = start(tabs, {
      bigquery: {
        tables: {
          "acme-leads.leadscore.leads": { rows: renamed(leads, "email_address") },
          "acme-leads.leadscore.activities": { rows: renamed(acts, "contact_email") },
        },
      },
    });
    script.call("saveBigQueryTables", TABLES);
    const sql = script.call("getBigQuerySql") as BigQuerySql;
    expect(sql.columns).toContainEqual({ tab: TAB.leads, header: "Email", column: "email_address" });
    expect(sql.columns).toContainEqual({ tab: TAB.activities, header: "Email", column: "contact_email" });
    const run = script.call("scoreInBigQuery", { top: 5 }) as BigQueryRun;
    expect(run.written).toBe(5);
    // The tab speaks the sheet's names, and the scores are the engine's.
    const out = runtime.values("BigQuery Scores");
    expect(out[0][0]).toBe("Email");
    const engine = [...engineOutputs(inputOf(tabs), DEFAULT_END).values()].map((o) => o.Score as number);
    expect(out.slice(1).map((r) => r[1])).toEqual(engine.sort((a, b) => b - a).slice(0, 5));
  });

  it("refuses to run what the query cannot score as the sheet does, naming the Settings row", () => {
    const tabs = demoTabs();
    const settings = tab(tabs, TAB.settings)!;
    const at = settings.findIndex((r) => r[0] === "Date format");
    expect(at).toBeGreaterThan(0);
    settings[at][1] = "US";
    const { runtime, script } = start(tabs);
    script.call("saveBigQueryTables", TABLES);
    expect(error(() => script.call("scoreInBigQuery", { top: 10 }))).toMatch(
      new RegExp(`nothing ran:\\nSettings row ${at + 1}, column Value: Date format is US`),
    );
    expect(runtime.calls.count("BigQuery.Jobs.query")).toBe(0);
    expect(runtime.sheetNames()).not.toContain("BigQuery Scores");
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
      /^BigQuery could not run the query: Not found: Dataset acme-leads:nope was not found in location US Fix: Check the BigQuery project and dataset/,
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
    const saved = script.call("saveBigQueryTables", { ...TABLES, leadsTable: "" }) as BigQuerySection;
    // Blank is the compiler's default, and the section says what it resolved to.
    expect(saved).toEqual({
      ...TABLES,
      leadsTable: "",
      enabled: true,
      reads: { leadsTable: "acme-leads.leadscore.leads", activitiesTable: "acme-leads.leadscore.activities" },
    });
    const row = (name: string) => runtime.values(TAB.settings).find((r) => r[0] === name)?.[1] ?? "";
    expect([row("BigQuery project"), row("BigQuery dataset"), row("BigQuery leads table")]).toEqual([
      "acme-leads",
      "leadscore",
      "",
    ]);
    // The Settings rows' own readers (known-settings), with their fixes.
    expect(error(() => script.call("saveBigQueryTables", { ...TABLES, project: "My Project" }))).toMatch(
      /^BigQuery project "My Project" is not a BigQuery name\. Fix: Enter the project ID/,
    );
    expect(error(() => script.call("saveBigQueryTables", { ...TABLES, leadsTable: "a.b" }))).toMatch(
      /^BigQuery leads table "a\.b" is not a BigQuery name\. Fix: Use letters/,
    );
    expect(error(() => script.call("saveBigQueryTables", { ...TABLES, dataset: "" }))).toMatch(
      /^BigQuery project "acme-leads" is set but BigQuery dataset is blank\. Fix:/,
    );
    expect([row("BigQuery dataset"), row("BigQuery leads table")]).toEqual(["leadscore", ""]);
  });

  it("gives the SQL for a scheduled query, with the tables' own columns", () => {
    const { script } = start(demoTabs());
    script.call("saveBigQueryTables", TABLES);
    const got = script.call("getBigQuerySql") as BigQuerySql;
    expect(got.columns).toContainEqual({ tab: TAB.leads, header: "Email", column: "Email" });
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
    // Blank Settings: the compiler's default tables, in the job's project and default dataset.
    expect(sql.sql).toContain("`leads`");
    expect(sql.sql).toContain("`activities`");
    expect(runtime.calls.count("BigQuery.Jobs.query")).toBe(0);
  });
});
