// `npm start`: the add-on on a laptop. Loads a workbook (the bundled demo by default) into the in-memory
// Apps Script runtime, runs the BUILT dist/Code.js's own set-up and scoring, prints a summary, and serves
// the tabs with the real sidebar beside them. `--once` stops after the summary.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { MENU_HANDLERS, SIDEBAR_FUNCTIONS } from "../contract";
import { TAB } from "../core/types";
import { DEFAULT_END } from "../demo";
import { createRuntime } from "./gas";
import { startServer } from "./server";
import { summarize, summaryLines } from "./summary";
import { readWorkbook } from "./workbook";

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
const DEMO = root("examples/demo");

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      once: { type: "boolean", default: false },
      workbook: { type: "string" },
      "as-of": { type: "string" },
      port: { type: "string", default: "8080" },
      tz: { type: "string", default: "UTC" },
    },
  });
  const path = values.workbook ?? DEMO;
  // The demo's data ends on a fixed date; scoring it as of today would decay or drop its activities.
  const asOf = values["as-of"] ? new Date(values["as-of"]) : values.workbook ? new Date() : DEFAULT_END;
  if (Number.isNaN(asOf.getTime())) throw new Error(`--as-of "${values["as-of"]}" is not an ISO 8601 time.`);

  const sidebarHtml = readFileSync(root("dist/sidebar.html"), "utf8");
  const runtime = createRuntime({ now: asOf, timeZone: values.tz, files: { sidebar: sidebarHtml } });
  runtime.loadTabs(await readWorkbook(path));
  const script = runtime.load(readFileSync(root("dist/Code.js"), "utf8"));
  script.call("onOpen", {});
  script.call(MENU_HANDLERS.setUpWorkbook);
  script.call(MENU_HANDLERS.scoreAll);

  console.log(`Leadscore — ${path === DEMO ? "demo workbook" : path}, scored as of ${asOf.toISOString()}`);
  const settings = runtime.sheetNames().includes(TAB.settings) ? runtime.values(TAB.settings) : undefined;
  for (const line of summaryLines(summarize(runtime.values(TAB.leads), settings))) console.log(line);
  const problems = runtime.sheetNames().includes("Problems") ? runtime.values("Problems").length - 1 : 0;
  console.log(`Problems: ${problems} (see the Problems tab)`);
  if (values.once) return;

  const serve = (port: number) =>
    startServer({ handle: script, tabs: () => runtime.tabs(), sidebarHtml, port, allow: SIDEBAR_FUNCTIONS });
  // A busy default port should not stop the demo: fall back to any free port.
  const server = await serve(Number(values.port)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EADDRINUSE") throw error;
    return serve(0);
  });
  console.log(`\nOpen ${server.url} — the workbook's tabs with the Leadscore sidebar. Ctrl+C stops.`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
