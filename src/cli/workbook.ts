// Loads a workbook (CSV folder or .xlsx) into the engine's input, finding tabs by name like the sheet does.
import { normalizeHeader } from "../core/headers";
import { type Problem, TAB, type WorkbookInput } from "../core/types";
import { readWorkbook, type Tab } from "../local/workbook";
import { checkWorkbook } from "./paths";

export interface LoadedWorkbook {
  input: WorkbookInput;
  tabs: Tab[];
  /** One line per CSV file not read as plain UTF-8 with commas, e.g. `Leads.csv: read as Windows-1252, delimiter ";"`. */
  formats: string[];
  /** What was wrong with the files themselves (malformed quotes), by tab, row and column. */
  problems: Problem[];
}

const DELIMITER_NAME = { ",": "','", ";": "';'", "\t": "tab" } as const;

export async function loadWorkbook(path: string): Promise<LoadedWorkbook> {
  await checkWorkbook(path);
  // The Activity Log coded (kept by column, its lead keys resolved once per lead: see resolveKeys).
  const activities = normalizeHeader(TAB.activities);
  const tabs = await readWorkbook(path, (name) => normalizeHeader(name) === activities);
  const byName = new Map(tabs.map((t) => [normalizeHeader(t.name), t]));
  const tab = (name: string) => byName.get(normalizeHeader(name))?.values;
  const leads = tab(TAB.leads);
  if (!leads)
    throw new Error(
      `${path} has no "${TAB.leads}" tab (a Leads.csv file or a Leads sheet). To start a workbook from a CRM or form export, run leadscore init <folder> --from <export.csv>.`,
    );
  const formats = tabs.flatMap(({ csv }) =>
    csv && (csv.format.encoding !== "UTF-8" || csv.format.delimiter !== ",")
      ? [`${csv.file}: read as ${csv.format.encoding}, delimiter ${DELIMITER_NAME[csv.format.delimiter]}`]
      : [],
  );
  const log = byName.get(activities);
  return {
    input: {
      leads,
      matrix: tab(TAB.matrix),
      // Scoring reads the table; the grid is made only for a command that asks for it (fit, sql).
      get activities() {
        return log?.values;
      },
      activityTable: log?.table,
      settings: tab(TAB.settings),
      lists: tab(TAB.lists),
    },
    tabs,
    formats,
    problems: tabs.flatMap((t) => t.problems ?? []),
  };
}
