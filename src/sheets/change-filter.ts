// Which onChange events can move scores. Every triggered run costs trigger runtime (trigger-budget.ts), so
// a change that cannot affect scores runs nothing: FORMAT never does; EDIT is the edit trigger's work; a tab
// inserted or removed (INSERT_GRID, REMOVE_GRID) or OTHER (a rename among them) matters only when the shape
// of the tabs Leadscore reads changed — their names and sizes, compared with the shape last seen, a few
// cheap calls instead of a full rescore. Rows or columns inserted or removed can move any lead: stale.
import { TAB } from "../core/types";
import { readState, writeState } from "./state";
import { sheetsByName, tabKey } from "./tabs";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const SHAPE_KEY = "leadscore.inputShape";
const READ_TABS = [TAB.leads, TAB.activities, TAB.matrix, TAB.settings, TAB.lists];

/** The tabs Leadscore reads, present or not, with their used sizes. */
function inputShape(ss: Spreadsheet): string {
  const sheets = sheetsByName(ss);
  return READ_TABS.map((name) => {
    const sheet = sheets.get(tabKey(name));
    return sheet ? `${name}:${sheet.getLastRow()}x${sheet.getLastColumn()}` : `${name}:-`;
  }).join("|");
}

/** True when the change may affect scores (the caller then marks everything stale). */
export function changeMayAffectScores(ss: Spreadsheet, changeType: string | undefined): boolean {
  if (!changeType || changeType === "EDIT" || changeType === "FORMAT") return false;
  const shape = inputShape(ss);
  const changed = readState<string>(SHAPE_KEY) !== shape;
  if (changed) writeState(SHAPE_KEY, shape);
  if (changeType === "INSERT_GRID" || changeType === "REMOVE_GRID" || changeType === "OTHER") return changed;
  return true;
}
