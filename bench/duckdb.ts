// DuckDB bench: `leadscore score --engine duckdb` on N leads × 10N activities of CSV files, beside the
// in-memory engine (`leadscore score`) on the same files while N ≤ BENCH_MEMORY_MAX_LEADS. Each runs as
// a fresh child process; prints time (process start to exit), its CPU time and peak memory (max RSS).
// Figures only.
// Run: npm run build && node build/bench/duckdb.js (BENCH_LEADS, default 100,000; the figure is
// BENCH_LEADS=1000000, 10,000,000 activities; BENCH_MEMORY_MAX_LEADS, default 1,000,000, where the
// in-memory engine peaked at 4 GB). BENCH_DIR keeps
// the generated CSV folder there and reuses it on the next run (a million leads take minutes to write).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { writeCsvFolder } from "../src/local/workbook";
import { fmtInt, fmtS, machineState, peakRssMb } from "./lib/measure";

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const MEMORY_MAX = Number(process.env.BENCH_MEMORY_MAX_LEADS ?? 1_000_000);
const KEEP_DIR = process.env.BENCH_DIR;
const AS_OF = DEFAULT_END.toISOString();
const self = fileURLToPath(import.meta.url);
const cli = fileURLToPath(new URL("../cli.js", import.meta.url));

async function childMain(engine: string, dir: string, out: string): Promise<void> {
  const { main } = (await import(pathToFileURL(cli).href)) as {
    main: (argv: string[], io?: unknown) => Promise<number>;
  };
  const quiet = { out: () => {}, err: () => {} };
  const code = await main(["score", dir, "--as-of", AS_OF, "--out", out, "--engine", engine], quiet);
  if (code !== 0) throw new Error(`leadscore score --engine ${engine} exited with ${code}`);
  // All threads: DuckDB's workers run in this process, so this is its CPU time too.
  const cpu = process.cpuUsage();
  process.stdout.write(
    `${JSON.stringify({ maxRssMb: peakRssMb(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`,
  );
}

function child(engine: string, dir: string): { ms: number; maxRssMb: number; cpuMs: number } {
  const t0 = performance.now();
  // Beside the folder, so that a kept folder holds only the workbook's tabs.
  const out = join(tmpdir(), `leadscore-duckdb-bench-${process.pid}-${engine}.csv`);
  const res = spawnSync(process.execPath, [self, "--child", engine, dir, out], { encoding: "utf8" });
  const ms = performance.now() - t0;
  rmSync(out, { force: true });
  if (res.status !== 0) throw new Error(`${engine} failed (${res.status}): ${res.stderr}`);
  const figures = JSON.parse(res.stdout.trim().split("\n").at(-1) ?? "{}") as {
    maxRssMb: number;
    cpuMs: number;
  };
  return { ms, ...figures };
}

async function parentMain(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  console.log(`duckdb bench — ${machineState()}`);
  const dir = KEEP_DIR ?? mkdtempSync(join(tmpdir(), "leadscore-duckdb-bench-"));
  try {
    const mb = (f: string) => (statSync(join(dir, f)).size / 1048576).toFixed(0);
    const lines = (f: string) => readFileSync(join(dir, f), "latin1").split("\n").length - 2;
    let leads = LEADS;
    if (KEEP_DIR && existsSync(join(dir, "Activity Log.csv"))) {
      leads = lines("Leads.csv");
      console.log(`workbook: reused ${dir}, ${fmtInt(leads)} leads (BENCH_LEADS is not read)`);
    } else {
      const g0 = performance.now();
      const { tabs } = demoWorkbook({ secondModel: false, leads: LEADS, activitiesPerLead: 10, mess: false });
      mkdirSync(dir, { recursive: true });
      await writeCsvFolder(dir, tabs);
      const rows = (name: string) => (tabs.find((t) => t.name === name)?.values.length ?? 1) - 1;
      console.log(
        `workbook: ${fmtInt(rows("Leads"))} leads, ${fmtInt(rows("Activity Log"))} activities; generated in ${fmtS(performance.now() - g0)}`,
      );
      tabs.length = 0;
    }
    console.log(`CSV: ${mb("Leads.csv")} MB + ${mb("Activity Log.csv")} MB`);
    const duck = child("duckdb", dir);
    const line = (r: ReturnType<typeof child>) =>
      `${fmtS(r.ms)} wall, ${fmtS(r.cpuMs)} CPU (all threads), peak memory ${r.maxRssMb.toFixed(0)} MB max RSS`;
    console.log(`--engine duckdb: ${line(duck)}`);
    if (leads <= MEMORY_MAX) {
      const mem = child("memory", dir);
      console.log(`--engine memory: ${line(mem)}`);
    } else console.log(`--engine memory: not run above BENCH_MEMORY_MAX_LEADS=${fmtInt(MEMORY_MAX)} leads`);
  } finally {
    if (!KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

const [mode, engine, dir, out] = process.argv.slice(2);
if (mode === "--child") await childMain(engine, dir, out);
else await parentMain();
