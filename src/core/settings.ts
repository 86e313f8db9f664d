// Settings tab: small tables side by side, each found by its header cells in row 1.
import { DEFAULT_GRADES } from "./grades";
import { normalizeHeader } from "./headers";
import {
  DEFAULT_SCORE_CEILING,
  DEFAULT_SCORE_FLOOR,
  SETTING,
  saysNone,
  settingKey,
  settingNamed,
  settingValue,
} from "./known-settings";
import { modelKey } from "./model-names";
import { problem } from "./problems";
import { bandFaults, DEFAULT_TIERS } from "./tiers";
import { type ZoneClock, zoneClock } from "./time";
import type { CellValue, Grade, Grid, GroupLimit, Problem, Settings, Severity, Tier } from "./types";
import { TAB } from "./types";
import { cellText, isBlank, normText, parseNumber, parseYesNo } from "./values";

export function defaultSettings(): Settings {
  return {
    leadKey: settingValue({}, SETTING.leadKey),
    scoreFloor: settingValue({}, SETTING.scoreFloor),
    scoreCeiling: settingValue({}, SETTING.scoreCeiling),
    halfLifeDays: settingValue({}, SETTING.halfLifeDays),
    gradeGroup: settingValue({}, SETTING.gradeGroup),
    tiers: DEFAULT_TIERS.map((t) => ({ ...t })),
    modelTiers: [],
    groupLimits: [],
    grades: DEFAULT_GRADES.map((g) => ({ ...g })),
    engagementBands: [],
    values: {},
  };
}

/** The clock a workbook's cells are read with: the spreadsheet's zone and the Date format setting. */
export function workbookClock(timeZone: string, settings: Settings): ZoneClock {
  return zoneClock(timeZone, settingValue(settings.values, SETTING.dateFormat));
}

/** A table = its first column and the columns of its other headers, all in row 1. */
export interface SettingsTable {
  col: number;
  /** Column index per wanted header (normalized name → index), -1 when absent. */
  cols: Record<string, number>;
  /** Header text as spelt, per column index. */
  spelt: Map<number, string>;
}

/** Finds a table whose first header is `first`, looking for `others` in the contiguous headers after it. */
export function findSettingsTable(
  headers: readonly CellValue[],
  first: string,
  others: string[],
): SettingsTable | null {
  for (let c = 0; c < headers.length; c++) {
    if (isBlank(headers[c]) || normalizeHeader(headers[c]) !== first) continue;
    const cols: Record<string, number> = {};
    const spelt = new Map<number, string>([[c, cellText(headers[c])]]);
    for (const o of others) cols[o] = -1;
    for (let k = c + 1; k < headers.length && !isBlank(headers[k]); k++) {
      const h = normalizeHeader(headers[k]);
      if (h in cols && cols[h] === -1) {
        cols[h] = k;
        spelt.set(k, cellText(headers[k]));
      }
    }
    if (others.length === 0 || cols[others[0]] !== -1) return { col: c, cols, spelt };
  }
  return null;
}

/** A Settings cell a later check points at: its sheet row and header as spelt. */
export interface SettingsCell {
  row: number;
  column: string;
}

/** Where parseSettings found what it read, for the checks made once the matrix is known (group-checks.ts). */
export interface SettingsCells {
  /** The Value cell of each setting (normalized name; the last row of a repeated setting). */
  values: Map<string, SettingsCell>;
  /** The Group cell of each group limit kept. */
  groupLimits: Map<GroupLimit, SettingsCell>;
  /** The Model cell of each model's first Tier row (normalized model name). */
  modelTiers: Map<string, SettingsCell>;
}

