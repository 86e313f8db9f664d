// Domain types shared by every layer. The engine (src/core) produces them; the sheet adapter, the CLI,
// the custom functions, notifications, calibration and the sidebar consume them.

/** One cell as SpreadsheetApp's getValues returns it ("" for blank); null is tolerated from other readers. */
export type CellValue = string | number | boolean | Date | null;

/** A tab's values: row 0 holds the headers, row i is sheet row i + 1. */
export type Grid = CellValue[][];

/**
 * A tab read cell by cell: a Grid (gridTable), or a CSV reader's column store, which keeps a million-row
 * Activity Log as codes and bytes rather than a million row arrays and strings for the collector to copy.
 */
export interface CellTable {
  /** Rows, the header row (row 0) included. */
  readonly length: number;
  /** Row r's cell in column c: undefined or "" past the end of the row. */
  cell(r: number, c: number): CellValue | undefined;
  /** Row r's cells (a new array per call from a column store: for the few rows a message quotes). */
  row(r: number): CellValue[];
  /**
   * Per row, the instant (epoch ms) of column c's cell where it is UTC ISO 8601 text that the reader
   * parsed already (utcIsoInstant), NaN elsewhere and past the end; null (or absent) when it parsed none.
   */
  instants?(c: number): Float64Array | null;
  /**
   * Column c's cells coded by value as its reader found them (CodedColumn), or null (or absent) where it
   * did not code every field of the column.
   */
  codes?(c: number): CodedColumn | null;
}

/**
 * A column's cells coded by value, as a CSV reader finds them: row r's cell is values[codes[r] - 1], or,
 * where codes[r] is 0 (or r is past the end), only in the table. Lets a pass resolve each distinct value
 * once instead of reading a million cells. A value may stand at more than one code (a file read in two
 * parts lists each part's values), so a pass keys what it makes of a value by code, not by value.
 */
export interface CodedColumn {
  codes: Uint8Array | Uint16Array | Int32Array;
  values: readonly CellValue[];
}

/** The workbook tabs the engine reads. A missing optional tab is undefined. */
export interface WorkbookInput {
  leads: Grid;
  matrix?: Grid;
  activities?: Grid;
  /**
   * The Activity Log as its reader stored it: scoring reads it instead of `activities`, which then holds
   * the same cells, made as a Grid only if something else asks for them.
   */
  activityTable?: CellTable;
  settings?: Grid;
  lists?: Grid;
}

export const TAB = {
  leads: "Leads",
  activities: "Activity Log",
  matrix: "Scoring Matrix",
  settings: "Settings",
  lists: "Lists",
} as const;

export type Severity = "error" | "warning";

/**
 * Kinds of problem that code tells apart, so no one matches message text (the wording may change):
 * rule-needs-numbers: a numeric rule met text in the column it tests (a problem the matrix causes).
 */
export type ProblemCode = "rule-needs-numbers" | "no-activities-yet";

/** A problem found in the user's data: where it is, what is wrong, and how to fix it. */
export interface Problem {
  tab: string;
  /** 1-based sheet row (1 = header row); 0 when the problem is about the whole tab. */
  row: number;
  /** Header name of the column as the user spelt it; "" when the problem is about a whole row or tab. */
  column: string;
  message: string;
  fix: string;
  severity: Severity;
  /** Set for the kinds of problem code must tell apart; absent for the others. */
  code?: ProblemCode;
}

export interface Tier {
  name: string;
  minScore: number;
  notify: boolean;
}

/** Settings' Tier rows whose `Model` cell names a model: that model's own tiers. */
export interface ModelTiers {
  /** As first spelt in the Tier table's Model column (compared trimmed, case-insensitive). */
  model: string;
  /** Ascending by minScore; never empty. */
  tiers: Tier[];
}

export interface Grade {
  name: string;
  minPoints: number;
}

/** A row of Settings' `Engagement Band | Min Points` table: the second character of Priority (A1). */
export interface EngagementBand {
  name: string;
  minPoints: number;
}

export interface GroupLimit {
  group: string;
  min: number | null;
  max: number | null;
}

