// Reading the outcome column: yes/no cells as the engine reads them (TRUE/FALSE, yes/no, 1/0, ticks) plus
// the words a CRM uses for an outcome (won/lost). Blank means the lead is still open and is left out of
// every statistic; anything else unreadable is counted and reported.
import { findColumn, headerText } from "../headers";
import { parseSettings } from "../settings";
import type { CellValue, WorkbookInput } from "../types";
import { cellText, isBlank, normText, parseYesNo } from "../values";
import { CalibrationError } from "./errors";

const WON = new Set(["won", "converted"]);
const LOST = new Set(["lost", "not converted"]);

/** true/false for a readable outcome, null for blank (open), undefined for unreadable text. */
export function parseOutcome(v: CellValue | undefined): boolean | null | undefined {
  if (isBlank(v)) return null;
  const yes = parseYesNo(v, false);
  if (yes !== undefined) return yes;
  const k = normText(v);
  if (WON.has(k)) return true;
  if (LOST.has(k)) return false;
  return undefined;
}

export interface Outcomes {
  column: string;
  columnIndex: number;
  /** Per data row (grid row i + 1): true, false or null (open / unreadable). */
  labels: (boolean | null)[];
  unreadable: number;
}

/** The outcome column: the option, else Settings "Outcome column", else "Converted". Throws when missing. */
export function readOutcomes(input: WorkbookInput, column?: string): Outcomes {
  const fromSettings = cellText(parseSettings(input.settings).settings.values["outcome column"]);
  const wanted = column?.trim() || fromSettings || "Converted";
  const headers = input.leads[0] ?? [];
  const idx = findColumn(headers, wanted);
  if (idx < 0) throw new CalibrationError({ kind: "no-outcome-column", column: wanted });
  const labels: (boolean | null)[] = [];
  let unreadable = 0;
  for (let r = 1; r < input.leads.length; r++) {
    const o = parseOutcome(input.leads[r]?.[idx]);
    if (o === undefined) unreadable++;
    labels.push(o ?? null);
  }
  return { column: headerText(headers, idx), columnIndex: idx, labels, unreadable };
}
