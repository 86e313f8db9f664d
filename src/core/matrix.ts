// Scoring Matrix: parse and check every rule row once. A broken rule is reported and skipped.
import type { DerivedField } from "./derived";
import { DERIVED_FIELD_NAMES, derivedField } from "./derived";
import { findColumn, headerText, normalizeHeader } from "./headers";
import { isBlankRow } from "./leads";
import type { NamedList } from "./lists";
import { MODEL_COLUMN, modelKey } from "./model-names";
import type { OnlyIfTerm, UnusableRow } from "./only-if";
import { parseOnlyIf, resolveOnlyIf } from "./only-if";
import type { Condition, OpKind } from "./operators";
import { describeCondition, isConditionError, OPERATORS, parseOperator, prepareCondition } from "./operators";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { CountBand } from "./rule-points";
import { parsePointsCell } from "./rule-points";
import type { CellValue, Grid } from "./types";
import { TAB } from "./types";
import { cellText, isBlank, normText, parseNumber, parseYesNo } from "./values";

export interface Rule {
  /** Scoring Matrix sheet row. */
  row: number;
  label: string;
  /** Group as spelt on this row (or the default). */
  group: string;
  /** Model (Scoring Matrix `Model`) as first spelt in the matrix; "" = the default model. */
  model: string;
  source: "lead" | "activity";
  /** Normalized event name; "" = any event. */
  event: string;
  /** Event as typed, for messages. */
  eventShown: string;
  /** Field as typed; "" = no condition. */
  field: string;
  /** Column of the field in Leads (lead rules) or the Activity Log (activity rules); -1 otherwise. */
  column: number;
  derived: DerivedField | null;
  op: OpKind | null;
  condition: Condition | null;
  /** Points per match (per counted activity); 0 for a reset rule and for a banded one (see bands). */
  points: number;
  /** Activity rules: points by how many activities are counted (`1-3: 5, 4+: 10`); null = Points each. */
  bands: CountBand[] | null;
  /** Activity rule whose Points is `reset`: each matching activity erases its group's earlier activities. */
  reset: boolean;
  /** Only If: the rule counts only when every term holds (empty = always). */
  onlyIf: OnlyIfTerm[];
  /** Infinity when blank. */
  maxCount: number;
  /** Infinity when blank. */
  withinDays: number;
  /** undefined → the Settings default; null → no decay. */
  halfLifeDays: number | null | undefined;
}

export interface MatrixContext {
  leadHeaders: readonly CellValue[];
  /** null when there is no Activity Log tab (activity rules then match nothing, fields are not checked). */
  activityHeaders: readonly CellValue[] | null;
  lists: ReadonlyMap<string, NamedList>;
  sink: ProblemSink;
}

export const MATRIX_COLUMNS = [
  "Active",
  "Group",
  "Rule",
  "Source",
  "Event",
  "Field",
  "Operator",
  "Value",
  "Points",
  "Max Count",
  "Within Days",
  "Half-life Days",
] as const;

/** Columns read when present; a matrix without them scores as before (they are not written by Set up). */
export const OPTIONAL_MATRIX_COLUMNS = ["Only If", "Model"] as const;

type MatrixColumn = (typeof MATRIX_COLUMNS)[number] | (typeof OPTIONAL_MATRIX_COLUMNS)[number];

