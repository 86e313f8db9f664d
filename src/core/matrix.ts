// Scoring Matrix: parse and check every rule row once. A broken rule is reported and skipped.
import type { DerivedField } from "./derived";
import { DERIVED_FIELD_NAMES, derivedField } from "./derived";
import { findColumn, headerText, normalizeHeader } from "./headers";
import { isBlankRow } from "./leads";
import type { NamedList } from "./lists";
import type { Condition, OpKind } from "./operators";
import { describeCondition, isConditionError, OPERATORS, parseOperator, prepareCondition } from "./operators";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { CellValue, Grid } from "./types";
import { TAB } from "./types";
import { cellText, isBlank, normText, parseNumber, parseYesNo } from "./values";

export interface Rule {
  /** Scoring Matrix sheet row. */
  row: number;
  label: string;
  /** Group as spelt on this row (or the default). */
  group: string;
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
  points: number;
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

type MatrixColumn = (typeof MATRIX_COLUMNS)[number];

export function parseMatrix(grid: Grid | undefined, ctx: MatrixContext): Rule[] {
  const { sink } = ctx;
  const rules: Rule[] = [];
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
    return rules;
  }
  const headers = grid[0] ?? [];
  const col = {} as Record<MatrixColumn, number>;
  for (const name of MATRIX_COLUMNS) col[name] = findColumn(headers, name);
  if (col["Half-life Days"] < 0) col["Half-life Days"] = findColumn(headers, "Half life Days");
  const spelt = (name: MatrixColumn) => (col[name] >= 0 ? headerText(headers, col[name]) : name);
  if (col.Points < 0) {
    sink.add(
      problem(
        TAB.matrix,
        1,
        "Points",
        "The Scoring Matrix has no Points column, so no rule can score.",
        `Add the headers ${MATRIX_COLUMNS.join(", ")} to row 1.`,
      ),
    );
    return rules;
  }
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (isBlankRow(row)) continue;
    const get = (name: MatrixColumn): CellValue => (col[name] >= 0 ? (row[col[name]] ?? null) : null);
    const broken = (name: MatrixColumn, message: string, fix: string) =>
      sink.add(problem(TAB.matrix, r + 1, spelt(name), `${message} The rule is skipped.`, fix));
    const warn = (name: MatrixColumn, message: string, fix: string) =>
      sink.add(problem(TAB.matrix, r + 1, spelt(name), message, fix, "warning"));

    const active = parseYesNo(get("Active"), true);
    if (active === false) continue;
    if (active === undefined) {
      broken(
        "Active",
        `Active "${cellText(get("Active"))}" is not yes or no.`,
        "Tick or untick the box, or write TRUE / FALSE.",
      );
      continue;
    }
    const eventCell = get("Event");
    const sourceText = normText(get("Source"));
    let source: "lead" | "activity";
    if (sourceText === "") source = isBlank(eventCell) ? "lead" : "activity";
    else if (sourceText === "lead" || sourceText === "leads") source = "lead";
    else if (sourceText === "activity" || sourceText === "activities" || sourceText === "activity log") {
      source = "activity";
    } else {
      broken(
        "Source",
        `Unknown Source "${cellText(get("Source"))}".`,
        "Use Lead or Activity, or leave it blank.",
      );
      continue;
    }
    const points = parseNumber(get("Points"));
    if (Number.isNaN(points)) {
      broken(
        "Points",
        isBlank(get("Points")) ? "Points is empty." : `Points "${cellText(get("Points"))}" is not a number.`,
        "Enter a number such as 10 or -5 (decimals are fine).",
      );
      continue;
    }

