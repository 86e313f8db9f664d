// CLI benchmark: `leadscore score` on workbooks of CSV files (1,000 / 10,000 / 100,000 leads, 10 activities
// each from the demo's generator), beside two floors any CSV tool pays (read the same CSV files and write a
// Leads CSV, no scoring: once with Leadscore's reader, once with udsv as issue 14 measured it, writing a Leads
// file of the CLI output's size) and the engine alone (scoreWorkbook on the tabs already read). Floors and CLI
// run as fresh child processes, so each includes Node's start-up, module loading and JIT warm-up; the engine
// figure is the scoring call inside such a child. Prints, per size, the times, CLI against each floor (goal
// ≤ 1.5×) and peak memory (max RSS; goal ≤ 1 GB at 300,000 leads × 3,000,000 activities). Figures only.
// Run: npm run build && node build/bench/cli.js (BENCH_SIZES=1000,10000,100000, BENCH_ACTIVITIES_PER_LEAD,
// BENCH_RUNS: that many rounds, each running every side; the best run and the median of each side).
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inferSchema, initParser } from "udsv";
import { loadWorkbook } from "../src/cli/workbook";
import { scoreWorkbook } from "../src/core";
import { TAB } from "../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { parseCsv, readWorkbook, writeCsvFolder, writeCsvRows, writeCsvTable } from "../src/local/workbook";
import { fmtInt, machineState, mainThreadCpuMs, median, peakRssMb } from "./lib/measure";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AS_OF = DEFAULT_END;

const self = fileURLToPath(import.meta.url);
const cli = fileURLToPath(new URL("../cli.js", import.meta.url)); // build/cli.js next to build/bench/

interface ChildReport {
  /** The scoring call alone (engine mode), else the whole run. */
  ms: number;
  cpuMs: number;
  maxRssMb: number;
}

const MODES = ["--child-floor", "--child-udsv", "--child-cli", "--child-engine"] as const;
type Mode = (typeof MODES)[number];

/** Floor: read every CSV tab, write the Leads tab back out. No scoring. */
async function floor(dir: string, out: string): Promise<void> {
  const tabs = await readWorkbook(dir);
  const leads = tabs.find((t) => t.name === TAB.leads);
  if (!leads) throw new Error(`no ${TAB.leads} tab in ${dir}`);
  await writeCsvTable(out, leads.values);
}

/** What the udsv floor writes: as many columns and about as many bytes as the CLI's Leads file. */
interface OutputShape {
  columns: number;
  bytes: number;
}

/**
 * The floor: every CSV file parsed by udsv, a fast JS CSV parser, and "a Leads file of the same
 * size" written by the same writer as the other floor: the input's rows, widened with filler cells to the
 * CLI output's columns and bytes, so that the floor writes what the CLI writes.
 */
async function udsvFloor(dir: string, out: string, shape: OutputShape): Promise<void> {
  let leads: string[][] | undefined;
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".csv"))) {
    const text = readFileSync(join(dir, file), "utf8");
    const schema = inferSchema(text);
    const rows = initParser(schema).stringArrs(text);
    if (file === `${TAB.leads}.csv`) leads = [schema.cols.map((c) => c.name), ...rows];
  }
  if (!leads) throw new Error(`no ${TAB.leads}.csv in ${dir}`);
  const extra = Math.max(0, shape.columns - leads[0].length);
  const missing = shape.bytes - statSync(join(dir, `${TAB.leads}.csv`)).size;
  const filler = "x".repeat(extra ? Math.max(0, Math.round(missing / leads.length / extra) - 1) : 0);
  const padding = new Array<string>(extra).fill(filler); // made once: the timed floor pays only the writing
  await writeCsvRows(out, leads.length, (r) => leads[r].concat(padding));
}

/** The real CLI entry point (build/cli.js), as `leadscore score` runs it. */
async function scoreWithCli(dir: string, out: string): Promise<void> {
  const { main } = (await import(pathToFileURL(cli).href)) as {
    main: (argv: string[], io?: unknown) => Promise<number>;
  };
  const quiet = { out: () => {}, err: () => {} };
  const code = await main(["score", dir, "--as-of", AS_OF.toISOString(), "--out", out], quiet);
  if (code !== 0) throw new Error(`leadscore score exited with ${code}`);
}

