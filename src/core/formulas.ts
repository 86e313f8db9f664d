// What the custom functions compute, as pure functions of the ranges Sheets passes in (2-D arrays with
// their header rows). Errors are thrown with a readable message: Sheets shows it on the #ERROR! cell.
import { decayWeight } from "./decay";
import { gradeFor } from "./grades";
import { normalizeHeader } from "./headers";
import { outputRow, scoreWorkbook } from "./index";
import { SETTING, settingValue } from "./known-settings";
import { sameModel } from "./model-names";
import { gradesFromRows, parseSettings, tiersFromRows } from "./settings";
import { tierFor } from "./tiers";
import { parseTimestamp, zoneClock } from "./time";
import type { CellValue, Grid, ScoreRun } from "./types";
import { cellText, isBlank, parseNumber } from "./values";

export type RangeArg = CellValue | CellValue[][] | undefined;

function grid(arg: RangeArg, name: string, required: boolean): Grid | undefined {
  if (Array.isArray(arg)) return arg;
  if (arg === undefined || arg === null || arg === "") {
    if (required)
      throw new Error(`${name} is required: pass the whole tab's range with its header row, e.g. Leads!A:Z.`);
    return undefined;
  }
  throw new Error(`${name} must be a range with its header row (e.g. Leads!A:Z), not a single value.`);
}

/** The as-of time: the argument, else the Settings "Scored at" cell (written by every scoring run), else now. */
function asOfTime(arg: RangeArg, settings: Grid | undefined, timeZone: string, now: Date): Date {
  const value = Array.isArray(arg) ? arg[0]?.[0] : arg;
  const clock = zoneClock(timeZone);
  if (!isBlank(value as CellValue)) {
    const t = parseTimestamp(value as CellValue, clock);
    if (Number.isNaN(t)) throw new Error(`as_of "${String(value)}" is not a date or ISO 8601 time.`);
    return new Date(t);
  }
  const scoredAt = settingValue(parseSettings(settings).settings.values, SETTING.scoredAt);
  const t = isBlank(scoredAt) ? Number.NaN : parseTimestamp(scoredAt, clock);
  return Number.isNaN(t) ? now : new Date(t);
}

/**
 * What a formula runs in: the spreadsheet's time zone, its Lists tab (for `in list @Name`, read only when no
 * lists argument is given), and now.
 */
export interface FormulaContext {
  timeZone: string;
  lists(): Grid | undefined;
  now: Date;
}

/** A range with more than one cell: Sheets passes a single cell as its value, never as a 1×1 array. */
const isRange = (arg: RangeArg): arg is CellValue[][] =>
  Array.isArray(arg) && (arg.length > 1 || (arg[0]?.length ?? 0) > 1);

/**
 * Arguments: leads, activities, matrix, settings?, as_of?, lists?. The Lists range may also stand in the
 * as_of position (as_of is one cell, so a range there can only be the lists): passing it makes Sheets
 * recalculate the formula when a list is edited; without it the Lists tab is read outside the arguments.
 */
function run(args: RangeArg[], { timeZone, lists, now }: FormulaContext) {
  const [leads, activities, matrix, settings, fifth, sixth] = args;
  const [asOf, listsArg] = isRange(fifth) ? [undefined, fifth] : [fifth, sixth];
  const settingsGrid = grid(settings, "settings", false);
  const input = {
    leads: grid(leads, "leads", true)!,
    activities: grid(activities, "activities", false),
    matrix: grid(matrix, "matrix", true),
    settings: settingsGrid,
    lists: grid(listsArg, "lists", false) ?? lists(),
  };
  const result = scoreWorkbook(input, { asOf: asOfTime(asOf, settingsGrid, timeZone, now), timeZone });
  return { input, result };
}

/**
 * One row per row of `leads` (header included): "Score", then each lead's score ("" for non-leads). The
 * seventh argument, when not blank, names a model (Scoring Matrix `Model`): its scores, under "M Score".
 */
