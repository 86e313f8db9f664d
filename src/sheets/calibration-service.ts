// Calibration in the sheet: the report for the sidebar, point suggestions written to a Suggested Matrix tab,
// applying or restoring a matrix (the replaced one always kept in Matrix History, then a rescore), and the
// Calibration chart tab. Each tab is read once per call; each block is one write.
import type {
  ApplyPreview,
  CalibrationRequest,
  LeadColumns,
  MatrixVersion,
  SidebarState,
  SuggestRequest,
  SuggestSummary,
} from "../contract";
import { MATRIX_COLUMNS, normalizeHeader, scoreWorkbook, validateWorkbook } from "../core";
import {
  type BacktestOption,
  type CalibrateOptions,
  CalibrationError,
  type CalibrationFailure,
  type CalibrationReport,
  calibrate,
  columnChoices,
  type FitResult,
  fitMatrix,
  leakageColumns,
} from "../core/calibration";
import { matrixModels, modelRunOf } from "../core/model-names";
import { type CellValue, type Grid, type ScoreRun, TAB, type WorkbookInput } from "../core/types";
import { cellText } from "../core/values";
import { withMatrix } from "../core/with-matrix";
import { CALIBRATION_TAB, writeCalibrationTab } from "./calibration-charts";
import { withDocumentLock } from "./lock";
import { appendVersion, HISTORY_TAB, historyVersions, secondOf } from "./matrix-history";
import { matrixRows, RULE_COLUMNS, replaceMatrix, writeBlock } from "./matrix-tab";
import { runFullScoring, tierCounts } from "./scoring";
import { sidebarState } from "./sidebar-service";
import { KEY, readState, writeState } from "./state";
import {
  rulesFingerprint,
  SUGGESTED_TAB,
  type SuggestedFigures,
  suggestedGrid,
  summaryLines,
  summaryNote,
} from "./suggested-matrix";
import { readGrid, sheetsByName, tabKey } from "./tabs";
import { MissingTabError, readWorkbook, type SheetWorkbook } from "./workbook";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LOCK_MS = 10_000;
const MODES = new Set(["created-plus", "before-conversion", "none"]);

function backtestOption(b: NonNullable<CalibrationRequest["backtest"]>): BacktestOption {
  const days = Number(b.days);
  if (!MODES.has(b.mode)) throw new Error(`Unknown backtest mode "${b.mode}".`);
  if (!Number.isFinite(days) || days < 0) throw new Error("Backtest days must be a number of 0 or more.");
  return { mode: b.mode, days };
}

/** How to fix a calibration failure from the sidebar's Calibration panel. */
function sidebarFix(f: CalibrationFailure): string {
  switch (f.kind) {
    case "no-outcome-column":
      return "Choose the outcome column in the Outcome column list, or set Outcome column on the Settings tab.";
    case "no-lead-key-column":
      return "Correct Lead key on the Settings tab, or add that column to Leads.";
    case "one-outcome-only":
      return "Choose an outcome column with both outcomes in the Outcome column list, or fill in the outcome of more leads.";
    case "no-backtest-column":
      return `Add a "${f.column}" column to Leads, or choose another option under "Score each lead as of".`;
    case "unknown-model":
      return "Choose a model in the Model list (reopen the sidebar if the Scoring Matrix changed).";
  }
}

/**
 * Runs calibrate() or fitMatrix() for the sidebar: a failure reaches it worded with the sidebar's fix. Any
 * other error is a bug, not the user's data: the sidebar says what stopped and that nothing was written,
 * with the engine's text last (for a report), instead of a bare "Maximum call stack size exceeded".
 */
function forSidebar<T>(task: string, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof CalibrationError) throw new Error(`${e.message} ${sidebarFix(e.failure)}`);
    console.error(e); // the stack, in the Executions log
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(
      `${task} stopped on an unexpected error, so nothing was written. Try again; if it happens again, please report it with the number of leads and activities (error: ${why}).`,
    );
  }
}