/** The engine alone: ms of scoreWorkbook on the tabs as the CLI reads them. */
async function engineMs(dir: string): Promise<number> {
  const { input } = await loadWorkbook(dir);
  const t0 = performance.now();
  const run = scoreWorkbook(input, { asOf: AS_OF, timeZone: "UTC" });
  const ms = performance.now() - t0;
  if (!run.leads.length) throw new Error("the engine scored no lead");
  return ms;
}

async function childMain(mode: Mode, dir: string, out: string, shape: OutputShape): Promise<void> {
  const t0 = performance.now();
  let ms: number;
  if (mode === "--child-engine") ms = await engineMs(dir);
  else {
    const run = { "--child-floor": floor, "--child-udsv": udsvFloor, "--child-cli": scoreWithCli }[mode];
    await run(dir, out, shape);
    ms = performance.now() - t0;
  }
  const report: ChildReport = { ms, cpuMs: mainThreadCpuMs(), maxRssMb: peakRssMb() };
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

/** Runs this file as a child in `mode`: its report, and the wall time from spawn to exit. */
function child(mode: Mode, dir: string, out: string, shape?: OutputShape): ChildReport & { spawnMs: number } {
  const t0 = performance.now();
  const args = [self, mode, dir, out, String(shape?.columns ?? 0), String(shape?.bytes ?? 0)];
  const res = spawnSync(process.execPath, args, { encoding: "utf8" });
  const spawnMs = performance.now() - t0;
  if (res.status !== 0) throw new Error(`${mode} failed (${res.status}): ${res.stderr}`);
  const report = JSON.parse(res.stdout.trim().split("\n").at(-1) ?? "{}") as ChildReport;
  return { ...report, spawnMs };
}

interface Row {
  leads: number;
  activities: number;
  floorMs: number;
  udsvMs: number;
  cliMs: number;
  engineMs: number;
  floorCpu: number;
  udsvCpu: number;
  cliCpu: number;
  floorRss: number;
  udsvRss: number;
  cliRss: number;
  /** Each round's wall times: the rounds alternate, so their medians compare the same moments. */
  cliRuns: number[];
  udsvRuns: number[];
}

async function measure(leads: number): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), "leadscore-cli-bench-"));
  // Outputs beside the workbook, not in it: a CSV file in the folder is a tab every reader reads.
  const outs = mkdtempSync(join(tmpdir(), "leadscore-cli-bench-out-"));
  try {
    const { tabs } = demoWorkbook({ secondModel: false, leads, activitiesPerLead: PER_LEAD, mess: false });
    await writeCsvFolder(dir, tabs);
    const activities = (tabs.find((t) => t.name === TAB.activities)?.values.length ?? 1) - 1;
    const mb = (f: string) => (statSync(join(dir, f)).size / 1048576).toFixed(1);
    console.log(
      `${fmtInt(leads)} leads × ${fmtInt(activities)} activities (CSV ${mb("Leads.csv")} MB + ${mb("Activity Log.csv")} MB):`,
    );
    const row: Row = {
      leads,
      activities,
      floorMs: Number.POSITIVE_INFINITY,
      udsvMs: Number.POSITIVE_INFINITY,
      cliMs: Number.POSITIVE_INFINITY,
      engineMs: Number.POSITIVE_INFINITY,
      floorCpu: Number.POSITIVE_INFINITY,
      udsvCpu: Number.POSITIVE_INFINITY,
      cliCpu: Number.POSITIVE_INFINITY,
      floorRss: 0,
      udsvRss: 0,
      cliRss: 0,
      cliRuns: [],
      udsvRuns: [],
    };
    for (let i = 0; i < RUNS; i++) {
      const b = child("--child-cli", dir, join(outs, "cli.csv"));
      const a = child("--child-floor", dir, join(outs, "floor.csv"));
      const u = child("--child-udsv", dir, join(outs, "udsv.csv"), outputShape(join(outs, "cli.csv")));
      const e = child("--child-engine", dir, "");
      row.floorMs = Math.min(row.floorMs, a.spawnMs);
      row.udsvMs = Math.min(row.udsvMs, u.spawnMs);
      row.cliMs = Math.min(row.cliMs, b.spawnMs);
      row.engineMs = Math.min(row.engineMs, e.ms);
      row.floorCpu = Math.min(row.floorCpu, a.cpuMs);
      row.udsvCpu = Math.min(row.udsvCpu, u.cpuMs);
      row.cliCpu = Math.min(row.cliCpu, b.cpuMs);
      row.floorRss = Math.max(row.floorRss, a.maxRssMb);
      row.udsvRss = Math.max(row.udsvRss, u.maxRssMb);
      row.cliRss = Math.max(row.cliRss, b.maxRssMb);
      row.cliRuns.push(b.spawnMs);
      row.udsvRuns.push(u.spawnMs);
      console.log(
        `  run ${i + 1}: floor ${s(a.spawnMs)} (CPU ${s(a.cpuMs)}), udsv floor ${s(u.spawnMs)} (CPU ${s(u.cpuMs)}), CLI ${s(b.spawnMs)} (CPU ${s(b.cpuMs)}), engine ${s(e.ms)}`,
      );
    }
    const outMb = (f: string) => (statSync(join(outs, f)).size / 1048576).toFixed(1);
    console.log(`  Leads file written: CLI ${outMb("cli.csv")} MB, udsv floor ${outMb("udsv.csv")} MB`);
    return row;
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outs, { recursive: true, force: true });
  }
}

