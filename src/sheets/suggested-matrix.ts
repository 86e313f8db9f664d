// The Suggested Matrix tab: the fitted matrix as an ordinary, valid matrix (the engine finds its columns by
// header and ignores the rest), a "Current Points" column beside Points, and a summary block at the right.
// Applying it copies only its matrix columns, so the user may edit the suggestion before applying it.
import { findColumn, normalizeHeader } from "../core";
import { type FitReport, keptRulesNote } from "../core/calibration";
import type { CellValue, Grid } from "../core/types";
import { cellText, isBlank, parseYesNo } from "../core/values";

export const SUGGESTED_TAB = "Suggested Matrix";
export const CURRENT_POINTS = "Current Points";

function conditionKey(get: (name: string) => CellValue | undefined): string {
  const event = cellText(get("Event") ?? "");
  const source = cellText(get("Source") ?? "") || (event ? "Activity" : "Lead");
  return [source, event, get("Field"), get("Operator"), get("Value")]
    .map((v) => normalizeHeader(cellText(v ?? "")))
    .join("|");
}

/** Points of the current matrix's active rules by Rule label and by condition (the first rule wins). */
export function currentPoints(
  matrix: Grid | undefined,
): (get: (name: string) => CellValue | undefined) => CellValue {
  const byLabel = new Map<string, CellValue>();
  const byCondition = new Map<string, CellValue>();
  if (matrix && matrix.length > 0) {
    const h = matrix[0];
    for (let r = 1; r < matrix.length; r++) {
      const row = matrix[r];
      const get = (name: string) => {
        const c = findColumn(h, name);
        return c >= 0 ? row[c] : undefined;
      };
      if (row.every((v) => isBlank(v)) || parseYesNo(get("Active") ?? "", true) === false) continue;
      const points = get("Points") ?? "";
      const label = normalizeHeader(cellText(get("Rule") ?? ""));
      if (label && !byLabel.has(label)) byLabel.set(label, points);
      const key = conditionKey(get);
      if (!byCondition.has(key)) byCondition.set(key, points);
    }
  }
  return (get) =>
    byLabel.get(normalizeHeader(cellText(get("Rule") ?? ""))) ?? byCondition.get(conditionKey(get)) ?? "";
}

function round(x: number | null): number | string {
  return x === null ? "n/a" : Math.round(x * 10000) / 10000;
}

export interface SuggestedFigures {
  aucCurrent: number | null;
  aucSuggested: number;
  /** What the AUCs were measured on, e.g. "500 held-out leads". */
  measuredOn: string;
  flags: string[];
  /** What to do about the flags, worded for the sidebar (shown on the tab after the flags). */
  hints: string[];
}

/** Summary lines shown beside the matrix (and, in full, in the note on its header). */
export function summaryLines(report: FitReport, figures: SuggestedFigures, at: Date): [string, CellValue][] {
  const kept = keptRulesNote(report);
  const model: [string, CellValue][] = [
    ...(report.model ? [["Model", report.model] as [string, CellValue]] : []),
    ...(kept ? [["Other models", kept] as [string, CellValue]] : []),
  ];
  return [
    ["AUC, current matrix", round(figures.aucCurrent)],
    ["AUC, suggested", round(figures.aucSuggested)],
    ["Measured on", figures.measuredOn],
    [
      "Starting points",
      `Every lead gets ${report.baseline_points} from the Baseline rule: it keeps scores mid-range between the floor and ceiling and does not change how leads rank.`,
    ],
    ...model,
    ["Outcome column", report.outcome_column],
    ["Labelled leads", report.leads_labelled],
    ["Conversions", report.conversions],
    ["Suggested at", at],
    ["Flags", figures.flags.length ? [...figures.flags, ...figures.hints].join("\n") : "None"],
  ];
}

/**
 * The tab's grid: the fitted matrix with Current Points after Points, a blank column, then the summary as
 * Summary | Value rows beside the rules. Summary lines are cut at the last rule row, because a row holding
 * only summary cells would read as a (broken) rule.
 */
export function suggestedGrid(fitted: Grid, current: Grid | undefined, summary: [string, CellValue][]): Grid {
  const header = fitted[0].map(cellText);
  const pointsAt = findColumn(header, "Points");
  const insertAt = pointsAt >= 0 ? pointsAt + 1 : header.length;
  const activeAt = findColumn(header, "Active");
  const lookup = currentPoints(current);
  const rows = fitted.map((row, r) => {
    const get = (name: string) => {
      const c = findColumn(header, name);
      return c >= 0 ? row[c] : undefined;
    };
    const out = row.slice();
    // The fitted grid spells Active as CSV text; the tab gets a boolean, since its text is written literally.
    if (r > 0 && activeAt >= 0) out[activeAt] = parseYesNo(out[activeAt], true) ?? out[activeAt];
    out.splice(insertAt, 0, r === 0 ? CURRENT_POINTS : lookup(get));
    const line = r === 0 ? ["Summary", "Value"] : (summary[r - 1] ?? ["", ""]);
    return [...out, "", ...line];
  });
  return rows;
}

/** The full summary as text, for the note on the Summary header. */
export function summaryNote(summary: [string, CellValue][]): string {
  const text = (v: CellValue) => (v instanceof Date ? v.toISOString() : cellText(v));
  return summary.map(([k, v]) => `${k}: ${text(v)}`).join("\n");
}

/**
 * A short fingerprint of matrix rows (FNV-1a over their text): the figures of a suggestion hold only while
 * both the Suggested Matrix and the Scoring Matrix are the ones they were measured on.
 */
export function rulesFingerprint(...matrices: readonly (readonly CellValue[])[][]): string {
  let h = 0x811c9dc5;
  const text = matrices.map((rows) => rows.map((r) => r.map(cellText).join("\u0001")).join("\u0002"));
  for (const ch of text.join("\u0003")) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}
