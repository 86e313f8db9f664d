// Setup's touches on the Leads tab, which may be the user's own: only sheet-level objects (a conditional
// format rule list and a warning-only protection) are added, never a cell value. Both are found again by a
// marker, so running setup twice adds nothing, and the user's own rules and protections are kept.

import { columnLetter } from "../core/a1";
import { normalizeHeader } from "../core/headers";
import { contiguousRuns } from "../core/output-columns";
import { DEFAULT_TIERS } from "../core/tiers";
import type { CellValue } from "../core/types";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const OUTPUT_PROTECTION_DESCRIPTION = "Leadscore output columns";

/** Soft fills per default tier; a tier missing here gets no colour. */
export const TIER_COLOURS: Readonly<Record<string, string>> = {
  "Sales-ready": "#d9ead3",
  Hot: "#fce5cd",
  Warm: "#fff2cc",
  Cold: "#efefef",
};

/** 0-based columns of the headers that exist in the row (missing ones skipped). */
function columnsOf(headerRow: readonly CellValue[], headers: readonly string[]): number[] {
  const at = new Map<string, number>();
  headerRow.forEach((h, i) => {
    const key = normalizeHeader(String(h ?? ""));
    if (key && !at.has(key)) at.set(key, i);
  });
  const cols: number[] = [];
  for (const h of headers) {
    const c = at.get(normalizeHeader(h));
    if (c !== undefined && !cols.includes(c)) cols.push(c);
  }
  return cols;
}

/** Whole columns in A1 ("E:E"), so the rule and the protection also cover rows added later. */
function wholeColumns(sheet: Sheet, first: number, count: number): GoogleAppsScript.Spreadsheet.Range {
  return sheet.getRange(`${columnLetter(first + 1)}:${columnLetter(first + count)}`);
}

/** A rule is ours when it tests "text is exactly <default tier name>"; the user may have restyled it. */
function isTierRule(rule: GoogleAppsScript.Spreadsheet.ConditionalFormatRule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition || condition.getCriteriaType() !== SpreadsheetApp.BooleanCriteria.TEXT_EQUAL_TO)
    return false;
  const value = normalizeHeader(String(condition.getCriteriaValues()[0] ?? ""));
  return DEFAULT_TIERS.some((t) => normalizeHeader(t.name) === value);
}

/**
 * Colours the Tier column, one text-is-exactly rule per default tier, appended after the user's rules
 * (one get, one set). Skipped when the tab has no Tier column or already has a tier rule. Returns whether
 * it added rules.
 */
export function ensureTierFormatting(sheet: Sheet, headerRow: readonly CellValue[]): boolean {
  const [tierCol] = columnsOf(headerRow, ["Tier"]);
  if (tierCol === undefined) return false;
  const rules = sheet.getConditionalFormatRules();
  if (rules.some(isTierRule)) return false;
  const range = wholeColumns(sheet, tierCol, 1);
  for (const tier of DEFAULT_TIERS) {
    const colour = TIER_COLOURS[tier.name];
    if (!colour) continue;
    rules.push(
      SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo(tier.name)
        .setBackground(colour)
        .setRanges([range])
        .build(),
    );
  }
  sheet.setConditionalFormatRules(rules);
  return true;
}

/**
 * Protects the output columns present on the tab with a warning-only protection (users may still edit,
 * after a confirmation), one per run of adjacent columns. Skipped when a protection with our description
 * already exists on the tab. Returns whether it added a protection.
 */
export function ensureOutputProtection(
  sheet: Sheet,
  headerRow: readonly CellValue[],
  outputHeaders: readonly string[],
): boolean {
  const cols = columnsOf(headerRow, outputHeaders);
  if (cols.length === 0) return false;
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE);
  if (existing.some((p) => p.getDescription() === OUTPUT_PROTECTION_DESCRIPTION)) return false;
  for (const run of contiguousRuns(cols)) {
    wholeColumns(sheet, run.start, run.indexes.length)
      .protect()
      .setDescription(OUTPUT_PROTECTION_DESCRIPTION)
      .setWarningOnly(true);
  }
  return true;
}
