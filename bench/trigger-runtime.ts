// Trigger-runtime benchmark: the modelled Apps Script time of each kind of triggered run, through the built
// dist/Code.js in the local runtime with `costModel: "realistic"` (7 ms a service call, 5 µs a cell read,
// 20 µs a cell written: src/local/gas/cost.ts says where the figures come from, ±3×), at 1k, 10k and 100k
// leads (10 activities each). Per run: modelled runtime, cells read/written, service calls, and the share
// of a consumer account's 90 daily trigger minutes. The clock time is the model's, not this machine's.
// Run: npm run build && node build/bench/trigger-runtime.js (BENCH_SIZES=1000,10000,100000)

import { DEFAULT_END, demoWorkbook } from "../src/demo";
import type { TriggerRun } from "../src/local/gas";
import { DEBOUNCE_MS } from "../src/sheets/auto-scoring";
import { type Addon, loadAddon } from "./lib/addon";
import { fmtInt, machineState } from "./lib/measure";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const QUOTA_MS = 90 * 60_000;
/** A run's error is printed with its figures, not thrown. */
const KEEP_GOING = { throwOnError: false };

/** Runs `fire`, then prints every installable run it caused (continuations included) with its costs. */
function measure({ runtime }: Addon, label: string, fire: () => TriggerRun[]): void {
  runtime.calls.reset();
  const from = runtime.runs.length;
  fire();
  const runs = runtime.runs.slice(from).filter((r) => r.kind === "installable");
  const calls = runtime.calls.total();
  const ms = runs.reduce((s, r) => s + (r.runtimeMs ?? 0), 0);
  const read = runs.reduce((s, r) => s + (r.cells?.read ?? 0), 0);
  const written = runs.reduce((s, r) => s + (r.cells?.written ?? 0), 0);
  const errors = runs.filter((r) => r.error).map((r) => `${r.handler}: ${String(r.error)}`);
  console.log(
    `  ${label.padEnd(22)} ${(ms / 1000).toFixed(1).padStart(7)} s  ${runs.length} run(s) ` +
      `${fmtInt(read).padStart(11)} cells read ${fmtInt(written).padStart(10)} written ` +
      `${fmtInt(calls).padStart(6)} calls  ${((100 * ms) / QUOTA_MS).toFixed(2)}% of 90 min` +
      (errors.length ? `  errors: ${errors.join("; ")}` : ""),
  );
}

console.log(`trigger-runtime bench (modelled Apps Script time) — ${machineState()}`);
for (const leads of SIZES) {
  const { tabs } = demoWorkbook({ secondModel: false, leads, activitiesPerLead: 10, mess: false });
  const addon = loadAddon(tabs, DEFAULT_END, { costModel: "realistic" });
  const { runtime, script } = addon;
  runtime.peek(() => script.call("menuScoreAll"));
  script.call("menuToggleAutoScoring");
  const fireAfter = (handler: string) => () => {
    script.evaluate(`ScriptApp.newTrigger(${JSON.stringify(handler)}).timeBased().after(1000).create()`);
    return runtime.advanceAndRun(60 * 60_000, KEEP_GOING);
  };
  console.log(`${fmtInt(leads)} leads, ${fmtInt(leads * 10)} activities`);
  measure(addon, "full rescore (matrix)", () => {
    runtime.edit("'Scoring Matrix'!I2", runtime.values("Scoring Matrix")[1][8], KEEP_GOING);
    return runtime.advanceAndRun(DEBOUNCE_MS + 60 * 60_000, KEEP_GOING);
  });
  measure(addon, "scheduled run", fireAfter("scheduledRun"));
  measure(addon, "one edit", () => runtime.edit("Leads!B5", "Renamed Lead", KEEP_GOING));
  measure(addon, "one form response", () =>
    runtime.fireFormSubmit(
      { "Email Address": `bench.${leads}@example.org`, "Job Title": "CTO" },
      undefined,
      KEEP_GOING,
    ),
  );
}
