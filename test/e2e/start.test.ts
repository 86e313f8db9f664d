// `npm start -- --once`: the main job's summary must match the workbook it scored.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseSettings, scoreWorkbook } from "../../src/core";
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

    const top = [...run.leads].sort((a, b) => b.score - a.score || a.key.localeCompare(b.key)).slice(0, 10);
    const lines = out.split("\n").filter((l) => /^\s*\d+\.\s/.test(l));
    expect(lines).toHaveLength(10);
    top.forEach((lead, i) => {
      expect(lines[i]).toContain(`<${lead.key}>`);
      expect(lines[i]).toContain(String(lead.score));
      expect(lines[i]).toContain(lead.reasons);
    });
    expect(out).toContain(`Problems: ${run.problems.length}`);
    expect(tabs.some((t) => t.name === TAB.leads)).toBe(true);
  });
});

describe("npm start -- --help", () => {
  it("lists every flag", () => {
    const out = execFileSync(process.execPath, ["build/start.js", "--help"], { cwd: root, encoding: "utf8" });
    for (const flag of ["--workbook", "--as-of", "--tz", "--port", "--once", "--help"])
      expect(out).toContain(flag);
  });
});