/** Parse the Settings grid (undefined = no Settings tab): missing values take the documented defaults. */
export function parseSettings(grid: Grid | undefined): {
  settings: Settings;
  problems: Problem[];
  cells: SettingsCells;
} {
  const settings = defaultSettings();
  const problems: Problem[] = [];
  const cells: SettingsCells = { values: new Map(), groupLimits: new Map(), modelTiers: new Map() };
  if (!grid || grid.length === 0) return { settings, problems, cells };
  const headers = grid[0] ?? [];
  const cell = (r: number, c: number): CellValue => (c < 0 ? null : (grid[r]?.[c] ?? null));

  const kv = findSettingsTable(headers, "setting", ["value"]);
  if (kv) {
    const vc = kv.cols.value;
    const valueHeader = kv.spelt.get(vc) ?? "Value";
    for (let r = 1; r < grid.length; r++) {
      const name = cell(r, kv.col);
      if (isBlank(name)) continue;
      const v = cell(r, vc);
      settings.values[settingKey(name)] = v;
      cells.values.set(settingKey(name), { row: r + 1, column: valueHeader });
      const read = settingNamed(name)?.read(v, cellText(name));
      if (read && "message" in read) problems.push(settingsProblem(r, valueHeader, read.message, read.fix));
    }
    // A setting on several rows: the last row counts, as it did when rows were read one by one.
    settings.leadKey = settingValue(settings.values, SETTING.leadKey);
    settings.scoreFloor = settingValue(settings.values, SETTING.scoreFloor);
    settings.scoreCeiling = settingValue(settings.values, SETTING.scoreCeiling);
    settings.halfLifeDays = settingValue(settings.values, SETTING.halfLifeDays);
    settings.gradeGroup = settingValue(settings.values, SETTING.gradeGroup);
  }
  const { scoreFloor: lo, scoreCeiling: hi } = settings;
  if (lo !== null && hi !== null && lo > hi) {
    const floorAt = cells.values.get(normalizeHeader(SETTING.scoreFloor.name));
    const ceilingAt = cells.values.get(normalizeHeader(SETTING.scoreCeiling.name));
    // One of the two was typed (both defaults cannot cross); the problem points at the floor when it was.
    const at = floorAt ?? ceilingAt;
    const rowOf = (c: SettingsCell | undefined) => (c ? ` (row ${c.row})` : " (the default)");
    problems.push(
      problem(
        TAB.settings,
        at?.row ?? 0,
        at?.column ?? "Value",
        `Score floor ${lo}${rowOf(floorAt)} is above the score ceiling ${hi}${rowOf(ceilingAt)}; the defaults ${DEFAULT_SCORE_FLOOR} and ${DEFAULT_SCORE_CEILING} are used.`,
        "Make the floor lower than the ceiling, or set one of them to none.",
      ),
    );
    settings.scoreFloor = DEFAULT_SCORE_FLOOR;
    settings.scoreCeiling = DEFAULT_SCORE_CEILING;
  }

  const tt = findSettingsTable(headers, "tier", ["min score", "notify", "model"]);
  if (tt) {
    // Rows with a blank Model are the default tiers; each model named in the column has its own.
    const modelCol = tt.cols.model;
    const models = new Map<string, { shown: string; row: number }>();
    for (let r = 1; r < grid.length && modelCol >= 0; r++) {
      const m = cell(r, modelCol);
      if (isBlank(m) || isBlank(cell(r, tt.col)) || models.has(modelKey(m))) continue;
      models.set(modelKey(m), { shown: cellText(m), row: r + 1 });
    }
    const tiersOf = (model: string) =>
      parseTierTable(grid, tt.col, tt.cols["min score"], tt.cols.notify, tt.spelt, problems, (r) =>
        modelCol < 0 ? true : modelKey(cell(r, modelCol)) === model,
      );
    const tiers = tiersOf("");
    if (tiers.length > 0) settings.tiers = tiers;
    for (const [key, { shown, row }] of models) {
      const own = tiersOf(key);
      if (own.length === 0) continue;
      settings.modelTiers.push({ model: shown, tiers: own });
      cells.modelTiers.set(key, { row, column: tt.spelt.get(modelCol) ?? "Model" });
    }
  }
  const gt = findSettingsTable(headers, "grade", ["min points"]);
  if (gt) {
    const grades = parseGradeTable(grid, gt.col, gt.cols["min points"], gt.spelt, problems);
    if (grades.length > 0) settings.grades = grades;
  }
  const et = findSettingsTable(headers, "engagement band", ["min points"]);
  if (et) {
    settings.engagementBands = parseBands(
      grid,
      et.col,
      et.cols["min points"],
      et.spelt,
      problems,
      ENGAGEMENT_BAND,
    )
      .map(({ label, min }) => ({ name: label, minPoints: min }))
      .sort((a, b) => a.minPoints - b.minPoints);
  }
  const lt = findSettingsTable(headers, "group", ["min", "max"]);
  if (lt) settings.groupLimits = parseGroupLimits(grid, lt, problems, cells.groupLimits);
  return { settings, problems, cells };
}

