// Sheet benchmark: the add-on's runs through the built dist/Code.js in the local runtime, on the demo
// workbook at 1,000, 10,000 and 100,000 leads (10 activities each): Score all leads now (a full run), an
// edit of one Leads cell and one appended activity with automatic scoring on, two form responses on
// existing leads and one after a matrix edit and the full run it needs (each full run leaves the marker of
// the responses the log records, see response-marker.ts), and an hourly scheduled run
// (the second: the first records the notification baseline). Prints, per run, the cells read and written
// and the SpreadsheetApp calls (docs/design/incremental-state.md), the run's time and peak memory. The
// local runtime's fakes are in-memory, so service calls and cells cost far less than in Apps Script: the
// time is the script's own work; the cell counts are what Apps Script would move. Figures only.
// Run: npm run build --silent && node --expose-gc build/bench/sheet.js (BENCH_SIZES=1000,10000,100000)
import { TRIGGER_HANDLERS } from "../src/contract";
import { DEFAULT_END, demoWorkbook } from "../src/demo";
import type { LocalRuntime } from "../src/local/gas";
import { loadAddon } from "./lib/addon";
import { fmtInt, machineState, peakRssMb, timed } from "./lib/measure";

const SIZES = (process.env.BENCH_SIZES ?? "1000,10000,100000").split(",").map(Number);
const PER_LEAD = Number(process.env.BENCH_ACTIVITIES_PER_LEAD ?? 10);
const HOUR = 3_600_000;
const SHEET_CALLS = /^(SpreadsheetApp|Spreadsheet|Sheet|Range)\./;

/** Cells read and written and sheet calls of `f`, and its time. */
function counted(runtime: LocalRuntime, f: () => unknown): string {
  runtime.cells.reset();
  runtime.calls.reset();
  const t = timed(f);
  const { read, written } = runtime.cells;
  const calls = runtime.calls.total(SHEET_CALLS);
  return `read ${fmtInt(read).padStart(10)}  written ${fmtInt(written).padStart(9)}  calls ${String(calls).padStart(4)}  ${t.wallMs.toFixed(0).padStart(7)} ms wall`;
}

console.log(`sheet bench — ${machineState()}`);
for (const leads of SIZES) {
  const { tabs } = demoWorkbook({ secondModel: false, leads, activitiesPerLead: PER_LEAD, mess: false });
  // Without the demo's Account key: accounts roll up every lead, so with them a scheduled run reads in full.
  for (const row of tabs.find((t) => t.name === "Settings")!.values)
    if (row[0] === "Account key") row[1] = "";
  const log = tabs.find((t) => t.name === "Activity Log")!.values;
  console.log(`${fmtInt(leads)} leads, ${fmtInt(log.length - 1)} activities`);
  const { runtime, script } = loadAddon(tabs, DEFAULT_END);
  // Tabs are loaded 26 columns wide; a real 1M-row log that wide would be past the 10M-cell workbook limit.
  runtime.peek(() => {
    for (const sheet of runtime.spreadsheet.getSheets()) {
      const spare = sheet.getMaxColumns() - sheet.getLastColumn();
      if (spare > 0) sheet.deleteColumns(sheet.getLastColumn() + 1, spare);
    }
  });
  script.call("menuToggleAutoScoring");
  script.call("menuScoreAll"); // appends the output headers
  console.log(`  full run (Score all)   ${counted(runtime, () => script.call("menuScoreAll"))}`);
  runtime.clock.advance(60_000);
  console.log(`  edit (one Leads cell)  ${counted(runtime, () => runtime.edit("Leads!C7", "VP of Sales"))}`);
  const leadsGrid = runtime.values("Leads");
  const email = String(leadsGrid[9][leadsGrid[0].indexOf("Email")]);
  const rows = runtime.values("Activity Log").length;
  runtime.peek(() => runtime.spreadsheet.getSheetByName("Activity Log")!.insertRowsAfter(rows, 5));
  runtime.clock.advance(60_000);
  const at = new Date(runtime.clock.now()).toISOString();
  const append = () =>
    runtime.edit(`'Activity Log'!A${rows + 1}:D${rows + 1}`, [[at, email, "Demo Request", "Book a demo"]]);
  console.log(`  edit (one activity)    ${counted(runtime, append)}`);
  const respond = (row: number) => () =>
    runtime.fireFormSubmit(
      { "Email Address": String(leadsGrid[row][leadsGrid[0].indexOf("Email")]), "Job Title": "CEO" },
      undefined,
      { sheet: "Form Responses 1" },
    );
  console.log(`  form response (first)  ${counted(runtime, respond(11))}`);
  console.log(`  form response          ${counted(runtime, respond(12))}`);
  // A matrix edit: a new fingerprint, so a full run, then a response.
  const matrix = runtime.values("Scoring Matrix");
  const points = matrix[0].indexOf("Points");
  const pointsRow = matrix.findIndex((r, i) => i > 0 && typeof r[points] === "number");
  runtime.peek(() =>
    runtime.spreadsheet
      .getSheetByName("Scoring Matrix")!
      .getRange(pointsRow + 1, points + 1)
      .setValue(Number(matrix[pointsRow][points]) + 1),
  );
  script.call("menuScoreAll");
  console.log(`  form (matrix edited)   ${counted(runtime, respond(14))}`);
  script.call("setSchedule", { kind: "hourly" });
  runtime.advanceAndRun(HOUR); // the baseline: a full run
  let note = "";
  const scheduled = counted(runtime, () => {
    const run = runtime.advanceAndRun(HOUR).find((r) => r.handler === TRIGGER_HANDLERS.schedule);
    note = String((run?.result as { note?: string } | undefined)?.note ?? "");
  });
  console.log(`  scheduled run          ${scheduled}`);
  if (note) console.log(`    ${note.slice(0, 140)}`);
  console.log(`  peak memory so far (max RSS): ${peakRssMb().toFixed(0)} MB`);
}