/** Parsed Settings tab. `values` keeps every Setting|Value row for features outside the engine. */
export interface Settings {
  leadKey: string;
  scoreFloor: number | null;
  scoreCeiling: number | null;
  halfLifeDays: number | null;
  gradeGroup: string;
  /** Ascending by minScore: the Tier rows with a blank Model (the default model, and models without their own). */
  tiers: Tier[];
  /** Named models' own tiers (Tier table rows with a Model); a model without rows here uses `tiers`. */
  modelTiers: ModelTiers[];
  groupLimits: GroupLimit[];
  /** Ascending by minPoints. */
  grades: Grade[];
  /** Ascending by minPoints; empty when Settings has no Engagement Band table (no Priority column). */
  engagementBands: EngagementBand[];
  /** Every Setting|Value row; key = normalized name (trim, lower case, single spaces). */
  values: Record<string, CellValue>;
}

export interface ScoreOptions {
  asOf: Date;
  /** IANA zone; date-only text means midnight there. */
  timeZone: string;
  /** Score only these Leads sheet rows (2 = first data row); problems are still reported for all. */
  onlyRows?: ReadonlySet<number>;
  /** Per-lead as-of time (calibration backtests); undefined → asOf. */
  asOfForLead?: (sheetRow: number) => Date | undefined;
}

export interface RuleContribution {
  /** Scoring Matrix sheet row. */
  ruleRow: number;
  label: string;
  group: string;
  /** The rule's Points. */
  points: number;
  /** What the rule added to its group (Points × sum of weights for activity rules). */
  value: number;
  /** Activities counted; 1 for a lead rule. */
  count: number;
  /** Mean decay weight of the counted activities; 1 for a lead rule. */
  weight: number;
}

/** An Only If rule whose own condition matched the lead: whether it counted, and how each term came out. */
export interface OnlyIfOutcome {
  ruleRow: number;
  label: string;
  group: string;
  counted: boolean;
  terms: { label: string; negate: boolean; held: boolean }[];
}

/** A reset that applied to the lead: its newest matching activity erased the group's earlier ones. */
export interface AppliedReset {
  ruleRow: number;
  label: string;
  group: string;
  at: Date;
  /** Activities of the group's rules that matched but were erased. */
  erased: number;
}

export interface LeadConditions {
  onlyIf: OnlyIfOutcome[];
  resets: AppliedReset[];
}

export interface GroupTotal {
  group: string;
  raw: number;
  /** raw clamped to the group's Min/Max. */
  total: number;
  capped: "min" | "max" | null;
}

export interface LeadScore {
  sheetRow: number;
  key: string;
  score: number;
  tier: string;
  grade: string;
  /** Grade followed by the engagement band (A1); "" without a band table or a grade. */
  priority: string;
  /** In run.groupNames order. */
  groups: GroupTotal[];
  reasons: string;
  nextTier: { name: string; pointsNeeded: number } | null;
  /** Sum of the group totals before rounding and floor/ceiling. */
  rawScore: number;
  /** Which score limit changed the rounded score, if any. */
  clamped: "floor" | "ceiling" | null;
  /** The as-of time this lead was scored at. */
  asOf: Date;
}

export interface ScoreRun {
  /** "" for the default model (Scoring Matrix rows with a blank `Model`), else the model's name as first spelt. */
  model: string;
  /**
   * The named models' runs (Scoring Matrix `Model` column), in matrix order of first appearance; empty on a
   * named model's own run and in a workbook without models. Each scores only its model's rules, with its own
   * tiers when Settings gives them, and its `leads` are aligned index by index with this run's. Their
   * `problems` are empty: every problem of the workbook is on this run's.
   */
  models: ScoreRun[];
  settings: Settings;
  /** Groups with ≥ 1 active rule, in matrix order of first appearance (user's spelling). */
  groupNames: string[];
  /**
   * ["Score","Tier","Grade", ("Priority"), "<Group> Score"..., "Top Reasons", "Scored At"], then each named
   * model's headers; on a named model's run, that model's: ["M Score","M Tier", ("M Grade", ("M Priority")),
   * "M Top Reasons"] (Grade when the model has a rule in the grade group, Priority also with bands).
   */
  outputHeaders: string[];
  /** Leads row order; rows skipped as broken are absent. */
  leads: LeadScore[];
  problems: Problem[];
  asOf: Date;
  /** The lead's non-zero rule contributions, matrix order (made on request: see contributions.ts). */
  contributions(lead: LeadScore): RuleContribution[];
  /** The lead's Only If outcomes and resets, for explanations (made on request, like contributions). */
  conditions(lead: LeadScore): LeadConditions;
}
