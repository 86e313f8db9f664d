// Sheet benchmark: Extensions ▸ Leadscore ▸ Score all leads now (menuScoreAll) through the built
// dist/Code.js in the local runtime, on the demo workbook at 10,000 and 100,000 leads (10 activities
// each). Prints the run's time, the SpreadsheetApp calls it made by name (the count must not grow with
// the sheet) and peak memory. The local runtime's fakes are in-memory, so service calls cost far less
// than in Apps Script: the figure is the script's own work. Figures only.
// Run: npm run build && node build/bench/sheet.js (BENCH_SIZES=10000,100000)
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { loadAddon } from "./lib/addon";
import { fmtInt, fmtTimed, machineState, peakRssMb, timed } from "./lib/measure";

const SIZES = (process.env.BENCH_SIZES ?? "10000,100000").split(",").map(Number);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);

console.log(`sheet bench — ${machineState()}`);
for (const leads of SIZES) {
  const { tabs } = demoWorkbook({ leads, activitiesPerLead: PER_LEAD, mess: false });
  const activities = tabs.find((t) => t.name === "Activity Log")!.values.length - 1;
  console.log(`${fmtInt(leads)} leads, ${fmtInt(activities)} activities: Score all leads now`);
  const { runtime, script } = loadAddon(tabs, DEFAULT_END);
  runtime.calls.reset();
  const run = timed(() => script.call("menuScoreAll"));
  console.log(`  dist/Code.js: ${fmtTimed(run)}`);
  const calls = Object.entries(runtime.calls.byName());
  const total = calls.reduce((a, [, n]) => a + n, 0);
  console.log(`  toast: ${(runtime.ui.toasts.at(-1)?.message ?? "(no toast)").split("\n")[0]}`);
  console.log(`  service calls: ${total} — ${calls.map(([k, n]) => `${k} ${n}`).join(", ")}`);
  console.log(`  peak memory so far (max RSS): ${peakRssMb().toFixed(0)} MB`);
}
