// `npm start`: the add-on on a laptop. Loads a workbook (the bundled demo by default) into the in-memory
// Apps Script runtime, runs the BUILT dist/Code.js's own set-up and scoring, prints a summary, and serves
// the workbook page: editable tabs, the add-on's menu, the real sidebar. `--once` stops after the summary.
// A workbook of your own is saved back on Save and on exit (see saved-workbook.ts); the demo runs in
// memory, at its fixed date. `--from <export>` first creates a workbook around a CRM export, as
// `leadscore init` does; the page's "New workbook from an export…" does the same and switches to it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { SIDEBAR_FUNCTIONS } from "../contract";
import { ACCOUNTS_TAB } from "../core/accounts";
import { TAB } from "../core/types";
import { openSession } from "./open-session";
import { startServer } from "./server";
import type { LocalSession } from "./session";
import { accountLines, summarize, summarizeAccounts, summaryLines } from "./summary";
import { initFromExport } from "./workbook/init-workbook";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const DEMO = root("examples/demo");

const HELP = `Usage: npm start -- [options]

Scores a workbook with the built add-on and serves it on http://127.0.0.1:PORT: its tabs as editable
grids, the Extensions ▸ Leadscore menu, the sidebar, the clock and the Outbox.

  --workbook <folder|file.xlsx>  your workbook: a folder of "<tab>.csv" files or an .xlsx file. It runs on
                                 the real clock and is saved back on Save and on exit (Ctrl+C); the first
                                 save keeps each original file as "<file>.bak". The add-on's properties
                                 and triggers (automatic scoring, the schedule) are saved with it in
                                 ".leadscore.json" (in the folder; "<name>.leadscore.json" next to an
                                 .xlsx) and restored on the next start. Default: the demo, which runs in
                                 memory at its fixed date and is never saved.
  --from <export.csv|.xlsx>      first create a workbook around this CRM or form export, as leadscore init
                                 does (the starter matrix pointed at its columns), and open it: in the
                                 --workbook folder, by default a new folder next to the export named after
                                 it. An existing workbook is never overwritten. The page's "New workbook
                                 from an export…" does the same.
  --as-of <ISO time>             start the clock at this time instead
  --tz <zone>                    the spreadsheet's time zone (default UTC)
  --port <n>                     port (default 8080; a busy port falls back to any free one)
  --once                         print the summary and exit
  --help                         this text
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      once: { type: "boolean", default: false },
      workbook: { type: "string" },
      from: { type: "string" },
      "as-of": { type: "string" },
      port: { type: "string", default: "8080" },
      tz: { type: "string", default: "UTC" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  const asOf = values["as-of"] ? new Date(values["as-of"]) : undefined;
  if (asOf && Number.isNaN(asOf.getTime()))
    throw new Error(`--as-of "${values["as-of"]}" is not an ISO 8601 time.`);
  const sidebarHtml = readFileSync(root("dist/sidebar.html"), "utf8");
  const open = (workbook: string | undefined): Promise<LocalSession> =>
    openSession({
      workbook,
      demo: DEMO,
      asOf,
      timeZone: values.tz,
      code: readFileSync(root("dist/Code.js"), "utf8"),
      sidebarHtml,
    });
  let workbook = values.workbook;
  if (values.from !== undefined) {
    const made = await initFromExport(values.from, values.workbook);
    for (const line of made.report) console.log(line);
    workbook = made.target;
  }
  let session = await open(workbook);
  const { runtime } = session;

  console.log(`Leadscore — ${session.status().workbook}, scored as of ${runtime.clock.date().toISOString()}`);
  const settings = runtime.sheetNames().includes(TAB.settings) ? runtime.values(TAB.settings) : undefined;
  const matrix = runtime.sheetNames().includes(TAB.matrix) ? runtime.values(TAB.matrix) : undefined;
  for (const line of summaryLines(summarize(runtime.values(TAB.leads), settings, matrix))) console.log(line);
  const accounts = runtime.sheetNames().includes(ACCOUNTS_TAB) ? runtime.values(ACCOUNTS_TAB) : undefined;
  for (const line of accountLines(summarizeAccounts(accounts), (accounts?.length ?? 1) - 1))
    console.log(line);
  const problems = runtime.sheetNames().includes("Problems") ? runtime.values("Problems").length - 1 : 0;
  console.log(`Problems: ${problems} (see the Problems tab)`);
  if (values.once) return;

  const pageHtml = readFileSync(root("build/page.html"), "utf8");
  const serve = (port: number) =>
    startServer({
      handle: session.script,
      tabs: () => runtime.tabs(),
      sidebarHtml,
      pageHtml,
      session,
      // Switching workbooks saves the one open first, so that no edit is lost.
      newWorkbook: async (from: string) => {
        const made = await initFromExport(from);
        const next = await open(made.target);
        await session.saveIfChanged();
        session = next;
        console.log(`Opened ${made.target} (from the page):\n${made.report.join("\n")}`);
        return { session: next, report: made.report };
      },
      port,
      allow: SIDEBAR_FUNCTIONS,
    });
  // A busy default port should not stop the demo: fall back to any free port.
  const server = await serve(Number(values.port)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    return serve(0);
  });
  // Triggers fall due as time passes while the page is open (the page picks the changes up on its poll).
  const due = setInterval(() => session.runDue(), 5_000);
  due.unref();
  console.log(`\nOpen ${server.url} — the workbook's tabs with the Leadscore sidebar. Ctrl+C stops.`);
  console.log(session.status().note);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(due);
    try {
      const files = await session.saveIfChanged();
      if (files.length) console.log(`Saved ${files.length} file(s) before exit (${signal}).`);
    } catch (error) {
      console.error(`Could not save on exit: ${error instanceof Error ? error.message : error}`);
      process.exitCode = 1;
    }
    await server.close();
    process.exit();
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