export function scoreColumn(args: RangeArg[], context: FormulaContext): CellValue[][] {
  const { input, result } = run(args, context);
  const chosen = modelRun(result, args[6]);
  const byRow = new Map(chosen.leads.map((l) => [l.sheetRow, l.score]));
  const header = chosen.model === "" ? "Score" : `${chosen.model} Score`;
  return input.leads.map((_, i) => [i === 0 ? header : (byRow.get(i + 1) ?? "")]);
}

/** The run of the model a formula names (blank: the default model). */
function modelRun(result: ScoreRun, arg: RangeArg): ScoreRun {
  const name = Array.isArray(arg) ? (arg[0]?.[0] ?? "") : (arg ?? "");
  if (isBlank(name)) return result;
  const found = result.models.find((m) => sameModel(m.model, name));
  if (found) return found;
  const known = result.models.map((m) => m.model);
  throw new Error(
    known.length
      ? `model "${cellText(name)}" is not in the Scoring Matrix's Model column; its models are ${known.join(", ")} (leave model blank for the default score).`
      : `model "${cellText(name)}": the Scoring Matrix has no Model column with named models; leave model blank.`,
  );
}

/** Like scoreColumn with every output column but "Scored At" (the named models' columns included). */
export function detailRows(args: RangeArg[], context: FormulaContext): CellValue[][] {
  const { input, result } = run(args, context);
  const at = result.outputHeaders.indexOf("Scored At");
  const cut = (row: readonly CellValue[]) => [...row.slice(0, at), ...row.slice(at + 1)];
  const byRow = new Map(result.leads.map((l) => [l.sheetRow, cut(outputRow(result, l))]));
  const blank = Array.from({ length: result.outputHeaders.length - 1 }, () => "");
  return input.leads.map((_, i) => (i === 0 ? cut(result.outputHeaders) : (byRow.get(i + 1) ?? blank)));
}

/** Applies `fn` to a value or to every cell of a range, as Sheets array formulas expect. */
function mapCells(arg: RangeArg, fn: (v: CellValue) => CellValue): CellValue | CellValue[][] {
  return Array.isArray(arg) ? arg.map((row) => row.map((v) => (isBlank(v) ? "" : fn(v)))) : fn(arg ?? "");
}

function number(v: CellValue, name: string): number {
  const x = parseNumber(v);
  if (Number.isNaN(x)) throw new Error(`${name} "${String(v)}" is not a number.`);
  return x;
}

/** Data rows of a small table range, with or without its header row. */
function tableRows(arg: RangeArg, firstHeader: string): Grid {
  const g = grid(arg, `${firstHeader}s range`, true)!;
  return normalizeHeader(g[0]?.[0]) === firstHeader ? g.slice(1) : g;
}

export function tierOf(score: RangeArg, tiers: RangeArg): CellValue | CellValue[][] {
  const list =
    tiers === undefined || tiers === ""
      ? parseSettings(undefined).settings.tiers
      : tiersFromRows(tableRows(tiers, "tier"));
  if (list.length === 0) throw new Error("tiers_range has no tiers: give Tier | Min Score rows.");
  return mapCells(score, (v) => tierFor(number(v, "score"), list).name);
}

export function gradeOf(points: RangeArg, grades: RangeArg): CellValue | CellValue[][] {
  const list =
    grades === undefined || grades === ""
      ? parseSettings(undefined).settings.grades
      : gradesFromRows(tableRows(grades, "grade"));
  if (list.length === 0) throw new Error("grades_range has no grades: give Grade | Min Points rows.");
  return mapCells(points, (v) => gradeFor(number(v, "points"), list).name);
}

export function decayed(
  points: RangeArg,
  ageDays: RangeArg,
  halfLifeDays: RangeArg,
): CellValue | CellValue[][] {
  const age = number((Array.isArray(ageDays) ? ageDays[0]?.[0] : ageDays) ?? "", "age_days");
  const hlValue = (Array.isArray(halfLifeDays) ? halfLifeDays[0]?.[0] : halfLifeDays) ?? "";
  const hl = isBlank(hlValue) ? null : number(hlValue, "half_life_days");
  if (age < 0) throw new Error(`age_days ${age} is negative: give the activity's age in days.`);
  return mapCells(points, (v) => number(v, "points") * decayWeight(age, hl === 0 ? null : hl));
}
