// `npm start -- --once`: the main job's summary must match the workbook it scored.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSettings, scoreWorkbook } from "../../src/core";
import { rollUpAccounts } from "../../src/core/accounts";
import { TAB } from "../../src/core/types";
import { DEFAULT_END } from "../../src/demo";
import { readWorkbook } from "../../src/local/workbook";
import { inputOf } from "./helpers";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm start -- --once", () => {
  it("scores the demo workbook through dist/Code.js and prints a summary that matches the engine", async () => {
    const out = execFileSync(process.execPath, ["build/start.js", "--once"], { cwd: root, encoding: "utf8" });
    const tabs = await readWorkbook(`${root}/examples/demo`);
    const input = inputOf(tabs);
    const run = scoreWorkbook(input, { asOf: DEFAULT_END, timeZone: "UTC" });

    expect(out).toContain(`Leads scored: ${run.leads.length}`);
    const tiers = parseSettings(input.settings).settings.tiers;
    const counts = tiers
      .map((t) => `${t.name} ${run.leads.filter((l) => l.tier === t.name).length}`)
      .reverse()
      .join(", ");
    expect(out).toContain(`Tiers: ${counts}`);
    // The demo's Settings has an Engagement Band table: every lead has a Priority, counted per cell.
    const priorities = new Set(run.leads.map((l) => l.priority));
    expect(priorities.has("")).toBe(false);
    const line = out.split("\n").find((l) => l.startsWith("Priority (grade × engagement band): "));
    for (const p of priorities) {
      expect(line).toContain(`${p} ${run.leads.filter((l) => l.priority === p).length}`);
    }

    // The demo's second model, Enterprise, has its own tiers (Settings' Tier table, Model column): counted
    // from its column on Leads as the engine scores them, best tier first.
    const [enterprise] = run.models;
    expect(enterprise.model).toBe("Enterprise");
    const own = parseSettings(input.settings).settings.modelTiers.find(
      (t) => t.model === "Enterprise",
    )!.tiers;
    expect(own.map((t) => t.name)).not.toEqual(tiers.map((t) => t.name));
    const modelCounts = own
      .map((t) => `${t.name} ${enterprise.leads.filter((l) => l.tier === t.name).length}`)
      .reverse()
      .join(", ");
    expect(out).toContain(`Enterprise model tiers: ${modelCounts}`);
    expect(own.every((t) => enterprise.leads.some((l) => l.tier === t.name))).toBe(true);

    const top = [...run.leads].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, 10);
    const lines = out.split("\n").filter((l) => /^\s*\d+\.\s/.test(l));
    expect(lines).toHaveLength(10);
    top.forEach((lead, i) => {
      expect(lines[i]).toContain(`<${lead.key}>`);
      expect(lines[i]).toContain(String(lead.score));
      expect(lines[i]).toContain(lead.reasons);
      expect(lines[i]).toContain(` ${lead.priority} `);
    });
    // The top accounts, as the engine rolls the demo's leads up by Company.
    const accounts = rollUpAccounts(input, run)!;
    expect(out).toContain(`Top accounts (of ${accounts.accounts.length}):`);
    const shown = out.split("\n").slice(out.split("\n").findIndex((l) => l.startsWith("Top accounts")) + 1);
    accounts.accounts.slice(0, 5).forEach((a, i) => {
      expect(shown[i]).toContain(`${a.score}  ${a.tier}`);
      expect(shown[i]).toContain(
        `${a.name} — ${a.rows.length} leads (${a.engagedLeads} engaged), top lead ${a.topLead}`,
      );
    });
    expect(out).toContain(`Problems: ${run.problems.length}`);
    expect(tabs.some((t) => t.name === TAB.leads)).toBe(true);
  });
});

describe("npm start -- --from <export>", () => {
  it("creates a workbook next to the export as init does, scores it, and never overwrites it", () => {
    const dir = mkdtempSync(join(tmpdir(), "leadscore-start-from-"));
    try {
      const from = join(dir, "contacts.csv");
      const text =
        "Email Address;Job Title;Number of Employees\r\nann@acme.com;VP Marketing;450\r\nbo@x.org;Student;3\r\n";
      writeFileSync(from, text);
      const run = () =>
        spawnSync(process.execPath, ["build/start.js", "--from", from, "--once"], {
          cwd: root,
          encoding: "utf8",
        });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      const target = join(dir, "contacts");
      expect(first.stdout).toContain(
        `Created the workbook ${target} around ${from}: 2 leads, key column "Email Address".`,
      );
      expect(first.stdout).toContain(`Leadscore — ${target}`);
      expect(first.stdout).toContain("Leads scored: 2");
      expect(readdirSync(target)).toContain("Scoring Matrix.csv");
      expect(readFileSync(join(target, "Leads.csv"), "utf8")).toBe(text);

      const again = run();
      expect(again.status).toBe(1);
      expect(again.stderr).toContain("already holds a workbook");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("npm start -- --help", () => {
  it("lists every flag", () => {
    const out = execFileSync(process.execPath, ["build/start.js", "--help"], { cwd: root, encoding: "utf8" });
    for (const flag of ["--workbook", "--from", "--as-of", "--tz", "--port", "--once", "--help"])
      expect(out).toContain(flag);
  });
});
