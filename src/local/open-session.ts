// Opens a workbook the way `npm start` does: loads it into a runtime, runs the built add-on's onOpen, its
// own set-up and a full scoring run, and wraps it in a LocalSession for the page.
import { MENU_HANDLERS } from "../contract";
import { DEFAULT_END } from "../demo";
import { createRuntime } from "./gas";
import { WorkbookState } from "./saved-state";
import { LocalSession } from "./session";
import { readWorkbook } from "./workbook";
import { SavedWorkbook } from "./workbook/saved-workbook";

export interface OpenOptions {
  /** A folder of CSV files or an .xlsx file to edit and save; without it, `demo` is read into memory. */
  workbook?: string;
  demo: string;
  /** Where the clock starts; default now for a workbook (then it follows the real clock), the demo's end. */
  asOf?: Date;
  timeZone: string;
  code: string;
  sidebarHtml: string;
  /** Only the page's controls move the clock (tests); default: it moves with the wall clock. */
  fixedClock?: boolean;
}

export async function openSession(o: OpenOptions): Promise<LocalSession> {
  const saved = o.workbook ? await SavedWorkbook.open(o.workbook) : undefined;
  const state = o.workbook ? await WorkbookState.open(o.workbook) : undefined;
  // The demo's data ends on a fixed date; scoring it as of today would decay or drop its activities.
  const start = o.asOf ?? (saved ? new Date() : DEFAULT_END);
  const runtime = createRuntime({ now: start, timeZone: o.timeZone, files: { sidebar: o.sidebarHtml } });
  runtime.loadTabs(saved ? saved.tabs : await readWorkbook(o.demo));
  // Properties and triggers are there before the document opens, as in Sheets.
  state?.restore(runtime);
  const script = runtime.load(o.code);
  script.call("onOpen", {});
  script.call(MENU_HANDLERS.setUpWorkbook);
  script.call(MENU_HANDLERS.scoreAll);
  return new LocalSession({
    runtime,
    script,
    label: o.workbook ?? "demo workbook",
    saved,
    state,
    realClock: saved !== undefined && o.asOf === undefined,
    ticking: !o.fixedClock,
  });
}