/** The columns (header fields) and bytes of the CLI's Leads file. */
function outputShape(file: string): OutputShape {
  const text = readFileSync(file, "utf8");
  const header = parseCsv(text.slice(0, text.indexOf("\n")))[0];
  return { columns: header.length, bytes: statSync(file).size };
}

const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

async function parentMain(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  console.log(`cli bench — ${machineState()}; ${RUNS} rounds`);
  const rows: Row[] = [];
  for (const leads of SIZES) rows.push(await measure(leads));
  console.log(
    "\nfloor = read the CSV files with Leadscore's reader + write a Leads CSV; udsv floor = the same with udsv parsing;",
  );
  console.log(
    "CLI = leadscore score --out file (all three process start to exit); engine = scoreWorkbook alone on the tabs",
  );
  console.log(
    "read. CPU: main thread, which a busy machine does not inflate as much as wall time. Goal: CLI ≤ 1.5× the floor.",
  );
  console.log(
    "Best of the runs, and the ratio of the rounds' median times (each round runs all three, so a busy spell slows both).\n",
  );
  console.log(
    "| Leads × activities | engine | CLI | floor | udsv floor | CLI / floor | CLI / udsv | CLI / udsv, medians | CPU: CLI / floor / udsv | CPU ratios | peak RSS CLI / floor / udsv |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
  const x = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  for (const r of rows)
    console.log(
      `| ${fmtInt(r.leads)} × ${fmtInt(r.activities)} | ${s(r.engineMs)} | ${s(r.cliMs)} | ${s(r.floorMs)} | ${s(r.udsvMs)} | ` +
        `${x(r.cliMs, r.floorMs)} | ${x(r.cliMs, r.udsvMs)} | ${x(median(r.cliRuns), median(r.udsvRuns))} | ` +
        `${s(r.cliCpu)} / ${s(r.floorCpu)} / ${s(r.udsvCpu)} | ` +
        `${x(r.cliCpu, r.floorCpu)} / ${x(r.cliCpu, r.udsvCpu)} | ` +
        `${r.cliRss.toFixed(0)} / ${r.floorRss.toFixed(0)} / ${r.udsvRss.toFixed(0)} MB |`,
    );
}

const [mode, dir, out, columns, bytes] = process.argv.slice(2);
if ((MODES as readonly string[]).includes(mode))
  await childMain(mode as Mode, dir, out, { columns: Number(columns), bytes: Number(bytes) });
else await parentMain();
