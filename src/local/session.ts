// The workbook the local page edits: the runtime running dist/Code.js, the workbook's files (when it has
// any) and the clock. Every action runs as Sheets would run it (an edit fires onEdit and onChange, a menu
// click runs its function on the current selection) and reports the toasts, alerts and dialogs it raised.
import { EventType } from "./gas/enums";
import type { LocalRuntime, ScriptHandle, TriggerRun } from "./gas/runtime";
import { a1Of } from "./gas/spreadsheet/a1";
import type { MenuRecord } from "./gas/ui";
import type { WorkbookState } from "./saved-state";
import type {
  ActionResult,
  MenuEntry,
  OutboxMail,
  PageInfo,
  PageStatus,
  TabView,
  UiEvent,
} from "./server/page-api";
import { tabView } from "./tab-view";
import type { SavedWorkbook } from "./workbook/saved-workbook";

export interface SessionOptions {
  runtime: LocalRuntime;
  script: ScriptHandle;
  /** What is open, for the screen: "demo workbook" or the path. */
  label: string;
  /** Where edits are saved; none for the demo, which runs in memory. */
  saved?: SavedWorkbook;
  /** Where the document's properties and triggers are saved with it (saved-state.ts); none for the demo. */
  state?: WorkbookState;
  /** The clock started at the real time (a user's workbook) rather than at a fixed date (the demo). */
  realClock: boolean;
  /**
   * Whether the clock moves with the wall clock from its start (default), so that one-off triggers (the
   * debounced rescore after a matrix edit) and schedules fall due; false: only the page's controls move it.
   */
  ticking?: boolean;
}

export interface Selection {
  tab: string;
  row: number;
  column: number;
}

/** Menu entries for the page; a submenu's items are listed in place. */
function entries(items: MenuRecord["items"]): MenuEntry[] {
  return items.flatMap((e): MenuEntry[] =>
    e.kind === "item"
      ? [{ caption: e.caption }]
      : e.kind === "separator"
        ? [{ separator: true }]
        : entries(e.menu.items),
  );
}

