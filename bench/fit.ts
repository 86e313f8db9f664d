// Fit benchmark. First `leadscore fit` on the demo's workbook of CSV files (1,000, 10,000 and 100,000 leads, 10
// activities each) as a fresh process: time from process start to exit, CPU time and peak memory (goal at
// 100,000 leads × 1,000,000 activities: ≤ 20 s). Then fitMatrix alone on 100,000 synthetic leads and the
// held-out quality of the fitted matrix against reference models. Figures only.
// Run: npm run build && node build/bench/fit.js (BENCH_FIT_SIZES=1000,10000,100000, BENCH_ACTIVITIES_PER_LEAD).
// Last, interactions vs a boosted-tree stand-in (bench/lib/fit-interactions.ts); alone: fit.js --interactions.
// The CLI fits alone: fit.js --cli.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fitMatrix } from "../src/core/calibration";
import { TAB } from "../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { writeCsvFolder } from "../src/local/workbook";
import { runHarness } from "../test/calibration/harness";
import { synthetic } from "../test/calibration/synthetic";
import { interactionFigures } from "./lib/fit-interactions";
import { fmtInt, machineState, mainThreadCpuMs, peakRssMb } from "./lib/measure";

const SIZES = (process.env.BENCH_FIT_SIZES ?? "1000,10000,100000").split(",").map(Number);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);
const self = fileURLToPath(import.meta.url);
const cli = fileURLToPath(new URL("../cli.js", import.meta.url)); // build/cli.js next to build/bench/

const asOf = new Date("2025-06-01T00:00:00Z");
const mb = (x: number) => `${Math.round(x / 1048576)} MB`;
const s = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

/** Child: `leadscore fit <dir> --out <out>` through the real CLI entry point; prints CPU and peak memory. */
async function childMain(dir: string, out: string): Promise<void> {
  const { main } = (await import(pathToFileURL(cli).href)) as {
    main: (argv: string[], io?: unknown) => Promise<number>;
  };
  const quiet = { out: () => {}, err: () => {} };
  const code = await main(["fit", dir, "--as-of", DEFAULT_END.toISOString(), "--out", out], quiet);
  if (code !== 0) throw new Error(`leadscore fit exited with ${code}`);
  process.stdout.write(`${JSON.stringify({ cpuMs: mainThreadCpuMs(), maxRssMb: peakRssMb() })}\n`);
}

async function cliFits(): Promise<void> {
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first`);
  console.log(`fit bench — ${machineState()}`);
  for (const leads of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "leadscore-fit-bench-"));
    try {
      const { tabs } = demoWorkbook({ secondModel: false, leads, activitiesPerLead: PER_LEAD, mess: false });
      await writeCsvFolder(dir, tabs);
      const activities = (tabs.find((t) => t.name === TAB.activities)?.values.length ?? 1) - 1;
      const t0 = performance.now();
      const res = spawnSync(process.execPath, [self, "--child", dir, join(dir, "fitted.csv")], {
        encoding: "utf8",
      });
      const ms = performance.now() - t0;
      if (res.status !== 0) throw new Error(`leadscore fit failed (${res.status}): ${res.stderr}`);
      const r = JSON.parse(res.stdout.trim().split("\n").at(-1) ?? "{}") as {
        cpuMs: number;
        maxRssMb: number;
      };
      console.log(
        `leadscore fit, ${fmtInt(leads)} leads × ${fmtInt(activities)} activities: ${s(ms)} (process start to exit; ` +
          `main-thread CPU ${s(r.cpuMs)}), peak RSS ${r.maxRssMb.toFixed(0)} MB${leads >= 100_000 ? " (goal ≤ 20 s)" : ""}`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

async function parentMain(): Promise<void> {
  await cliFits();
  console.log("");
  for (const activities of [false, true]) {
    const syn = synthetic({ leads: 100_000, seed: 42, activities });
    const acts = (syn.input.activities?.length ?? 1) - 1;
    const t0 = performance.now();
    const fit = fitMatrix(syn.input, { timeZone: "UTC", asOf });
    const ms = performance.now() - t0;
    const r = fit.report;
    console.log(
      `fitMatrix, 100,000 synthetic leads${activities ? ` + ${fmtInt(acts)} activities` : ""}: ${s(ms)} ` +
        `(${fmtInt(100_000 / (ms / 1000))} leads/s), ${r.rules} rules, ` +
        `held-out AUC model ${r.auc_model?.toFixed(4)} / integer ${r.auc_integer?.toFixed(4)}, ` +
        `heap ${mb(process.memoryUsage().heapUsed)}, rss ${mb(process.memoryUsage().rss)}`,
    );
  }

  console.log(
    "\nHeld-out AUC on a fresh 20,000-lead sample (fit on N leads; reference = CV-tuned L2 LR, NB = naive Bayes):",
  );
  for (const n of [10_000, 30_000, 50_000]) {
    const h = runHarness(n, 20_000, n);
    console.log(
      `  N=${n}: matrix ${h.aucMatrix.toFixed(4)}  LR ${h.aucReference.toFixed(4)}  NB ${h.aucNaiveBayes.toFixed(4)}  ` +
        `ratio ${h.ratio.toFixed(4)}  fit ${(h.fitMs / 1000).toFixed(2)} s  ${h.rules} rules`,
    );
  }
}

const [mode, dir, out] = process.argv.slice(2);
if (mode === "--child") await childMain(dir, out);
else if (mode === "--interactions") interactionFigures();
else if (mode === "--cli") await cliFits();
else {
  await parentMain();
  interactionFigures();
}