/** A problem at 0-based row `r` of the Settings grid. */
function settingsProblem(
  r: number,
  column: string,
  message: string,
  fix: string,
  severity?: Severity,
): Problem {
  return problem(TAB.settings, r + 1, column, message, fix, severity);
}

/** The sheet row where a table already named `label` (compared like every text), or undefined after noting row `r`. */
function earlierRow(seen: Map<string, number>, label: string, r: number): number | undefined {
  const key = normText(label);
  const first = seen.get(key);
  if (first === undefined) seen.set(key, r + 1);
  return first;
}

interface BandKind {
  noun: "Tier" | "Grade" | "Engagement band";
  minHeader: string;
  minFix: string;
  /** What a lead's band is found from, for the same-minimum message. */
  measure: string;
}

const TIER_BAND: BandKind = {
  noun: "Tier",
  minHeader: "Min Score",
  minFix: "Enter the lowest score of the tier, e.g. 61.",
  measure: "score",
};
const GRADE_BAND: BandKind = {
  noun: "Grade",
  minHeader: "Min Points",
  minFix: "Enter the lowest grade-group total for the grade, e.g. 30.",
  measure: "grade-group total",
};

const ENGAGEMENT_BAND: BandKind = {
  noun: "Engagement band",
  minHeader: "Min Points",
  minFix: "Enter the lowest engagement total (every group but the grade group) for the band, e.g. 20.",
  measure: "engagement total",
};

interface Band {
  /** 0-based grid row. */
  r: number;
  label: string;
  min: number;
}

/**
 * Named rows with a numeric minimum (tiers, grades): rows with a blank name are not bands; a row without a
 * number, with a repeated name or with a repeated minimum is reported and skipped (bandFaults is the rule).
 */
function parseBands(
  grid: Grid,
  nameCol: number,
  minCol: number,
  spelt: Map<number, string>,
  problems: Problem[],
  kind: BandKind,
  /** Which 0-based grid rows belong to the table read (a Tier table holds one per model). */
  rowIn: (r: number) => boolean = () => true,
): Band[] {
  const rows: Band[] = [];
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    if (isBlank(row[nameCol]) || !rowIn(r)) continue;
    rows.push({ r, label: cellText(row[nameCol]), min: parseNumber(row[minCol] ?? null) });
  }
  const faults = bandFaults(
    rows.map((b) => ({ name: b.label, min: b.min })),
    true,
  );
  const noun = kind.noun.toLowerCase();
  const bands: Band[] = [];
  rows.forEach(({ r, label, min }, i) => {
    // One message a row, the one to fix first: the number, then the name, then the minimum.
    const fault =
      faults[i].find((f) => f.kind === "no-min") ??
      faults[i].find((f) => f.kind === "same-name") ??
      faults[i].find((f) => f.kind === "same-min");
    if (!fault) bands.push({ r, label, min });
    else if (fault.kind === "no-min")
      problems.push(
        settingsProblem(
          r,
          spelt.get(minCol) ?? kind.minHeader,
          `${kind.noun} ${label} has no numeric ${kind.minHeader} ("${cellText(grid[r][minCol] ?? null)}"); the ${noun} is skipped.`,
          kind.minFix,
        ),
      );
    else if (fault.kind === "same-name")
      problems.push(
        settingsProblem(
          r,
          spelt.get(nameCol) ?? kind.noun,
          `${kind.noun} ${label} is also on row ${rows[fault.earlier].r + 1}; this row is skipped.`,
          `Give each ${noun} a different name.`,
        ),
      );
    else if (fault.kind === "same-min") {
      const same = rows[fault.earlier];
      problems.push(
        settingsProblem(
          r,
          spelt.get(minCol) ?? kind.minHeader,
          `${kind.noun} ${label} has the same ${kind.minHeader} (${min}) as ${same.label} on row ${same.r + 1}, so no ${kind.measure} could ever give it; this row is skipped.`,
          `Give each ${noun} a different ${kind.minHeader}.`,
        ),
      );
    }
  });
  return bands;
}

