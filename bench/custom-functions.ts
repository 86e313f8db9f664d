// Custom-function benchmark: =LEADSCORE(…) and =LEADSCORE_DETAIL(…) over 10,000 leads × ~100,000
// activities, called through the built dist/Code.js in the local runtime in AuthMode.CUSTOM_FUNCTION
// (arguments copied into the script's realm, as Sheets hands a range's values to the function).
// Sheets stops a custom function after 30 s; Apps Script's V8 is slower than Node on this machine by a
// factor we cannot measure here, so the bench prints the margin: how many times slower it could be and
// still fit.
// Figures only. Run: npm run build && node build/bench/custom-functions.js
import { TAB } from "../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import { loadAddon } from "./lib/addon";
import { fmtInt, fmtS, fmtTimed, machineState, peakRssMb, timed } from "./lib/measure";

const LEADS = Number(process.env.BENCH_LEADS ?? 10_000);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const LIMIT_MS = 30_000;

console.log(`custom-functions bench — ${machineState()}`);
const { tabs } = demoWorkbook({ secondModel: false, leads: LEADS, activitiesPerLead: PER_LEAD, mess: false });
const grid = (name: string) => tabs.find((t) => t.name === name)!.values;
const leads = grid(TAB.leads);
const activities = grid(TAB.activities);
const args = [leads, activities, grid(TAB.matrix), grid(TAB.settings), DEFAULT_END.toISOString()];
console.log(`ranges: ${fmtInt(leads.length - 1)} leads, ${fmtInt(activities.length - 1)} activities`);

for (const name of ["LEADSCORE", "LEADSCORE_DETAIL"]) {
  const { script } = loadAddon(tabs, DEFAULT_END);
  let best = Number.POSITIVE_INFINITY;
  let rows = 0;
  for (let i = 0; i < RUNS; i++) {
    const t = timed(() => script.callAs("CUSTOM_FUNCTION", name, ...args) as unknown[][]);
    if (typeof t.value === "string" || !Array.isArray(t.value))
      throw new Error(`${name} returned ${String(t.value)}`);
    rows = t.value.length;
    best = Math.min(best, t.wallMs);
    console.log(`  ${name}, run ${i + 1}: ${fmtTimed(t)}`);
  }
  console.log(
    `${name}: ${fmtS(best)} best for ${fmtInt(rows - 1)} rows; limit 30 s → margin ${(LIMIT_MS / best).toFixed(1)}× ` +
      `(Apps Script may be that many times slower than this run and still finish)`,
  );
}
console.log(`peak memory (max RSS, incl. the runtime and data): ${peakRssMb().toFixed(0)} MB`);
