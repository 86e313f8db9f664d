// What Apps Script keeps with a spreadsheet besides its cells: the document's properties, each user's
// properties and the installable triggers (automatic scoring, the schedule). A user's own workbook keeps
// them in a sidecar file, written on each save, so that a restart of the local page finds them again:
// `.leadscore.json` inside a CSV folder, `<name>.leadscore.json` next to an .xlsx file. Each trigger keeps
// its owner: "Installable triggers always run under the account of the person who created them"
// (developers.google.com/apps-script/guides/triggers/installable), so it is restored for that user.
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { LocalRuntime } from "./gas/runtime";
import type { TriggerRecord } from "./gas/triggers";
import { writeAtomic } from "./workbook/saved-workbook";

interface SavedState {
  version: 1;
  documentProperties: Record<string, string>;
  /** By user email. */
  userProperties: Record<string, Record<string, string>>;
  triggers: TriggerRecord[];
}

/** The sidecar file of a workbook (a CSV folder or an .xlsx file). */
export function stateFile(workbook: string): string {
  return /\.xlsx$/i.test(workbook)
    ? join(dirname(workbook), `${basename(workbook).replace(/\.xlsx$/i, "")}.leadscore.json`)
    : join(workbook, ".leadscore.json");
}

function capture(rt: LocalRuntime): SavedState {
  const users: SavedState["userProperties"] = {};
  for (const [user, map] of rt.properties.user.entries()) if (map.size) users[user] = Object.fromEntries(map);
  return {
    version: 1,
    documentProperties: Object.fromEntries(rt.properties.document),
    userProperties: users,
    triggers: rt.triggers.list.map((t) => ({ ...t })),
  };
}

/** The runtime state saved beside a workbook: read on open, written on save when it changed. */
export class WorkbookState {
  private constructor(
    readonly file: string,
    /** The JSON as last read or written ("" when there is no file). */
    private written: string,
  ) {}

  static async open(workbook: string): Promise<WorkbookState> {
    const file = stateFile(workbook);
    try {
      return new WorkbookState(file, await readFile(file, "utf8"));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return new WorkbookState(file, "");
      throw e;
    }
  }

  /** Puts the saved properties and triggers into a fresh runtime (before the document opens). */
  restore(rt: LocalRuntime): void {
    if (this.written === "") return;
    let state: SavedState;
    try {
      state = JSON.parse(this.written) as SavedState;
      if (state.version !== 1) throw new Error(`version ${state.version} is not 1`);
    } catch (e) {
      throw new Error(
        `${this.file} cannot be read (${e instanceof Error ? e.message : e}). It holds the add-on's saved properties and triggers: delete it to open the workbook without them.`,
      );
    }
    for (const [k, v] of Object.entries(state.documentProperties)) rt.properties.document.set(k, v);
    for (const [user, props] of Object.entries(state.userProperties)) {
      const map = rt.properties.user.of(user);
      for (const [k, v] of Object.entries(props)) map.set(k, v);
    }
    for (const t of state.triggers) rt.triggers.restore(t);
  }

  /** Writes the runtime's state if it changed since the last read or write; returns the file, or none. */
  async save(rt: LocalRuntime): Promise<string[]> {
    const json = `${JSON.stringify(capture(rt), null, 2)}\n`;
    if (json === this.written) return [];
    await writeAtomic(this.file, Buffer.from(json, "utf8"));
    this.written = json;
    return [this.file];
  }
}