    // Field: a Leads column or derived field (lead rules) or an Activity Log column (activity rules).
    const field = cellText(get("Field"));
    const opCell = get("Operator");
    let column = -1;
    let derived: DerivedField | null = null;
    if (field === "") {
      if (source === "lead") {
        broken(
          "Field",
          "A Lead rule needs a Field to test.",
          "Enter a Leads column name, or Email Domain, Days Since Created, ….",
        );
        continue;
      }
      if (!isBlank(opCell) || !isBlank(get("Value"))) {
        broken(
          "Field",
          "Operator and Value are filled in but Field is empty.",
          "Enter the Activity Log column to test (e.g. Detail), or clear Operator and Value.",
        );
        continue;
      }
    } else if (source === "lead") {
      column = findColumn(ctx.leadHeaders, field);
      if (column < 0) derived = derivedField(field) ?? null;
      if (column < 0 && derived === null) {
        broken(
          "Field",
          `"${field}" is neither a Leads column nor a derived field.`,
          `Use a Leads header as spelt in row 1 of Leads, or one of ${DERIVED_FIELD_NAMES.join(", ")}.`,
        );
        continue;
      }
    } else if (ctx.activityHeaders !== null) {
      column = findColumn(ctx.activityHeaders, field);
      if (column < 0) {
        broken(
          "Field",
          `"${field}" is not an Activity Log column.`,
          "Use a header from row 1 of the Activity Log, such as Detail.",
        );
        continue;
      }
    }

    let op: OpKind | null = null;
    let condition: Condition | null = null;
    if (field !== "") {
      if (isBlank(opCell)) {
        broken("Operator", "Operator is empty.", `Choose one of: ${OPERATORS.join(", ")}.`);
        continue;
      }
      op = parseOperator(cellText(opCell)) ?? null;
      if (op === null) {
        broken("Operator", `Unknown operator "${cellText(opCell)}".`, `Use one of: ${OPERATORS.join(", ")}.`);
        continue;
      }
      const c = prepareCondition(op, get("Value"), ctx.lists);
      if (isConditionError(c)) {
        broken("Value", c.message, c.fix);
        continue;
      }
      condition = c;
    }

    const limit = (name: "Max Count" | "Within Days" | "Half-life Days"): number | undefined | false => {
      const v = get(name);
      if (isBlank(v)) return undefined;
      const x = parseNumber(v);
      const whole = name === "Max Count";
      if (Number.isNaN(x) || x < 0 || (whole && (x < 1 || !Number.isInteger(x)))) {
        broken(
          name,
          `${spelt(name)} "${cellText(v)}" is not ${whole ? "a whole number of 1 or more" : "a number of days"}.`,
          whole
            ? "Enter how many matching activities to count at most (1, 2, …), or leave it blank for all."
            : name === "Within Days"
              ? "Enter a number of days (0 or more), or leave it blank for all activities."
              : "Enter a number of days, 0 for no decay, or leave it blank for the Settings default.",
        );
        return false;
      }
      return x;
    };
    const maxCount = limit("Max Count");
    if (maxCount === false) continue;
    const withinDays = limit("Within Days");
    if (withinDays === false) continue;
    const halfLife = limit("Half-life Days");
    if (halfLife === false) continue;
    if (source === "lead") {
      if (!isBlank(eventCell)) {
        warn("Event", "Event is ignored for a Lead rule.", "Clear Event, or set Source to Activity.");
      }
      for (const name of ["Max Count", "Within Days", "Half-life Days"] as const) {
        if (!isBlank(get(name))) {
          warn(
            name,
            `${spelt(name)} is ignored for a Lead rule.`,
            "Clear the cell, or make this an Activity rule.",
          );
        }
      }
    }

    const eventShown = source === "activity" ? cellText(eventCell) : "";
    const groupText = cellText(get("Group"));
    const label =
      cellText(get("Rule")) ||
      (source === "lead"
        ? describeCondition(field, cellText(opCell), get("Value"))
        : [
            eventShown || "Any activity",
            field ? describeCondition(field, cellText(opCell), get("Value")) : "",
          ]
            .filter(Boolean)
            .join(": "));
    rules.push({
      row: r + 1,
      label,
      group: groupText || (source === "lead" ? "Fit" : "Engagement"),
      source,
      event: normalizeHeader(eventShown),
      eventShown,
      field,
      column,
      derived,
      op,
      condition,
      points,
      maxCount: maxCount ?? Number.POSITIVE_INFINITY,
      withinDays: withinDays ?? Number.POSITIVE_INFINITY,
      halfLifeDays: halfLife === undefined ? undefined : halfLife > 0 ? halfLife : null,
    });
  }
  return rules;
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