/** What the sidebar can do about the leakage flags: leave the doubtful columns out. */
function leakageHints(fit: FitResult): string[] {
  const kept = leakageColumns(fit.report.leakage, false);
  return kept.length
    ? [`If ${kept.join(", ")} are filled in after the outcome, tick them under Leave out.`]
    : [];
}

/** The sidebar's request as calibrate options; the as-of time is now, the zone the spreadsheet's. */
export function calibrateOptions(
  request: CalibrationRequest | undefined,
  timeZone: string,
): CalibrateOptions {
  const options: CalibrateOptions = { asOf: new Date(), timeZone };
  const outcome = cellText(request?.outcomeColumn ?? "");
  if (outcome) options.outcomeColumn = outcome;
  if (request?.backtest) options.backtest = backtestOption(request.backtest);
  const model = cellText(request?.model ?? "").trim();
  if (model) options.model = model;
  if (request?.topTierMultiple !== undefined && request.topTierMultiple !== null) {
    const multiple = Number(request.topTierMultiple);
    if (!(multiple > 0)) throw new Error("The top-tier multiple must be a number above 0.");
    options.topTierMultiple = multiple;
  }
  return options;
}

/** The Leads columns for the outcome and leave-out pickers, and the models (one read of Leads, Settings, the matrix). */
export function leadColumns(ss: Spreadsheet): LeadColumns {
  const sheets = sheetsByName(ss);
  const leads = sheets.get(tabKey(TAB.leads));
  if (!leads) throw new MissingTabError(`This spreadsheet has no "${TAB.leads}" tab.`);
  const grid = (name: string) => {
    const sheet = sheets.get(tabKey(name));
    return sheet ? readGrid(sheet) : undefined;
  };
  const models = matrixModels(grid(TAB.matrix));
  return { ...columnChoices(readGrid(leads), grid(TAB.settings), models), models };
}

export function calibration(ss: Spreadsheet, request?: CalibrationRequest): CalibrationReport {
  const { input, timeZone } = readWorkbook(ss);
  return forSidebar("The calibration report", () => calibrate(input, calibrateOptions(request, timeZone)));
}

/** Both matrices scored on every labelled lead, as the Calibration report measures them. */
function onAllLabelled(
  input: WorkbookInput,
  suggested: Grid,
  options: CalibrateOptions,
): { aucCurrent: number | null; aucSuggested: number | null; labelled: number } {
  const hasMatrix = (input.matrix?.length ?? 0) > 1;
  const after = calibrate(withMatrix(input, suggested), options);
  return {
    aucCurrent: hasMatrix ? calibrate(input, options).auc : null,
    aucSuggested: after.auc,
    labelled: after.leads_labelled,
  };
}

/**
 * The AUCs to show: the fit's held-out figures (current matrix vs the suggestion as the engine scores it);
 * with too few leads for a holdout, both on every labelled lead, which flatters the suggestion (flagged).
 */
function figuresOf(input: WorkbookInput, fit: FitResult, options: CalibrateOptions): SuggestedFigures {
  const r = fit.report;
  if (r.auc_integer !== null) {
    return {
      aucCurrent: r.auc_current,
      aucSuggested: r.auc_integer,
      measuredOn: `${r.holdout_size} held-out leads`,
      flags: r.flags,
      hints: leakageHints(fit),
    };
  }
  const all = onAllLabelled(input, fit.matrix, options);
  return {
    aucCurrent: all.aucCurrent,
    aucSuggested: all.aucSuggested ?? 0.5,
    measuredOn: `all ${r.leads_labelled} labelled leads`,
    hints: leakageHints(fit),
    flags: [...r.flags, "Measured on the leads the points were fitted on: the suggested AUC is optimistic."],
  };
}

/** The last suggestion's figures, kept for the apply preview while neither matrix has changed. */
interface StoredSuggestion {
  fingerprint: string;
  aucCurrent: number | null;
  aucSuggested: number;
  measuredOn: string;
  outcomeColumn: string;
  /** The named model fitted, absent for the default model. */
  model?: string;
}

