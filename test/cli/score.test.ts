// `leadscore score`: the same numbers as the engine, from a CSV folder or an .xlsx file, printed or written.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadWorkbook } from "../../src/cli/workbook";
import { outputRow, scoreWorkbook } from "../../src/core";
import { ACCOUNT_HEADERS, rollUpAccounts } from "../../src/core/accounts";
import { findColumn } from "../../src/core/headers";
import { parseCsv, readWorkbook, writeWorkbook } from "../../src/local/workbook";
import { isoDateTime } from "../../src/local/workbook/readable-dates";
import { inputOf } from "../e2e/helpers";

const root = fileURLToPath(new URL("../..", import.meta.url));
const demo = join(root, "examples/demo");
const AS_OF = "2026-10-20T08:30:00Z";

function cli(args: string[]) {
  return spawnSync(process.execPath, [join(root, "bin/leadscore.js"), ...args], {
    cwd: root,
    encoding: "utf8",
  });
}

async function expected() {
  const tabs = await readWorkbook(demo);
  const input = inputOf(tabs);
  const run = scoreWorkbook(input, { asOf: new Date(AS_OF), timeZone: "UTC" });
  return { input, run };
}

describe("leadscore score", () => {
  it("prints the Leads table with output columns equal to the engine's", async () => {
    const { input, run } = await expected();
    const result = cli(["score", demo, "--as-of", AS_OF]);
    expect(result.status).toBe(0);
    const table = parseCsv(result.stdout);
    expect(table).toHaveLength(input.leads.length);
    const header = table[0];
    expect(header.slice(0, input.leads[0].length)).toEqual(input.leads[0]);
    for (const lead of run.leads) {
      const row = table[lead.sheetRow - 1];
      const values = outputRow(run, lead);
      run.outputHeaders.forEach((h, i) => {
        const v = values[i];
        const want = v instanceof Date ? isoDateTime(v) : v;
        expect(row[findColumn(header, h)], `${h} of ${lead.key}`).toEqual(want);
      });
    }
    // Problems go to stderr with tab, row, column and fix.
    expect(result.stderr).toMatch(/Activity Log, row \d+, column "Timestamp": .* Fix: /);
  });

  it("writes --accounts as the Accounts tab has it, from CSV or .xlsx", async () => {
    const { input, run } = await expected();
    const rollUp = rollUpAccounts(input, run)!;
    const dir = mkdtempSync(join(tmpdir(), "leadscore-"));
    const csv = join(dir, "accounts.csv");
    const result = cli(["score", demo, "--as-of", AS_OF, "--out", join(dir, "s.csv"), "--accounts", csv]);
    expect(result.status).toBe(0);
    expect(result.stderr).toContain(`${rollUp.accounts.length} accounts → ${csv}`);
    const table = parseCsv(readFileSync(csv, "utf8"));
    expect(table[0]).toEqual([...ACCOUNT_HEADERS]);
    expect(table.slice(1).map((r) => [r[0], r[1], r[5], r[6], r[7], r[8]])).toEqual(
      rollUp.accounts.map((a) => [a.name, a.rows.length, a.score, a.tier, a.topLead, AS_OF]),
    );
    const xlsx = join(dir, "accounts.xlsx");
    expect(
      cli(["score", demo, "--as-of", AS_OF, "--out", join(dir, "s.csv"), "--accounts", xlsx]).status,
    ).toBe(0);
    const sheet = (await readWorkbook(xlsx)).find((t) => t.name === "Accounts")!;
    expect(sheet.values.slice(1).map((r) => r[5])).toEqual(rollUp.accounts.map((a) => a.score));
    // DuckDB writes the same file (accounts roll up the default model).
    const duck = join(dir, "duck.csv");
    const args = ["--as-of", AS_OF, "--out", join(dir, "d.csv"), "--engine", "duckdb", "--accounts", duck];
    expect(cli(["score", demo, ...args]).status).toBe(0);
    expect(readFileSync(duck, "utf8")).toEqual(readFileSync(csv, "utf8"));
  });

  it("reads .xlsx and writes --out", async () => {
    const { run } = await expected();
    const dir = mkdtempSync(join(tmpdir(), "leadscore-"));
    await writeWorkbook(join(dir, "demo.xlsx"), await readWorkbook(demo));
    const out = join(dir, "scored.csv");
    const result = cli(["score", join(dir, "demo.xlsx"), "--as-of", AS_OF, "--out", out]);
    expect(result.status).toBe(0);
    const table = parseCsv(readFileSync(out, "utf8"));
    const score = findColumn(table[0], "Score");
    for (const lead of run.leads) expect(table[lead.sheetRow - 1][score]).toBe(lead.score);
  });

  it("writes every model's columns (Scoring Matrix Model), as --engine duckdb does", async () => {
    // The demo's second model, Enterprise, has Fit rules (the grade group) and the demo has an Engagement
    // Band table: all five of its columns.
    const { run } = await expected();
    const columns = run.models[0].outputHeaders;
    expect(columns).toEqual([
      "Enterprise Score",
      "Enterprise Tier",
      "Enterprise Grade",
      "Enterprise Priority",
      "Enterprise Top Reasons",
    ]);
    expect(run.outputHeaders.slice(-columns.length)).toEqual(columns);
    const result = cli(["score", demo, "--as-of", AS_OF]);
    expect(result.status).toBe(0);
    const table = parseCsv(result.stdout);
    for (const lead of run.leads) {
      const values = outputRow(run, lead);
      for (const h of columns)
        expect(table[lead.sheetRow - 1][findColumn(table[0], h)], `${h} of ${lead.key}`).toEqual(
          values[run.outputHeaders.indexOf(h)],
        );
    }
    // Its own tiers (Settings' Tier table, Model column), each reached by some lead.
    expect(new Set(run.models[0].leads.map((l) => l.tier))).toEqual(
      new Set(["Nurture", "Target account", "Enterprise-ready"]),
    );
    const duck = cli(["score", demo, "--as-of", AS_OF, "--engine", "duckdb"]);
    expect(duck.status).toBe(0);
    expect(duck.stdout).toBe(result.stdout);
  });

  it("finds tabs whatever their case and inner spacing, as the sheet does", async () => {
    const tabs = await readWorkbook(demo);
    const dir = mkdtempSync(join(tmpdir(), "leadscore-"));
    const respelt = tabs.map((t) => ({ ...t, name: ` ${t.name.toUpperCase().replace(/ /g, "   ")} ` }));
    await writeWorkbook(join(dir, "spaced.xlsx"), respelt);
    const { input } = await loadWorkbook(join(dir, "spaced.xlsx"));
    expect(input.activities).toEqual(inputOf(tabs).activities);
    expect(input.matrix).toEqual(inputOf(tabs).matrix);
  });

  it("explains usage errors with exit code 2", () => {
    const result = cli(["score"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("Usage: leadscore score <workbook>");
    expect(cli(["score", demo, "--as-of", "yesterday"]).stderr).toMatch(
      /--as-of "yesterday" is not an ISO 8601 time/,
    );
    expect(
      execFileSync(process.execPath, [join(root, "bin/leadscore.js"), "--help"], { encoding: "utf8" }),
    ).toMatch(/score .*\n.*calibrate .*\n.*fit /);
  });
});