function parseTierTable(
  grid: Grid,
  nameCol: number,
  minCol: number,
  notifyCol: number,
  spelt: Map<number, string>,
  problems: Problem[],
  rowIn?: (r: number) => boolean,
): Tier[] {
  const tiers = parseBands(grid, nameCol, minCol, spelt, problems, TIER_BAND, rowIn).map(
    ({ r, label, min }) => {
      let notify = false;
      if (notifyCol >= 0) {
        const cell = grid[r]?.[notifyCol] ?? null;
        const n = parseYesNo(cell, false);
        if (n === undefined) {
          problems.push(
            settingsProblem(
              r,
              spelt.get(notifyCol) ?? "Notify",
              `Notify "${cellText(cell)}" is not yes or no; the tier does not notify.`,
              "Tick the checkbox or write TRUE/FALSE.",
              "warning",
            ),
          );
        } else notify = n;
      }
      return { name: label, minScore: min, notify };
    },
  );
  return tiers.sort((a, b) => a.minScore - b.minScore);
}

function parseGradeTable(
  grid: Grid,
  nameCol: number,
  minCol: number,
  spelt: Map<number, string>,
  problems: Problem[],
): Grade[] {
  const grades = parseBands(grid, nameCol, minCol, spelt, problems, GRADE_BAND);
  return grades
    .map(({ label, min }) => ({ name: label, minPoints: min }))
    .sort((a, b) => a.minPoints - b.minPoints);
}

function parseGroupLimits(
  grid: Grid,
  t: SettingsTable,
  problems: Problem[],
  cells: Map<GroupLimit, SettingsCell>,
): GroupLimit[] {
  const limits: GroupLimit[] = [];
  const seen = new Map<string, number>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r] ?? [];
    const name = row[t.col];
    if (isBlank(name)) continue;
    const label = cellText(name);
    const read = (key: "min" | "max"): number | null => {
      const c = t.cols[key];
      const v = c >= 0 ? (row[c] ?? null) : null;
      if (isBlank(v) || saysNone(v)) return null;
      const x = parseNumber(v);
      if (Number.isNaN(x)) {
        problems.push(
          settingsProblem(
            r,
            t.spelt.get(c) ?? key,
            `Group ${label}: ${key === "min" ? "Min" : "Max"} "${cellText(v)}" is not a number; no limit is used.`,
            "Enter a number, or leave the cell blank for no limit.",
          ),
        );
        return null;
      }
      return x;
    };
    const min = read("min");
    const max = read("max");
    if (min !== null && max !== null && min > max) {
      problems.push(
        settingsProblem(
          r,
          t.spelt.get(t.cols.min) ?? "Min",
          `Group ${label}: Min ${min} is above Max ${max}; the limits are ignored.`,
          "Make Min lower than Max.",
        ),
      );
      continue;
    }
    if (earlierRow(seen, label, r) !== undefined) {
      problems.push(
        settingsProblem(
          r,
          t.spelt.get(t.col) ?? "Group",
          `Group ${label} has limits on an earlier row too; this row is skipped.`,
          "Keep one row per group.",
        ),
      );
      continue;
    }
    const limit = { group: label, min, max };
    limits.push(limit);
    cells.set(limit, { row: r + 1, column: t.spelt.get(t.col) ?? "Group" });
  }
  return limits;
}

/**
 * Tiers from bare rows `[name, min score, notify?]` (a custom function's range). A first row whose
 * Min Score is not a number is taken as a header. Empty result → the defaults.
 */
export function tiersFromRows(rows: Grid): Tier[] {
  const grid: Grid = [["Tier", "Min Score", "Notify"], ...rows];
  const tiers = parseTierTable(grid, 0, 1, 2, new Map(), []);
  return tiers.length > 0 ? tiers : DEFAULT_TIERS.map((t) => ({ ...t }));
}

/** Grades from bare rows `[name, min points]`; see tiersFromRows. */
export function gradesFromRows(rows: Grid): Grade[] {
  const grid: Grid = [["Grade", "Min Points"], ...rows];
  const grades = parseGradeTable(grid, 0, 1, new Map(), []);
  return grades.length > 0 ? grades : DEFAULT_GRADES.map((g) => ({ ...g }));
}
