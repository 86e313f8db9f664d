// Loads a workbook (CSV folder or .xlsx) into the engine's input, finding tabs by name like the sheet does.
import { normalizeHeader } from "../core/headers";
import { TAB, type WorkbookInput } from "../core/types";
import { readWorkbook } from "../local/workbook";

export interface LoadedWorkbook {
  input: WorkbookInput;
  tabs: { name: string; values: WorkbookInput["leads"] }[];
}

export async function loadWorkbook(path: string): Promise<LoadedWorkbook> {
  const tabs = await readWorkbook(path);
  const byName = new Map(tabs.map((t) => [normalizeHeader(t.name), t.values]));
  const tab = (name: string) => byName.get(normalizeHeader(name));
  const leads = tab(TAB.leads);
  if (!leads) throw new Error(`${path} has no "${TAB.leads}" tab (a Leads.csv file or a Leads sheet).`);
  return {
    input: {
      leads,
      matrix: tab(TAB.matrix),
      activities: tab(TAB.activities),
      settings: tab(TAB.settings),
      lists: tab(TAB.lists),
    },
    tabs,
  };
}
