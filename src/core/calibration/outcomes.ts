// Reading the outcome column: TRUE/FALSE, yes/no, 1/0 (text, numbers or booleans). Blank means the lead is
// still open and is left out of every statistic; anything else unreadable is counted and reported.
import type { CellValue, WorkbookInput } from "../types";
import { columnIndex, settingValue } from "./columns";
import { cellKey } from "./values";

const YES = new Set(["true", "yes", "y", "1", "won", "converted", "x"]);
const NO = new Set(["false", "no", "n", "0", "lost", "not converted"]);

/** true/false for a readable outcome, null for blank (open), undefined for unreadable text. */
export function parseOutcome(v: CellValue | undefined): boolean | null | undefined {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v === 1 ? true : v === 0 ? false : undefined;
  const k = cellKey(v);
  if (k === "") return null;
  if (YES.has(k)) return true;
  if (NO.has(k)) return false;
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
  const fromSettings = settingValue(input.settings, "Outcome column");
  const wanted = column?.trim() || (fromSettings ? String(fromSettings).trim() : "") || "Converted";
  const headers = input.leads[0] ?? [];
  const idx = columnIndex(headers, wanted);
  if (idx < 0) throw new Error(`Leads has no "${wanted}" column for the outcome (set it with --outcome).`);
  const labels: (boolean | null)[] = [];
  let unreadable = 0;
  for (let r = 1; r < input.leads.length; r++) {
    const o = parseOutcome(input.leads[r]?.[idx]);
    if (o === undefined) unreadable++;
    labels.push(o ?? null);
  }
  return { column: String(headers[idx]).trim(), columnIndex: idx, labels, unreadable };
}