export function parseMatrix(grid: Grid | undefined, ctx: MatrixContext): Rule[] {
  const { sink } = ctx;
  if (!grid || grid.length === 0) {
    sink.add(
      problem(
        TAB.matrix,
        0,
        "",
        "There is no Scoring Matrix, so every lead scores 0.",
        "Run Set up workbook to add the starter matrix, or add a Scoring Matrix tab with one rule per row.",
        "warning",
      ),
    );
    return [];
  }
  const layout = matrixLayout(grid[0] ?? []);
  if (layout.col.Points < 0) {
    sink.add(
      problem(
        TAB.matrix,
        1,
        "Points",
        "The Scoring Matrix has no Points column, so no rule can score.",
        `Add the headers ${MATRIX_COLUMNS.join(", ")} to row 1.`,
      ),
    );
    return [];
  }
  let rules: Rule[] = [];
  let filled = 0;
  let firstInactive = 0;
  /** Rows Only If may name that give no rule (with their model key); the RuleRow of each rule. */
  const unusable: { u: UnusableRow; model: string }[] = [];
  const rowOf = new Map<Rule, RuleRow>();
  /** Model key (trimmed, case-insensitive) → the name as first spelt. */
  const models = new Map<string, string>();
  const modelOf = (row: RuleRow): string => {
    const shown = cellText(row.get(MODEL_COLUMN));
    const key = modelKey(shown);
    if (!models.has(key)) models.set(key, shown);
    return key;
  };
  for (let r = 1; r < grid.length; r++) {
    const cells = grid[r];
    if (isBlankRow(cells)) continue;
    filled++;
    const row = new RuleRow(layout, cells, r + 1, sink);
    const model = modelOf(row);
    if (parseYesNo(row.get("Active"), true) === false) {
      firstInactive ||= row.row;
      unusable.push({ u: { row: row.row, label: cellText(row.get("Rule")), off: true }, model });
      continue;
    }
    const rule = parseRule(row, ctx);
    if (rule) {
      rule.model = model;
      rules.push(rule);
      rowOf.set(rule, row);
    } else unusable.push({ u: { row: row.row, label: cellText(row.get("Rule")), off: false }, model });
  }
  for (const rule of rules) rule.model = models.get(rule.model)!;
  if (rules.some((r) => r.onlyIf.length > 0)) {
    const report = {
      skip: (rule: Rule, message: string, fix: string) => rowOf.get(rule)!.broken("Only If", message, fix),
      warn: (rule: Rule, message: string, fix: string) => rowOf.get(rule)!.warn("Only If", message, fix),
    };
    // Only If names rules of its own model: each model's labels are resolved apart, and a label found
    // only in another model is reported as such.
    const kept = new Set<Rule>();
    for (const [key, name] of models) {
      const own = rules.filter((r) => modelKey(r.model) === key);
      const elsewhere: UnusableRow[] = [
        ...rules
          .filter((r) => modelKey(r.model) !== key)
          .map((r) => ({ row: r.row, label: r.label, off: false, model: r.model })),
        ...unusable.filter((x) => x.model !== key).map((x) => ({ ...x.u, model: models.get(x.model)! })),
      ];
      const mine = unusable.filter((x) => x.model === key).map((x) => x.u);
      for (const r of resolveOnlyIf(own, [...mine, ...elsewhere], report, name)) kept.add(r);
    }
    rules = rules.filter((r) => kept.has(r));
  }
  if (rules.length === 0) sink.add(noRuleProblem(layout, filled, firstInactive));
  return rules;
}

/** Why no rule scores (every lead then scores 0): no rule rows, every rule inactive, or every active one broken. */
function noRuleProblem(layout: MatrixLayout, filled: number, firstInactive: number) {
  const active = layout.col.Active >= 0 ? headerText(layout.headers, layout.col.Active) : "Active";
  if (filled === 0) {
    return problem(
      TAB.matrix,
      1,
      "",
      "The Scoring Matrix has a header row but no rules under it, so every lead scores 0.",
      "Add one rule per row under row 1, or delete the tab and run Set up workbook for the starter rules.",
      "warning",
    );
  }
  if (firstInactive > 0) {
    return problem(
      TAB.matrix,
      firstInactive,
      active,
      `No rule is active (${filled === 1 ? "the one rule is" : `all ${filled} rules are`} switched off or broken), so every lead scores 0.`,
      `Tick ${active} on the rules to use, and fix the rules reported above.`,
      "warning",
    );
  }
  return problem(
    TAB.matrix,
    0,
    "",
    "No rule can score: every rule has a problem (see the rows above), so every lead scores 0.",
    "Fix the rules reported for the Scoring Matrix.",
  );
}

/** Where each matrix column is (-1 when absent) and how row 1 spells it. */
interface MatrixLayout {
  col: Record<MatrixColumn, number>;
  headers: readonly CellValue[];
}

function matrixLayout(headers: readonly CellValue[]): MatrixLayout {
  const col = {} as Record<MatrixColumn, number>;
  for (const name of [...MATRIX_COLUMNS, ...OPTIONAL_MATRIX_COLUMNS]) col[name] = findColumn(headers, name);
  if (col["Half-life Days"] < 0) col["Half-life Days"] = findColumn(headers, "Half life Days");
  return { col, headers };
}

/** One matrix row: its cells by column name, and its problems reported on the right cell. */
class RuleRow {
  constructor(
    private readonly layout: MatrixLayout,
    private readonly cells: readonly CellValue[],
    /** Sheet row. */
    readonly row: number,
    private readonly sink: ProblemSink,
  ) {}

  get(name: MatrixColumn): CellValue {
    const c = this.layout.col[name];
    return c >= 0 ? (this.cells[c] ?? null) : null;
  }

  /** The column's header as spelt in row 1 (the canonical name when absent). */
  spelt(name: MatrixColumn): string {
    const c = this.layout.col[name];
    return c >= 0 ? headerText(this.layout.headers, c) : name;
  }

  /** Reports a problem that skips the rule; returns null for `return row.broken(…)`. */
  broken(name: MatrixColumn, message: string, fix: string): null {
    this.sink.add(problem(TAB.matrix, this.row, this.spelt(name), `${message} The rule is skipped.`, fix));
    return null;
  }

