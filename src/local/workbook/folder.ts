// A workbook as a folder of CSV files, one per tab, named "<tab name>.csv".
import { mkdir, readdir } from "node:fs/promises";
import { join } from "node:path";
import { TAB } from "../../core/types";
import { readCsvTable, writeCsvTable } from "./csv";
import { quoteProblems } from "./quote-problems";
import type { Tab } from "./tab";

// Characters a file name cannot hold on some OS are percent-encoded (and "%" itself, so decoding is exact).
const UNSAFE = /[%/\\:*?"<>|]/g;

export function tabFileName(tab: string): string {
  return (
    tab.replace(UNSAFE, (ch) => "%" + ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")) + ".csv"
  );
}

export function tabNameOf(file: string): string {
  return file
    .slice(0, -4)
    .replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// A folder has no tab order: the add-on's tabs come first in their usual order, the rest alphabetically.
const KNOWN: string[] = Object.values(TAB);

function order(a: string, b: string): number {
  const ia = KNOWN.indexOf(a);
  const ib = KNOWN.indexOf(b);
  if (ia !== ib) return (ia < 0 ? KNOWN.length : ia) - (ib < 0 ? KNOWN.length : ib);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `coded`: the tabs to read by column, their columns coded by value (Tab.table). */
export async function readCsvFolder(
  dir: string,
  coded: (tab: string) => boolean = () => false,
): Promise<Tab[]> {
  const files = (await readdir(dir)).filter((f) => f.toLowerCase().endsWith(".csv") && !f.startsWith("."));
  const names = files.map(tabNameOf).sort(order);
  const byName = new Map(files.map((f) => [tabNameOf(f), f]));
  return Promise.all(
    names.map(async (name): Promise<Tab> => {
      const file = byName.get(name)!;
      const read = await readCsvTable(join(dir, file), undefined, coded(name));
      const { table, format, malformed } = read;
      const headers = table ? table.row(0) : (read.values[0] ?? []);
      return {
        name,
        // Made from a coded read's table only if something asks for it.
        get values() {
          return read.values;
        },
        table,
        csv: { file, format },
        problems: quoteProblems(name, file, headers, malformed),
      };
    }),
  );
}

/** Writes each tab to "<dir>/<tab>.csv", creating the folder; other files in it are left alone. */
export async function writeCsvFolder(dir: string, tabs: Tab[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(tabs.map((t) => writeCsvTable(join(dir, tabFileName(t.name)), t.values)));
}