export function suggestPoints(ss: Spreadsheet, request?: SuggestRequest): SuggestSummary {
  return withDocumentLock(LOCK_MS, () => {
    const { input, timeZone, sheets } = readWorkbook(ss);
    const options = calibrateOptions(
      { outcomeColumn: request?.outcomeColumn, model: request?.model },
      timeZone,
    );
    const asked = request?.maxRules ?? undefined; // JSON may send null for "default"
    const maxRules = asked === undefined ? undefined : Number(asked);
    if (maxRules !== undefined && !(maxRules >= 2)) throw new Error("Allow at least 2 rules.");
    const fit = forSidebar("Suggest points", () =>
      fitMatrix(input, {
        outcomeColumn: options.outcomeColumn,
        exclude: (request?.exclude ?? []).map(cellText).filter(Boolean),
        maxRules,
        model: options.model,
        asOf: options.asOf,
        timeZone,
      }),
    );
    const figures = forSidebar("Suggest points", () => figuresOf(input, fit, options));
    const summary = summaryLines(fit.report, figures, options.asOf);
    const grid = suggestedGrid(fit.matrix, input.matrix, summary);
    let sheet = sheets.get(tabKey(SUGGESTED_TAB));
    if (sheet) sheet.clear();
    else sheet = ss.insertSheet(SUGGESTED_TAB);
    writeBlock(sheet, 1, 1, grid, grid[0]);
    sheet.getRange(1, grid[0].indexOf("Summary") + 1).setNote(summaryNote(summary));
    const stored: StoredSuggestion = {
      // Strings are written as literal text and numbers as numbers, so the tab reads back as `grid`.
      fingerprint: rulesFingerprint(matrixRows(grid), matrixRows(input.matrix)),
      aucCurrent: figures.aucCurrent,
      aucSuggested: figures.aucSuggested,
      measuredOn: figures.measuredOn,
      outcomeColumn: fit.report.outcome_column,
      ...(fit.report.model ? { model: fit.report.model } : {}),
    };
    writeState(KEY.suggestion, stored);
    return {
      tab: SUGGESTED_TAB,
      rules: fit.report.rules,
      aucCurrent: figures.aucCurrent,
      aucSuggested: figures.aucSuggested,
      measuredOn: figures.measuredOn,
      flags: figures.flags,
    };
  });
}

/** Keeps the current matrix in Matrix History, then writes `rules` to the Scoring Matrix. */
function replaceScoringMatrix(ss: Spreadsheet, workbook: SheetWorkbook, rules: CellValue[][]): void {
  const { sheets, input } = workbook;
  const matrixSheet = sheets.get(tabKey(TAB.matrix));
  const current = input.matrix ?? [];
  if (matrixSheet) {
    const history = sheets.get(tabKey(HISTORY_TAB));
    appendVersion(ss, history, history ? readGrid(history) : [], matrixRows(current), new Date());
  }
  replaceMatrix(matrixSheet ?? ss.insertSheet(TAB.matrix), current, rules);
}

/** Refuses a suggestion the engine would reject (e.g. edited into an unknown operator). */
function checkRules(workbook: SheetWorkbook, rules: CellValue[][]): void {
  const matrix = [[...RULE_COLUMNS], ...rules];
  const errors = validateWorkbook({ ...workbook.input, matrix }, workbook.timeZone).filter(
    (p) => p.severity === "error" && tabKey(p.tab) === tabKey(TAB.matrix),
  );
  if (errors.length) {
    throw new Error(
      `The ${SUGGESTED_TAB} tab has ${errors.length} problem(s), e.g. rule "${cellText(
        rules[errors[0].row - 2]?.[MATRIX_COLUMNS.indexOf("Rule")] ?? "",
      )}": ${errors[0].message} Fix it there or suggest points again.`,
    );
  }
}

