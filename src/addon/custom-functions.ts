// Custom functions. Each takes whole ranges (2-D arrays) and returns a whole column, so a sheet makes one
// call per column, not one per row. Sheets reads the JSDoc below from dist/Code.js for autocomplete.
import { decayed, detailRows, gradeOf, type RangeArg, scoreColumn, tierOf } from "../core/formulas";
import { formulaContext } from "../sheets/formula-context";

/**
 * Scores every lead: one row per row of the leads range (its header row gets "Score"). Lists for
 * `in list @Name` rules come from the lists argument (so editing a list recalculates), else the Lists tab.
 *
 * @param {A1:Z} leads The Leads tab's range, header row included.
 * @param {A1:E} activities The Activity Log's range, header row included (or "" for none).
 * @param {A1:L} matrix The Scoring Matrix's range, header row included.
 * @param {A1:M} settings Optional: the Settings tab's range.
 * @param {A1} as_of Optional: the time to score at; default the Settings "Scored at" cell (so decay
 *     follows each scoring run), else now.
 * @param {Lists!A:C} lists Optional: the Lists tab's range; it may also take as_of's place.
 * @param {"Product"} model Optional: a model of the matrix's Model column; its scores instead of the
 *     default model's (pass "" for the arguments before it that you skip).
 * @return A column of scores aligned with the leads range.
 * @customfunction
 */
export function LEADSCORE(
  leads: RangeArg,
  activities: RangeArg,
  matrix: RangeArg,
  settings?: RangeArg,
  as_of?: RangeArg,
  lists?: RangeArg,
  model?: RangeArg,
) {
  return scoreColumn([leads, activities, matrix, settings, as_of, lists, model], formulaContext());
}

/**
 * Score, Tier, Grade, each group's score and the top reasons for every lead, with a header row.
 *
 * @param {A1:Z} leads The Leads tab's range, header row included.
 * @param {A1:E} activities The Activity Log's range, header row included (or "" for none).
 * @param {A1:L} matrix The Scoring Matrix's range, header row included.
 * @param {A1:M} settings Optional: the Settings tab's range.
 * @param {A1} as_of Optional: the time to score at; default the Settings "Scored at" cell, else now.
 * @param {Lists!A:C} lists Optional: the Lists tab's range; it may also take as_of's place.
 * @return Rows aligned with the leads range.
 * @customfunction
 */
export function LEADSCORE_DETAIL(
  leads: RangeArg,
  activities: RangeArg,
  matrix: RangeArg,
  settings?: RangeArg,
  as_of?: RangeArg,
  lists?: RangeArg,
) {
  return detailRows([leads, activities, matrix, settings, as_of, lists], formulaContext());
}

/**
 * The tier of a score (or of each score in a range).
 *
 * @param {85} score A score, or a range of scores.
 * @param {Settings!E1:G5} tiers_range Optional: Tier | Min Score rows; default Cold 0, Warm 31, Hot 61, Sales-ready 86.
 * @return The tier name(s).
 * @customfunction
 */
export function LEADTIER(score: RangeArg, tiers_range?: RangeArg) {
  return tierOf(score, tiers_range);
}

/**
 * The grade of a group's points (or of each value in a range).
 *
 * @param {35} points Fit points, or a range of them.
 * @param {Settings!L1:M6} grades_range Optional: Grade | Min Points rows; default A 40, B 30, C 20, D 10, F 0.
 * @return The grade name(s).
 * @customfunction
 */
export function LEADGRADE(points: RangeArg, grades_range?: RangeArg) {
  return gradeOf(points, grades_range);
}

/**
 * What points are worth after decay: points × 0.5^(age_days / half_life_days).
 *
 * @param {10} points Points, or a range of them.
 * @param {30} age_days The activity's age in days.
 * @param {14} half_life_days The half-life in days (blank or 0: no decay).
 * @return The decayed points.
 * @customfunction
 */
export function LEADDECAY(points: RangeArg, age_days: RangeArg, half_life_days: RangeArg) {
  return decayed(points, age_days, half_life_days);
}
