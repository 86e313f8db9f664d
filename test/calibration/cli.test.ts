import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { command as calibrateCommand } from "../../src/cli/commands/calibrate";
import { command as fitCommand } from "../../src/cli/commands/fit";
import { main } from "../../src/cli/main";
import { loadWorkbook } from "../../src/cli/workbook";
import { scoreWorkbook } from "../../src/core";
import { toCsv } from "../../src/local/workbook";
import { AS_OF, knownTruth } from "./helpers";

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

describe("leadscore fit / calibrate", async () => {
  const dir = await mkdtemp(join(tmpdir(), "leadscore-fit-"));
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const { input } = knownTruth(2000);
  await writeFile(join(dir, "Leads.csv"), toCsv(input.leads));
  await writeFile(join(dir, "Settings.csv"), toCsv(input.settings!));

  it("fits a folder holding only Leads.csv and Settings.csv; the matrix scores with no problems", async () => {
    const t = io();
    const code = await fitCommand.run(
      [dir, "--outcome", "Converted", "--out", join(dir, "Scoring Matrix.csv")],
      t.io,
    );
    expect(code).toBe(0);
    expect(t.out.join("\n")).toMatch(/Held-out AUC/);
    const csv = await readFile(join(dir, "Scoring Matrix.csv"), "utf8");
    expect(csv.split("\n")[0]).toBe(
      "Active,Group,Rule,Source,Event,Field,Operator,Value,Points,Max Count,Within Days,Half-life Days",
    );
    const wb = await loadWorkbook(dir);
    const run = scoreWorkbook(wb.input, { asOf: AS_OF, timeZone: "UTC" });
    expect(run.problems).toEqual([]);
    expect(run.leads).toHaveLength(2000);
  });

  it("fit --progress names each long step on stderr, in order", async () => {
    const t = io();
    expect(await fitCommand.run([dir, "--outcome", "Converted", "--progress"], t.io)).toBe(0);
    const steps = t.err.map((line) => line.replace(/^\[\d+\.\d s\] /, ""));
    const at = (prefix: string) => steps.findIndex((s) => s.startsWith(prefix));
    const order = [
      "Reading ",
      "Fitting point values on 2,000 leads",
      "Cross-validating the penalty…",
      "Fitting on ",
      "Scoring ",
      "Refitting on all 2,000 labelled leads…",
      "Fitted.",
    ].map(at);
    expect(
      order.every((i) => i >= 0),
      steps.join("\n"),
    ).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("calibrate --json prints the report with the contract's keys", async () => {
    const t = io();
    const code = await calibrateCommand.run(
      [dir, "--outcome", "Converted", "--json", "--as-of", "2025-06-01"],
      t.io,
    );
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join(""));
    for (const k of ["auc", "base_rate", "by_tier", "by_decile", "suggested_thresholds", "rules"])
      expect(report).toHaveProperty(k);
    expect(report.auc).toBeGreaterThan(0.7);
    const text = io();
    await calibrateCommand.run([dir], text.io);
    expect(text.out.join("\n")).toMatch(/ROC AUC/);
  });

  it("fails cleanly on a missing outcome column", async () => {
    const t = io();
    // Commands throw; main maps the error to the exit code.
    expect(await main(["fit", dir, "--outcome", "Nope"], t.io)).toBe(1);
    expect(t.err.join("")).toMatch(/Nope/);
  });

  it("words the fix with the command's own options", async () => {
    const fit = io();
    expect(await main(["fit", dir, "--outcome", "Nope"], fit.io)).toBe(1);
    expect(fit.err.join("")).toBe(
      'leadscore fit: Leads has no "Nope" column for the outcome. Name the outcome column with --outcome, or set Outcome column in Settings.',
    );
    const cal = io();
    expect(await main(["calibrate", dir, "--backtest", "created-plus"], cal.io)).toBe(1);
    expect(cal.err.join("")).toMatch(/needs a "Created" column on Leads\. .*another --backtest mode/);
  });
  it("fit writes a planted AND pair as a rule with Only If, and --no-interactions leaves it out", async () => {
    const pairs = join(dir, "pairs");
    const planted = knownTruth(3000, 11, 3);
    await mkdir(pairs);
    await writeFile(join(pairs, "Leads.csv"), toCsv(planted.input.leads));
    await writeFile(join(pairs, "Settings.csv"), toCsv(planted.input.settings!));
    const on = io();
    expect(await fitCommand.run([pairs], on.io)).toBe(0);
    expect(on.out.join("\n")).toMatch(
      /Interactions \(Only If\): .*Title = Manager.*|Interactions \(Only If\): .*Source = Webinar/,
    );
    expect(on.out.join("\n")).toMatch(/^Active,.*,Only If$/m);
    const off = io();
    expect(await fitCommand.run([pairs, "--no-interactions", "--json"], off.io)).toBe(0);
    expect(JSON.parse(off.out.join("\n")).interactions).toEqual([]);
  });
});