/** The Suggested Matrix tab's rules, checked as the engine would read them. */
function suggestedRules(workbook: SheetWorkbook): CellValue[][] {
  const suggested = workbook.sheets.get(tabKey(SUGGESTED_TAB));
  if (!suggested) throw new Error(`There is no "${SUGGESTED_TAB}" tab yet: use Suggest points first.`);
  const rules = matrixRows(readGrid(suggested));
  if (rules.length === 0) throw new Error(`The "${SUGGESTED_TAB}" tab has no rules to apply.`);
  checkRules(workbook, rules);
  return rules;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The plain verdict: better only when the suggestion's AUC is higher at the precision shown. */
function verdictOf(
  aucCurrent: number | null,
  aucSuggested: number | null,
  measuredOn: string,
): { better: boolean; verdict: string } {
  if (aucSuggested === null) {
    return {
      better: false,
      verdict:
        "How well the suggestion ranks leads could not be measured: no labelled leads with both outcomes.",
    };
  }
  const figures = (cur: number) => `AUC ${aucSuggested.toFixed(3)} vs ${cur.toFixed(3)} on ${measuredOn}`;
  if (aucCurrent === null) {
    return {
      better: true,
      verdict: `There is no current matrix to compare with; the suggestion ranks leads at AUC ${aucSuggested.toFixed(3)}.`,
    };
  }
  if (round3(aucSuggested) > round3(aucCurrent)) {
    return {
      better: true,
      verdict: `The suggestion ranks leads better than the current matrix (${figures(aucCurrent)}).`,
    };
  }
  return {
    better: false,
    verdict:
      `The suggestion is not better than the current matrix (${figures(aucCurrent)}). ` +
      "Keep the current matrix, or suggest points again with other columns left out.",
  };
}

/** What applying the Suggested Matrix would do: tier counts now with each matrix, both AUCs, a verdict. */
export function previewSuggestedMatrix(ss: Spreadsheet): ApplyPreview {
  const workbook = readWorkbook(ss);
  const { input, timeZone } = workbook;
  const rules = suggestedRules(workbook);
  const matrix: Grid = [[...RULE_COLUMNS], ...rules];
  const asOf = new Date();
  const stored = readState<StoredSuggestion>(KEY.suggestion);
  // The tiers of the model the suggestion fitted (a model with no active rule counts no lead).
  const counts = (run: ScoreRun) => tierCounts(modelRunOf(run, stored?.model) ?? { ...run, leads: [] });
  const before = counts(scoreWorkbook(input, { asOf, timeZone }));
  const after = counts(scoreWorkbook(withMatrix(input, matrix), { asOf, timeZone }));
  const tiers = [...new Set([...Object.keys(before), ...Object.keys(after)])].map((tier) => ({
    tier,
    before: before[tier] ?? 0,
    after: after[tier] ?? 0,
  }));
  let figures: { aucCurrent: number | null; aucSuggested: number | null; measuredOn: string };
  if (stored && stored.fingerprint === rulesFingerprint(rules, matrixRows(input.matrix))) {
    figures = { ...stored, measuredOn: `${stored.measuredOn}, measured when the points were suggested` };
  } else {
    // Edited since Suggest points (or suggested elsewhere): the held-out figures no longer apply.
    const options = calibrateOptions(
      { outcomeColumn: stored?.outcomeColumn, model: stored?.model },
      timeZone,
    );
    const all = forSidebar("The preview of the suggested matrix", () =>
      onAllLabelled(input, matrix, options),
    );
    figures = {
      ...all,
      measuredOn: `all ${all.labelled} labelled leads, now (a matrix changed since Suggest points)`,
    };
  }
  const baseline = rules.find((r) => normalizeHeader(r[MATRIX_COLUMNS.indexOf("Group")]) === "baseline");
  return {
    rules: rules.length,
    tiers,
    ...figures,
    ...verdictOf(figures.aucCurrent, figures.aucSuggested, figures.measuredOn),
    baselinePoints: baseline ? Number(baseline[MATRIX_COLUMNS.indexOf("Points")]) : null,
  };
}

/**
 * Deletes the Leads columns the add-on appended when it replaced the matrix, once no group of the matrix
 * now scoring writes them. Only headers recorded when the add-on added them: a user's column of the same name, there
 * before, was found by header and never recorded.
 */
function removeStaleColumns(ss: Spreadsheet, outputs: readonly string[]): void {
  const recorded = readState<string[]>(KEY.addedColumns) ?? [];
  const used = new Set(outputs.map(normalizeHeader));
  const stale = new Set(recorded.map(normalizeHeader).filter((h) => !used.has(h)));
  if (stale.size === 0) return;
  const sheet = sheetsByName(ss).get(tabKey(TAB.leads));
  const width = sheet?.getLastColumn() ?? 0;
  if (sheet && width > 0) {
    const header = sheet.getRange(1, 1, 1, width).getValues()[0] as CellValue[];
    const seen = new Set<string>();
    const columns: number[] = [];
    header.forEach((h, c) => {
      const key = normalizeHeader(h);
      if (stale.has(key) && !seen.has(key)) columns.push(c + 1);
      seen.add(key);
    });
    // Right to left, so each deletion leaves the positions still to delete in place.
    for (const c of columns.reverse()) sheet.deleteColumn(c);
  }
  writeState(
    KEY.addedColumns,
    recorded.filter((h) => !stale.has(normalizeHeader(h))),
  );
}

/**
 * Rescores with the new matrix, deletes the columns recorded earlier that it no longer writes, and records
 * the output columns this rescore appended (a restored version's groups are recorded too, so restoring
 * back and forth never leaves one behind).
 */
function rescoreAfterReplace(ss: Spreadsheet, headersBefore: readonly CellValue[]): void {
  const { run } = runFullScoring(ss, "sidebar");
  removeStaleColumns(ss, run.outputHeaders);
  const had = new Set(headersBefore.map(normalizeHeader));
  const added = run.outputHeaders.filter((h) => !had.has(normalizeHeader(h)));
  if (added.length === 0) return;
  const recorded = readState<string[]>(KEY.addedColumns) ?? [];
  writeState(KEY.addedColumns, [...new Set([...recorded, ...added])]);
}

export function applySuggestedMatrix(ss: Spreadsheet): SidebarState {
  return withDocumentLock(LOCK_MS, () => {
    const workbook = readWorkbook(ss);
    const rules = suggestedRules(workbook);
    replaceScoringMatrix(ss, workbook, rules);
    rescoreAfterReplace(ss, workbook.input.leads[0] ?? []);
    return sidebarState(ss);
  });
}

export function matrixVersions(ss: Spreadsheet): MatrixVersion[] {
  const sheet = sheetsByName(ss).get(tabKey(HISTORY_TAB));
  if (!sheet) return [];
  return historyVersions(readGrid(sheet))
    .reverse()
    .map((v) => ({ savedAt: v.savedAt, rules: v.rules.length }));
}

export function restoreMatrix(ss: Spreadsheet, savedAt: string): SidebarState {
  const second = secondOf(savedAt);
  return withDocumentLock(LOCK_MS, () => {
    const workbook = readWorkbook(ss);
    const history = workbook.sheets.get(tabKey(HISTORY_TAB));
    const version = history
      ? historyVersions(readGrid(history)).find((v) => Date.parse(v.savedAt) / 1000 === second)
      : undefined;
    if (!version) throw new Error(`No matrix saved at ${savedAt} in the "${HISTORY_TAB}" tab.`);
    replaceScoringMatrix(ss, workbook, version.rules);
    rescoreAfterReplace(ss, workbook.input.leads[0] ?? []);
    return sidebarState(ss);
  });
}

export function createChartTab(
  ss: Spreadsheet,
  request?: CalibrationRequest,
): { tab: string; charts: number } {
  return withDocumentLock(LOCK_MS, () => {
    const { input, timeZone, sheets } = readWorkbook(ss);
    const report = forSidebar("The Calibration chart tab", () =>
      calibrate(input, calibrateOptions(request, timeZone)),
    );
    const { sheet, charts } = writeCalibrationTab(ss, sheets.get(tabKey(CALIBRATION_TAB)), report);
    sheet.activate();
    return { tab: CALIBRATION_TAB, charts };
  });
}