  warn(name: MatrixColumn, message: string, fix: string): void {
    this.sink.add(problem(TAB.matrix, this.row, this.spelt(name), message, fix, "warning"));
  }
}

/** An active row's rule, or null when it is broken (the problem is reported). */
function parseRule(row: RuleRow, ctx: MatrixContext): Rule | null {
  if (parseYesNo(row.get("Active"), true) === undefined) {
    return row.broken(
      "Active",
      `Active "${cellText(row.get("Active"))}" is not yes or no.`,
      "Tick or untick the box, or write TRUE / FALSE.",
    );
  }
  const source = ruleSource(row);
  if (source === null) return null;
  const cell = parsePointsCell(row.get("Points"));
  if (cell.kind === "error") return row.broken("Points", cell.message, cell.fix);
  if (cell.kind !== "points" && source === "lead") {
    return row.broken(
      "Points",
      `Points "${cellText(row.get("Points"))}" is for Activity rules: a Lead rule gives one number of points.`,
      "Enter a number such as 10, or make this an Activity rule (Source Activity and an Event).",
    );
  }
  const onlyIf = parseOnlyIf(row.get("Only If"));
  if (cell.kind === "reset" && onlyIf.length > 0) {
    return row.broken(
      "Only If",
      "A reset rule cannot have Only If: it erases its group's earlier activities whatever else matches.",
      "Clear Only If, or put the condition on the rules of the group instead.",
    );
  }
  const target = ruleField(row, source, ctx);
  if (target === null) return null;
  const test = target.field === "" ? { op: null, condition: null } : ruleCondition(row, ctx.lists);
  if (test === null) return null;
  const limits = ruleLimits(row);
  if (limits === null) return null;
  if (source === "lead") warnIgnoredOnLeadRule(row);
  if (cell.kind !== "points" && !isBlank(row.get("Half-life Days"))) {
    row.warn(
      "Half-life Days",
      `Half-life Days is ignored for a ${cell.kind === "reset" ? "reset" : "banded"} rule: it ${cell.kind === "reset" ? "gives no points" : "gives its band's points, not decayed"}.`,
      cell.kind === "reset"
        ? "Clear the cell."
        : "Clear the cell; to count only recent activities use Within Days.",
    );
  }

  const eventShown = source === "activity" ? cellText(row.get("Event")) : "";
  return {
    row: row.row,
    label: ruleLabel(row, source, target.field, eventShown),
    group: cellText(row.get("Group")) || (source === "lead" ? "Fit" : "Engagement"),
    model: "", // set by parseMatrix, which knows every row's spelling
    source,
    event: normalizeHeader(eventShown),
    eventShown,
    ...target,
    ...test,
    points: cell.kind === "points" ? cell.points : 0,
    bands: cell.kind === "bands" ? cell.bands : null,
    reset: cell.kind === "reset",
    onlyIf,
    ...limits,
    // Banded and reset rules are not decayed (the Settings default would otherwise apply).
    ...(cell.kind === "points" ? {} : { halfLifeDays: null }),
  };
}

/** Source as written, or from Event when blank (an Event means an activity rule). */
function ruleSource(row: RuleRow): Rule["source"] | null {
  const sourceText = normText(row.get("Source"));
  if (sourceText === "") return isBlank(row.get("Event")) ? "lead" : "activity";
  if (sourceText === "lead" || sourceText === "leads") return "lead";
  if (sourceText === "activity" || sourceText === "activities" || sourceText === "activity log") {
    return "activity";
  }
  return row.broken(
    "Source",
    `Unknown Source "${cellText(row.get("Source"))}".`,
    "Use Lead or Activity, or leave it blank.",
  );
}

/** Field: a Leads column or derived field (lead rules) or an Activity Log column (activity rules). */
function ruleField(
  row: RuleRow,
  source: Rule["source"],
  ctx: MatrixContext,
): Pick<Rule, "field" | "column" | "derived"> | null {
  const field = cellText(row.get("Field"));
  if (field === "") {
    if (source === "lead") {
      return row.broken(
        "Field",
        "A Lead rule needs a Field to test.",
        "Enter a Leads column name, or Email Domain, Days Since Created, ….",
      );
    }
    if (!isBlank(row.get("Operator")) || !isBlank(row.get("Value"))) {
      return row.broken(
        "Field",
        "Operator and Value are filled in but Field is empty.",
        "Enter the Activity Log column to test (e.g. Detail), or clear Operator and Value.",
      );
    }
    return { field, column: -1, derived: null };
  }
  if (source === "lead") {
    const column = findColumn(ctx.leadHeaders, field);
    const derived = column < 0 ? (derivedField(field) ?? null) : null;
    if (column < 0 && derived === null) {
      return row.broken(
        "Field",
        `"${field}" is neither a Leads column nor a derived field.`,
        `Use a Leads header as spelt in row 1 of Leads, or one of ${DERIVED_FIELD_NAMES.join(", ")}.`,
      );
    }
    return { field, column, derived };
  }
  if (ctx.activityHeaders === null) return { field, column: -1, derived: null };
  const column = findColumn(ctx.activityHeaders, field);
  if (column < 0) {
    return row.broken(
      "Field",
      `"${field}" is not an Activity Log column.`,
      "Use a header from row 1 of the Activity Log, such as Detail.",
    );
  }
  return { field, column, derived: null };
}