const quoted = (tab: string) => `'${tab.replace(/'/g, "''")}'`;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export class LocalSession {
  private unsaved = false;
  /** Counts changes to the workbook, so the page can tell when a background run changed it. */
  private version = 0;
  /** How far the user moved the clock forward (ms). */
  private offset = 0;
  private readonly origin: { clock: number; wall: number };
  constructor(private readonly o: SessionOptions) {
    this.origin = { clock: o.runtime.clock.now(), wall: Date.now() };
  }

  get runtime(): LocalRuntime {
    return this.o.runtime;
  }

  get script(): ScriptHandle {
    return this.o.script;
  }

  /** Moves the runtime's clock on by the wall time elapsed since the start, plus what the user added. */
  private tick(): void {
    const { clock } = this.o.runtime;
    if (this.o.ticking === false) return;
    clock.set(Math.max(clock.now(), this.origin.clock + (Date.now() - this.origin.wall) + this.offset));
  }

  status(): PageStatus {
    const rt = this.o.runtime;
    const start = new Date(this.origin.clock).toISOString().slice(0, 10);
    const next = rt.triggers.earliest();
    return {
      workbook: this.o.label,
      note: this.o.saved
        ? `Save writes ${this.o.saved.path} (the first save keeps each original file as <file>.bak)${this.o.state ? `, and the add-on's properties and triggers to ${this.o.state.file}` : ""}.`
        : `The demo runs in memory, on a clock that started at its fixed date (${start}); nothing is saved. Open your own files with npm start -- --workbook <folder|file.xlsx>.`,
      canSave: this.o.saved !== undefined,
      unsaved: this.unsaved,
      version: this.version,
      clock: rt.clock.date().toISOString(),
      realClock: this.o.realClock,
      outbox: rt.outbox.length,
      nextTrigger: next === undefined ? null : new Date(next).toISOString(),
    };
  }

  info(): PageInfo {
    const ui = this.o.runtime.ui;
    const menu = ui.menus.find((m) => m.addon) ?? null;
    return {
      menu: menu && { title: menu.title, items: entries(menu.items) },
      tabs: this.o.runtime.sheetNames().map((name) => {
        const s = this.o.runtime.sheet(name);
        return {
          name,
          rows: s._store.lastRow(),
          columns: s._store.lastColumn(),
          hidden: s._hidden,
        };
      }),
      status: this.status(),
    };
  }

  view(tab: string): TabView {
    return tabView(this.o.runtime, tab);
  }

  /** Runs `fn` as one user action and collects what it showed. */
  private act(fn: () => TriggerRun[] | undefined, changes = true): ActionResult {
    this.tick();
    const ui = this.o.runtime.ui;
    const from = {
      toasts: ui.toasts.length,
      alerts: ui.alerts.length,
      prompts: ui.prompts.length,
      shown: ui.shown.length,
    };
    let error: string | undefined;
    try {
      const failed = (fn() ?? []).find((r) => r.error !== undefined);
      if (failed) error = `${failed.handler} failed: ${message(failed.error)}`;
    } catch (e) {
      error = message(e);
    }
    if (changes) {
      this.unsaved = true;
      this.version++;
    }
    const events: UiEvent[] = [
      ...ui.toasts
        .slice(from.toasts)
        .map((t) => ({ kind: "toast" as const, title: t.title, message: t.message })),
      ...[...ui.alerts.slice(from.alerts), ...ui.prompts.slice(from.prompts)].map((a) => ({
        kind: "alert" as const,
        title: a.title,
        message: a.prompt,
      })),
      ...ui.shown
        .slice(from.shown)
        .map(
          (s, i): UiEvent =>
            s.kind === "sidebar"
              ? { kind: "sidebar" }
              : { kind: "dialog", id: from.shown + i, title: s.title, width: s.width, height: s.height },
        ),
    ];
    return { events, error, status: this.status() };
  }

  /** A user typing or pasting `values` at (row, column) of `tab`: onEdit, then onChange (EDIT). */
  edit(tab: string, row: number, column: number, values: string[][]): ActionResult {
    const rt = this.o.runtime;
    const a1 = `${quoted(tab)}!${a1Of(row, column, values.length, values[0].length)}`;
    return this.act(() => {
      rt.sheet(tab)._grow(row + values.length - 1, column + values[0].length - 1);
      rt.select(a1);
      return [
        ...rt.edit(a1, values, { throwOnError: false }),
        ...rt.fireChange("EDIT", { throwOnError: false }),
      ];
    });
  }

  /** Clicks an add-on menu item with `selection` as the active cell. */
  menu(caption: string, selection?: Selection): ActionResult {
    const rt = this.o.runtime;
    return this.act(() => {
      if (selection) rt.select(`${quoted(selection.tab)}!${a1Of(selection.row, selection.column)}`);
      rt.clickMenu(caption);
      return undefined;
    });
  }

  /** Fires the scheduled run (every time-driven trigger) now. */
  runSchedule(): ActionResult {
    const rt = this.o.runtime;
    if (!rt.triggers.of(EventType.CLOCK).length)
      return {
        events: [],
        error: "No schedule is on: turn it on in the sidebar (Schedule).",
        status: this.status(),
      };
    return this.act(() => rt.runClockTriggersNow({ throwOnError: false }));
  }

  /** Moves the clock forward, firing each scheduled run that falls due on the way. */
  advance(ms: number): ActionResult {
    this.offset += ms;
    return this.act(() => this.o.runtime.advanceAndRun(ms, { throwOnError: false }));
  }

  /** Fires the time-driven triggers that fell due as time passed (called every few seconds). */
  runDue(): void {
    if (this.o.runtime.triggers.earliest() === undefined) return;
    this.tick();
    if (this.o.runtime.runDueTriggers({ throwOnError: false }).length) {
      this.unsaved = true;
      this.version++;
    }
  }

  async save(): Promise<ActionResult & { files: string[] }> {
    this.tick();
    if (!this.o.saved)
      throw new Error("The demo runs in memory and is not saved: start with --workbook to save.");
    const files = [
      ...(await this.o.saved.save(this.o.runtime.tabs())),
      ...((await this.o.state?.save(this.o.runtime)) ?? []),
    ];
    this.unsaved = false;
    return { events: [], files, status: this.status() };
  }

  /** Saves if anything changed since the last save (on exit). */
  async saveIfChanged(): Promise<string[]> {
    return this.o.saved && this.unsaved ? (await this.save()).files : [];
  }

  dialogHtml(id: number): string | undefined {
    const shown = this.o.runtime.ui.shown[id];
    return shown && shown.kind !== "sidebar" ? shown.html : undefined;
  }

  outbox(): OutboxMail[] {
    return this.o.runtime.outbox.map((m) => ({
      to: m.to,
      cc: m.cc,
      subject: m.subject,
      body: m.body,
      htmlBody: m.htmlBody ?? null,
      at: m.at.toISOString(),
    }));
  }
}
