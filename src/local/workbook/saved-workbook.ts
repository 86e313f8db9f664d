// A workbook opened for editing and saved back where it came from. A folder: each tab is "<tab>.csv"
// (the add-on's own tabs too, so Problems, Score History and Leadscore State survive a restart), written
// with patchCsv so unchanged cells keep their bytes; a tab whose file would not change is not touched.
// An .xlsx file: the original is opened again and only changed cells are set, so formatting stays.
// Every write is atomic (a temporary file in the same folder, then rename), and the first save of each
// file keeps the original as "<file>.bak" next to it (never overwritten later).
import { constants } from "node:fs";
import { copyFile, open, readFile, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Grid } from "../../core/types";
import { toCsv } from "./csv";
import { patchCsv, sameCell } from "./csv-patch";
import { readCsvFolder, tabFileName } from "./folder";
import type { CsvFormat } from "./sniff";
import type { Tab } from "./tab";
import { readXlsx } from "./xlsx";
import { patchXlsx } from "./xlsx-patch";

const isXlsx = (path: string) => /\.xlsx$/i.test(path);

/** Copies `file` to "<file>.bak" unless that exists already (a file that does not exist yet needs none). */
async function keepBackup(file: string): Promise<void> {
  try {
    await copyFile(file, `${file}.bak`, constants.COPYFILE_EXCL);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "EEXIST" && code !== "ENOENT") throw e;
  }
}

/** Writes `data` to a temporary file beside `file`, flushes it, then renames it over `file`. */
export async function writeAtomic(
  file: string,
  data: Buffer | ((tmp: string) => Promise<void>),
): Promise<void> {
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  try {
    if (typeof data === "function") await data(tmp);
    else {
      const handle = await open(tmp, "w");
      try {
        await handle.writeFile(data);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

interface Saved {
  values: Grid;
  bytes?: Buffer;
  format?: CsvFormat;
}

/** The file's new bytes in its own delimiter and encoding; a cell that encoding cannot hold names the file. */
function patched(file: string, before: Saved, values: Grid): Buffer {
  try {
    return patchCsv(before.bytes!, before.values, values, before.format);
  } catch (e) {
    throw new Error(`Cannot save ${file}: ${e instanceof Error ? e.message : e}`);
  }
}

const copyGrid = (g: Grid): Grid => g.map((row) => row.slice());

export class SavedWorkbook {
  private constructor(
    readonly path: string,
    /** Per tab: the grid as last read or saved, and (CSV) the file's bytes then and how it is saved. */
    private readonly saved: Map<string, Saved>,
    readonly tabs: Tab[],
  ) {}

  static async open(path: string): Promise<SavedWorkbook> {
    if (isXlsx(path)) {
      const tabs = await readXlsx(path);
      return new SavedWorkbook(
        path,
        new Map(tabs.map((t) => [t.name, { values: copyGrid(t.values) }])),
        tabs,
      );
    }
    const tabs = await readCsvFolder(path);
    const saved = new Map<string, Saved>();
    for (const t of tabs)
      saved.set(t.name, {
        values: copyGrid(t.values),
        bytes: await readFile(join(path, tabFileName(t.name))),
        format: t.csv?.format,
      });
    return new SavedWorkbook(path, saved, tabs);
  }

  /** Writes the tabs that changed since the last read or save; returns the files written. */
  async save(tabs: Tab[]): Promise<string[]> {
    if (isXlsx(this.path)) {
      const changed = tabs.some(
        (t) => !this.saved.has(t.name) || !sameGrid(this.saved.get(t.name)!.values, t.values),
      );
      if (!changed) return [];
      await keepBackup(this.path);
      await writeAtomic(this.path, (tmp) => patchXlsx(this.path, tmp, tabs, this.saved));
      for (const t of tabs) this.saved.set(t.name, { values: copyGrid(t.values) });
      return [this.path];
    }
    const written: string[] = [];
    for (const t of tabs) {
      const before = this.saved.get(t.name);
      const file = join(this.path, tabFileName(t.name));
      const bytes = before?.bytes ? patched(file, before, t.values) : Buffer.from(toCsv(t.values), "utf8");
      if (before?.bytes?.equals(bytes)) continue;
      await keepBackup(file);
      await writeAtomic(file, bytes);
      this.saved.set(t.name, { values: copyGrid(t.values), bytes, format: before?.format });
      written.push(file);
    }
    return written;
  }
}

function sameGrid(a: Grid, b: Grid): boolean {
  if (a.length !== b.length) return false;
  return a.every((row, r) => row.length === b[r].length && row.every((v, c) => sameCell(v, b[r][c])));
}
