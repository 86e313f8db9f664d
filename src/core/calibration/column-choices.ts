// The Leads columns the Calibration panel offers: outcomes (columns read as yes/no, never the add-on's own
// outputs, the key or names) and the features a fit may use, with those that leak the outcome (by name,
// see leakage.ts) ticked to be left out.
import { normalizeHeader } from "../headers";
import { isOutputKey, modelHeaders } from "../output-headers";
import { parseSettings } from "../settings";
import type { CellValue, Grid } from "../types";
import { cellText, isBlank } from "../values";
import { leaksOutcomeByName } from "./leakage";
import { parseOutcome } from "./outcomes";

export interface ColumnChoices {
  columns: string[];
  outcomes: string[];
  features: string[];
  leaveOut: string[];
}

/** Identity columns: the lead's key, addresses, names, phone. */
const IDENTITY = /(^|\b)(e[- ]?mail|e[- ]?mail address|first name|last name|full name|name|phone|mobile)$/;

/** A column read as an outcome: some cells filled, and nearly all of them yes/no-like (won/lost too). */
function outcomeLike(leads: Grid, col: number): boolean {
  let filled = 0;
  let readable = 0;
  for (let r = 1; r < leads.length; r++) {
    const v: CellValue | undefined = leads[r][col];
    if (isBlank(v)) continue;
    filled++;
    if (parseOutcome(v) !== undefined) readable++;
  }
  return filled > 0 && readable >= 0.95 * filled;
}

/** `models`: the named models, whose own output columns (`M Score`, `M Tier`, …) are outputs too. */
export function columnChoices(
  leads: Grid,
  settings: Grid | undefined,
  models: readonly string[] = [],
): ColumnChoices {
  const key = normalizeHeader(parseSettings(settings).settings.leadKey);
  const modelOutputs = new Set(models.flatMap((m) => modelHeaders(m, true, true).map(normalizeHeader)));
  const seen = new Set<string>();
  const columns: string[] = [];
  const at: number[] = [];
  (leads[0] ?? []).forEach((h, c) => {
    const name = cellText(h);
    if (!name || seen.has(normalizeHeader(name))) return;
    seen.add(normalizeHeader(name));
    columns.push(name);
    at.push(c);
  });
  const features = columns.filter((n) => {
    const k = normalizeHeader(n);
    return k !== key && !isOutputKey(k) && !modelOutputs.has(k);
  });
  const outcomes = features.filter((n) => {
    if (IDENTITY.test(normalizeHeader(n))) return false;
    return outcomeLike(leads, at[columns.indexOf(n)]);
  });
  return { columns, outcomes, features, leaveOut: features.filter(leaksOutcomeByName) };
}