/** Operator and Value of a rule with a Field, checked against the named lists. */
function ruleCondition(
  row: RuleRow,
  lists: ReadonlyMap<string, NamedList>,
): { op: OpKind; condition: Condition } | null {
  const opCell = row.get("Operator");
  if (isBlank(opCell))
    return row.broken("Operator", "Operator is empty.", `Choose one of: ${OPERATORS.join(", ")}.`);
  const op = parseOperator(cellText(opCell));
  if (op === undefined) {
    return row.broken(
      "Operator",
      `Unknown operator "${cellText(opCell)}".`,
      `Use one of: ${OPERATORS.join(", ")}.`,
    );
  }
  const condition = prepareCondition(op, row.get("Value"), lists);
  if (isConditionError(condition)) return row.broken("Value", condition.message, condition.fix);
  return { op, condition };
}

type LimitColumn = "Max Count" | "Within Days" | "Half-life Days";
const LIMIT_COLUMNS: readonly LimitColumn[] = ["Max Count", "Within Days", "Half-life Days"];

/** One limit cell: undefined when blank, null when invalid (reported). */
function ruleLimit(row: RuleRow, name: LimitColumn): number | undefined | null {
  const v = row.get(name);
  if (isBlank(v)) return undefined;
  const x = parseNumber(v);
  const whole = name === "Max Count";
  if (Number.isNaN(x) || x < 0 || (whole && (x < 1 || !Number.isInteger(x)))) {
    return row.broken(
      name,
      `${row.spelt(name)} "${cellText(v)}" is not ${whole ? "a whole number of 1 or more" : "a number of days"}.`,
      whole
        ? "Enter how many matching activities to count at most (1, 2, …), or leave it blank for all."
        : name === "Within Days"
          ? "Enter a number of days (0 or more), or leave it blank for all activities."
          : "Enter a number of days, 0 for no decay, or leave it blank for the Settings default.",
    );
  }
  return x;
}

/** Max Count, Within Days and Half-life Days (the first invalid one is reported and skips the rule). */
function ruleLimits(row: RuleRow): Pick<Rule, "maxCount" | "withinDays" | "halfLifeDays"> | null {
  const maxCount = ruleLimit(row, "Max Count");
  if (maxCount === null) return null;
  const withinDays = ruleLimit(row, "Within Days");
  if (withinDays === null) return null;
  const halfLife = ruleLimit(row, "Half-life Days");
  if (halfLife === null) return null;
  return {
    maxCount: maxCount ?? Number.POSITIVE_INFINITY,
    withinDays: withinDays ?? Number.POSITIVE_INFINITY,
    halfLifeDays: halfLife === undefined ? undefined : halfLife > 0 ? halfLife : null,
  };
}

/** A Lead rule scores once from the lead's row: the activity-only cells mean nothing there. */
function warnIgnoredOnLeadRule(row: RuleRow): void {
  if (!isBlank(row.get("Event"))) {
    row.warn("Event", "Event is ignored for a Lead rule.", "Clear Event, or set Source to Activity.");
  }
  for (const name of LIMIT_COLUMNS) {
    if (!isBlank(row.get(name))) {
      row.warn(
        name,
        `${row.spelt(name)} is ignored for a Lead rule.`,
        "Clear the cell, or make this an Activity rule.",
      );
    }
  }
}

/** The Rule cell, else a description of what the rule tests. */
function ruleLabel(row: RuleRow, source: Rule["source"], field: string, eventShown: string): string {
  const described = () => describeCondition(field, cellText(row.get("Operator")), row.get("Value"));
  const written = cellText(row.get("Rule"));
  if (written) return written;
  if (source === "lead") return described();
  return [eventShown || "Any activity", field ? described() : ""].filter(Boolean).join(": ");
}

/** Groups of the rules in matrix order of first appearance, spelt as first seen. */
export function groupNamesOf(rules: readonly Rule[]): string[] {
  const seen = new Map<string, string>();
  for (const r of rules) {
    const k = normalizeHeader(r.group);
    if (!seen.has(k)) seen.set(k, r.group);
  }
  return [...seen.values()];
}
