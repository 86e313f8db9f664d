// CLI benchmark: `leadscore score` on a 100,000-lead × ~1,000,000-activity workbook of CSV files, against
// merely reading the same CSV files and writing a Leads CSV (the floor any CSV tool pays). Both run as
// fresh child processes, so each figure includes Node's start-up, module loading and the JIT warming up.
// Prints both times, their ratio (goal ≤ 3×) and the CLI's peak memory (goal < 1 GB). Figures only.
// Run: npm run build && node build/bench/cli.js (BENCH_LEADS, BENCH_ACTIVITIES_PER_LEAD, BENCH_RUNS).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { TAB } from "../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { readWorkbook, writeCsvFolder, writeCsvTable } from "../src/local/workbook";
import { fmtInt, fmtS, machineState, mainThreadCpuMs, peakRssMb } from "./lib/measure";

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AS_OF = DEFAULT_END.toISOString();

const self = fileURLToPath(import.meta.url);
const cli = fileURLToPath(new URL("../cli.js", import.meta.url)); // build/cli.js next to build/bench/

interface ChildReport {
  wallMs: number;
  cpuMs: number;
  maxRssMb: number;
}

/** Child mode (a): read every CSV tab, write the Leads tab back out. No scoring. */
async function readAndWrite(dir: string, out: string): Promise<void> {
  const tabs = await readWorkbook(dir);
  const leads = tabs.find((t) => t.name === TAB.leads);
  if (!leads) throw new Error(`no ${TAB.leads} tab in ${dir}`);
  await writeCsvTable(out, leads.values);
}

/** Child mode (b): the real CLI entry point (build/cli.js), as `leadscore score` runs it. */
async function scoreWithCli(dir: string, out: string): Promise<void> {
  const { main } = (await import(pathToFileURL(cli).href)) as {
    main: (argv: string[], io?: unknown) => Promise<number>;
  };
  const quiet = { out: () => {}, err: () => {} };
  const code = await main(["score", dir, "--as-of", AS_OF, "--out", out], quiet);
  if (code !== 0) throw new Error(`leadscore score exited with ${code}`);
}

/** Runs this file as a child in `mode`; returns its own timing (from process start) and peak memory. */
function child(mode: string, dir: string, out: string): ChildReport & { spawnMs: number } {
  const t0 = performance.now();
  const res = spawnSync(process.execPath, [self, mode, dir, out], { encoding: "utf8" });
  const spawnMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`${mode} failed (${res.status}): ${res.stderr}`);
  const report = JSON.parse(res.stdout.trim().split("\n").at(-1) ?? "{}") as ChildReport;
  return { ...report, spawnMs };
}

async function childMain(mode: string, dir: string, out: string): Promise<void> {
  const t0 = performance.now();
  if (mode === "--child-read") await readAndWrite(dir, out);
  else await scoreWithCli(dir, out);
  const report: ChildReport = {
    wallMs: performance.now() - t0,
    cpuMs: mainThreadCpuMs(),
    maxRssMb: peakRssMb(),
  };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

async function parentMain(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  console.log(`cli bench — ${machineState()}`);
  const dir = mkdtempSync(join(tmpdir(), "leadscore-cli-bench-"));
  try {
    const g0 = performance.now();
    const { tabs } = demoWorkbook({ leads: LEADS, activitiesPerLead: PER_LEAD, mess: false });
    await writeCsvFolder(dir, tabs);
    const leadsFile = tabs.find((t) => t.name === TAB.leads)!;
    const acts = tabs.find((t) => t.name === TAB.activities)!;
    const mb = (f: string) => statSync(join(dir, f)).size / 1048576;
    console.log(
      `workbook: ${fmtInt(leadsFile.values.length - 1)} leads, ${fmtInt(acts.values.length - 1)} activities, ` +
        `CSV ${mb("Leads.csv").toFixed(0)} MB + ${mb("Activity Log.csv").toFixed(0)} MB; generated in ${fmtS(performance.now() - g0)}`,
    );
    const best = { read: Number.POSITIVE_INFINITY, score: Number.POSITIVE_INFINITY };
    let scoreRss = 0;
    let readRss = 0;
    for (let i = 0; i < RUNS; i++) {
      const a = child("--child-read", dir, join(dir, "out-read.csv"));
      const b = child("--child-score", dir, join(dir, "out-score.csv"));
      best.read = Math.min(best.read, a.spawnMs);
      best.score = Math.min(best.score, b.spawnMs);
      readRss = Math.max(readRss, a.maxRssMb);
      scoreRss = Math.max(scoreRss, b.maxRssMb);
      console.log(
        `run ${i + 1}: (a) read + write ${fmtS(a.spawnMs)} (main-thread CPU ${fmtS(a.cpuMs)}), ` +
          `(b) leadscore score ${fmtS(b.spawnMs)} (CPU ${fmtS(b.cpuMs)}, max RSS ${b.maxRssMb.toFixed(0)} MB)`,
      );
    }
    console.log(`(a) read the CSV files + write Leads CSV: ${fmtS(best.read)} (best, process start to exit)`);
    console.log(
      `(b) leadscore score … --out file:         ${fmtS(best.score)} (best, process start to exit)`,
    );
    console.log(`ratio (b)/(a): ${(best.score / best.read).toFixed(2)}× (goal ≤ 3×)`);
    console.log(
      `peak memory: (b) ${scoreRss.toFixed(0)} MB max RSS (goal < 1024 MB); (a) ${readRss.toFixed(0)} MB; this process ${peakRssMb().toFixed(0)} MB`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, dir, out] = process.argv.slice(2);
if (mode === "--child-read" || mode === "--child-score") await childMain(mode, dir, out);
else await parentMain();
