// The JSON the workbook page and the local server exchange (besides the sidebar's google.script.run).
// Rows and columns are 1-based as in the sheet.

/** A block of cells, last row and column included. */
export interface Box {
  row: number;
  column: number;
  lastRow: number;
  lastColumn: number;
}

export interface CellStyle {
  background?: string;
  color?: string;
  bold?: boolean;
}

export interface TabSummary {
  name: string;
  rows: number;
  columns: number;
  hidden: boolean;
}

export interface TabView {
  name: string;
  /** The tab's values as JSON (Dates as ISO strings). */
  values: unknown[][];
  /** "row,column" → the cell's formula. */
  formulas: Record<string, string>;
  /** "row,column" → what the add-on's conditional formats make of the cell. */
  styles: Record<string, CellStyle>;
  protections: (Box & { description: string; warningOnly: boolean })[];
}

export type UiEvent =
  | { kind: "toast"; title: string; message: string }
  | { kind: "alert"; title: string; message: string }
  | { kind: "dialog"; id: number; title: string; width: number | null; height: number | null }
  | { kind: "sidebar" };

export interface PageStatus {
  /** What is open: "demo workbook" or the path. */
  workbook: string;
  /** Where edits go, said on screen: in memory (demo) or the file(s) Save writes. */
  note: string;
  canSave: boolean;
  unsaved: boolean;
  /** Goes up with every change to the workbook (the page's own actions and background trigger runs). */
  version: number;
  /** The runtime's clock (ISO), and whether it started at the real time (else at the demo's date). */
  clock: string;
  realClock: boolean;
  outbox: number;
  /** When the next time-driven trigger (a scheduled run, a debounced rescore) is due (ISO), if any. */
  nextTrigger: string | null;
}

export interface ActionResult {
  events: UiEvent[];
  /** Set when the action (or a trigger it fired) failed. */
  error?: string;
  status: PageStatus;
}

export type MenuEntry = { caption: string } | { separator: true };

export interface PageInfo {
  /** The add-on menu as onOpen built it (Extensions ▸ title). */
  menu: { title: string; items: MenuEntry[] } | null;
  tabs: TabSummary[];
  status: PageStatus;
}

export interface OutboxMail {
  to: string[];
  cc: string[];
  subject: string;
  body: string;
  htmlBody: string | null;
  at: string;
}

/** The answer to "New workbook from an export…": what init mapped, and the new workbook's status. */
export interface NewWorkbookResult {
  report: string[];
  status: PageStatus;
}
