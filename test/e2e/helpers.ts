// Loads the BUILT add-on (dist/Code.js) into the local runtime, the way Apps Script would run it.
import { readFileSync } from "node:fs";
import { outputRow, scoreWorkbook } from "../../src/core";
import { findColumn } from "../../src/core/headers";
import { type CellValue, type Grid, TAB, type WorkbookInput } from "../../src/core/types";
import { DEFAULT_END, demoWorkbook } from "../../src/demo";
import {
  createRuntime,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type ScriptHandle,
  type TabValues,
} from "../../src/local/gas";

const dist = (file: string) => readFileSync(new URL(`../../dist/${file}`, import.meta.url), "utf8");
export const CODE = dist("Code.js");
const SIDEBAR = dist("sidebar.html");

export interface Addon {
  runtime: LocalRuntime;
  script: ScriptHandle;
}

export function loadAddon(tabs: TabValues[], options: LocalRuntimeOptions = {}): Addon {
  const runtime = createRuntime({ now: DEFAULT_END, files: { sidebar: SIDEBAR }, ...options });
  runtime.loadTabs(tabs);
  const script = runtime.load(CODE);
  return { runtime, script };
}

/** The demo workbook's tabs, generated (equal to examples/demo, see test/demo). */
export function demoTabs(options: Parameters<typeof demoWorkbook>[0] = {}): TabValues[] {
  return demoWorkbook(options).tabs.map((t) => ({ name: t.name, values: t.values }));
}

export function tab(tabs: TabValues[], name: string): Grid | undefined {
  return tabs.find((t) => t.name === name)?.values;
}

export function inputOf(tabs: TabValues[]): WorkbookInput {
  return {
    leads: tab(tabs, TAB.leads)!,
    matrix: tab(tabs, TAB.matrix),
    activities: tab(tabs, TAB.activities),
    settings: tab(tabs, TAB.settings),
    lists: tab(tabs, TAB.lists),
  };
}

/** What the engine says every lead's output cells should be: sheet row → values by output header. */
export function engineOutputs(
  input: WorkbookInput,
  asOf: Date,
  timeZone = "UTC",
): Map<number, Record<string, CellValue>> {
  const run = scoreWorkbook(input, { asOf, timeZone });
  return new Map(
    run.leads.map((lead) => {
      const row = outputRow(run, lead);
      return [lead.sheetRow, Object.fromEntries(run.outputHeaders.map((h, i) => [h, row[i]]))];
    }),
  );
}

/** The Leads tab's output cells as the add-on wrote them: sheet row → values by header. */
export function sheetOutputs(leads: Grid, headers: string[]): Map<number, Record<string, CellValue>> {
  const cols = headers.map((h) => findColumn(leads[0], h));
  const out = new Map<number, Record<string, CellValue>>();
  for (let r = 1; r < leads.length; r++) {
    out.set(r + 1, Object.fromEntries(headers.map((h, i) => [h, cols[i] >= 0 ? leads[r][cols[i]] : null])));
  }
  return out;
}

/** Dates from the vm realm compare by time. */
export function plain(v: CellValue | undefined): unknown {
  return v instanceof Date || Object.prototype.toString.call(v) === "[object Date]"
    ? (v as Date).toISOString()
    : v;
}
