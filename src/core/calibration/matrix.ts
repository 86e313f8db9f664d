// Writing the fitted structure as an ordinary Scoring Matrix: one readable rule per cluster (two when a
// cluster holds both true blanks and placeholder text), an always-firing Baseline rule, activity rules.
// The Baseline rule is kept, in plain sight: it holds the model's intercept, so the typical lead sits
// mid-range between the score floor and ceiling. Dropped, the same points put a third of the demo's leads
// at the floor of 0 (ties that cost ranking, and tiers that no longer mean anything); its label, the
// Suggested Matrix summary and the apply preview all say that every lead gets it. An interaction is a rule
// on one atom whose Only If names the rule of the other (a 0-point condition rule when no rule has it).
import { findColumn } from "../headers";
import { MATRIX_COLUMNS, OPTIONAL_MATRIX_COLUMNS } from "../matrix";
import { sameModel } from "../model-names";
import type { CellValue, Grid } from "../types";
import { isBlank, normText } from "../values";
import { keywordLabel, keywordPattern } from "./flags";
import type { AtomRef, Cluster, Structure } from "./structure";

/** The always-firing rule's label, also its reason text on every lead ("Starting points +32"). */
export const BASELINE_LABEL = "Starting points (every lead)";

export interface MatrixRule {
  group: string;
  label: string;
  source: "Lead" | "Activity";
  event: string;
  field: string;
  operator: string;
  value: string;
  points: number;
  maxCount: number | "";
  withinDays: number | "";
  halfLife: number | "";
  /** Only If: the label of the rule it needs (interactions only). */
  onlyIf?: string;
  /** Feature index (-1 for the baseline and for condition rules). */
  feature: number;
  /** A condition rule (0 points, named by an interaction's Only If): the atom it matches. */
  condition?: AtomRef;
}

function num(x: number): string {
  return String(Number(x.toPrecision(12)));
}

function shortList(items: string[]): string {
  return items.length <= 4 ? items.join(", ") : `${items.slice(0, 3).join(", ")} +${items.length - 3} more`;
}

function clusterRules(s: Structure, cl: Cluster, feature: number, points: number): MatrixRule[] {
  const col = s.columns[cl.column];
  const base = {
    group: "Fit",
    source: "Lead" as const,
    event: "",
    field: col.name,
    points,
    maxCount: "" as const,
    withinDays: "" as const,
    halfLife: "" as const,
    feature,
  };
  const out: MatrixRule[] = [];
  const values: string[] = [];
  let blank = false;
  let placeholders: string[] = [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let bins = 0;
  for (const a of cl.atoms) {
    const atom = col.atoms[a];
    if (atom.kind === "value") values.push(atom.text);
    else if (atom.kind === "missing") {
      blank = atom.blank;
      placeholders = atom.placeholders;
    } else {
      bins++;
      lo = Math.min(lo, atom.lo);
      hi = Math.max(hi, atom.hi);
    }
  }
  if (values.length) {
    const items = col.kind === "categorical" ? [...values, ...placeholders] : values;
    if (col.kind === "categorical") placeholders = [];
    out.push({
      ...base,
      label: items.length === 1 ? `${col.name} = ${items[0]}` : `${col.name}: ${shortList(items)}`,
      operator: items.length === 1 ? "=" : "in list",
      value: items.join(", "),
    });
  }
  if (bins) {
    const from = col.integer ? lo + 1 : lo;
    if (lo === Number.NEGATIVE_INFINITY) {
      out.push({ ...base, label: `${col.name} ≤ ${num(hi)}`, operator: "<=", value: num(hi) });
    } else if (hi === Number.POSITIVE_INFINITY) {
      out.push({ ...base, label: `${col.name} > ${num(lo)}`, operator: ">", value: num(lo) });
    } else {
      out.push({
        ...base,
        label: `${col.name} ${num(from)}–${num(hi)}`,
        operator: "between",
        value: `${num(from)}..${num(hi)}`,
      });
    }
  }
  if (blank) out.push({ ...base, label: `${col.name} blank`, operator: "is blank", value: "" });
  if (placeholders.length) {
    out.push({
      ...base,
      label: `${col.name} unknown (${shortList(placeholders)})`,
      operator: "in list",
      value: placeholders.join(", "),
    });
  }
  return out;
}

/** The rule of one value or bin atom, as a cluster of its own would have it. */
function atomRule(s: Structure, ref: AtomRef, feature: number, points: number): MatrixRule {
  return clusterRules(s, { column: ref.column, atoms: [ref.atom] }, feature, points)[0];
}

export function atomLabel(s: Structure, ref: AtomRef): string {
  return atomRule(s, ref, -1, 0).label;
}

/** Interaction rules (strongest first), each after the condition rule it needs unless `rules` has it. */
function interactionRules(s: Structure, points: ArrayLike<number>, rules: MatrixRule[]): MatrixRule[] {
  const first = s.clusters.length + s.flagClusters.length + s.activities.length;
  const labels = new Set(rules.map((r) => normText(r.label)));
  const out: MatrixRule[] = [];
  const pairs = s.interactions
    .map((it, k) => ({ it, f: first + k }))
    .filter((p) => points[p.f] !== 0)
    .sort((a, b) => Math.abs(points[b.f]) - Math.abs(points[a.f]));
  for (const { it, f } of pairs) {
    const when = atomRule(s, it.when, -1, 0);
    if (!labels.has(normText(when.label))) {
      labels.add(normText(when.label));
      out.push({ ...when, condition: it.when });
    }
    const rule = atomRule(s, it.of, f, points[f]);
    out.push({ ...rule, label: `${rule.label} & ${when.label}`, onlyIf: when.label });
  }
  return out;
}

/**
 * Rules in reading order: baseline, lead fields by importance, activities, interactions. Zero-point rules
 * are left out (but for the conditions interactions name).
 */
export function matrixRules(
  s: Structure,
  points: ArrayLike<number>,
  baseline: number,
  leadKey: string,
): MatrixRule[] {
  const byColumn = new Map<number, MatrixRule[]>();
  s.clusters.forEach((cl, f) => {
    if (points[f] === 0) return;
    const list = byColumn.get(cl.column) ?? [];
    list.push(...clusterRules(s, cl, f, points[f]));
    byColumn.set(cl.column, list);
  });
  const columnOrder = [...byColumn.entries()].sort(
    (a, b) =>
      Math.max(...b[1].map((r) => Math.abs(r.points))) - Math.max(...a[1].map((r) => Math.abs(r.points))),
  );
  const lead = columnOrder.flatMap(([c, rules]) =>
    s.columns[c].kind === "numeric" ? rules : [...rules].sort((a, b) => b.points - a.points),
  );
  // Flags: keyword alternations and e-mail domain kinds, strongest first.
  const flags: MatrixRule[] = [];
  s.flagClusters.forEach((cl, k) => {
    const f = s.clusters.length + k;
    if (points[f] === 0) return;
    const col = s.flagColumns[cl.column];
    const items = cl.atoms.map((a) => col.items[a]);
    const tokens = items.map((it) => it.token);
    const keyword = tokens.every((t) => t !== undefined);
    flags.push({
      group: "Fit",
      label: keyword ? keywordLabel(col.name, tokens as string[]) : items[0].label,
      source: "Lead",
      event: "",
      field: col.name,
      operator: keyword ? "matches" : items[0].operator,
      value: keyword ? keywordPattern(tokens as string[]) : items[0].value,
      points: points[f],
      maxCount: "",
      withinDays: "",
      halfLife: "",
      feature: f,
    });
  });
  flags.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  const activity: MatrixRule[] = [];
  s.activities.forEach((af, k) => {
    const f = s.clusters.length + s.flagClusters.length + k;
    if (points[f] === 0) return;
    const { halfLife, withinDays } = af.timing;
    const how = [
      af.cap === 1 ? "newest" : `each, newest ${af.cap}`,
      halfLife > 0 ? `half-life ${num(halfLife)} d` : "",
      Number.isFinite(withinDays) ? `within ${num(withinDays)} d` : "",
    ].filter(Boolean);
    activity.push({
      group: "Engagement",
      label: `${af.signal.label} (${how.join(", ")})`,
      source: "Activity",
      event: af.event,
      field: af.signal.detail ? "Detail" : "",
      operator: af.signal.detail?.operator ?? "",
      value: af.signal.detail?.value ?? "",
      points: points[f],
      maxCount: af.cap,
      withinDays: Number.isFinite(withinDays) ? withinDays : "",
      halfLife,
      feature: f,
    });
  });
  const baselineRule: MatrixRule = {
    group: "Baseline",
    label: BASELINE_LABEL,
    source: "Lead",
    event: "",
    field: leadKey,
    operator: "is not blank",
    value: "",
    points: baseline,
    maxCount: "",
    withinDays: "",
    halfLife: "",
    feature: -1,
  };
  const rules = [baselineRule, ...lead, ...flags, ...activity];
  return [...rules, ...interactionRules(s, points, rules)];
}

/**
 * The current matrix's rows of every model but `model` ("" = the default model), cells in
 * [...MATRIX_COLUMNS, ...OPTIONAL_MATRIX_COLUMNS] order, inactive ones too: a fit replaces one model's
 * rules and leaves the others' exactly as they are.
 */
export function otherModelsRows(current: Grid | undefined, model: string): CellValue[][] {
  if (!current || current.length === 0) return [];
  const cols = [...MATRIX_COLUMNS, ...OPTIONAL_MATRIX_COLUMNS].map((h) => findColumn(current[0], h));
  const modelAt = cols[cols.length - 1];
  const out: CellValue[][] = [];
  for (let r = 1; r < current.length; r++) {
    const row = cols.map((c) => (c >= 0 ? (current[r][c] ?? "") : ""));
    if (row.every((v) => isBlank(v))) continue;
    if (!sameModel(modelAt >= 0 ? current[r][modelAt] : "", model)) out.push(row);
  }
  return out;
}

/**
 * The matrix grid: the fitted rules (of `model`, "" = the default model), then `kept` (otherModelsRows).
 * The Only If and Model columns only when a row fills them.
 */
export function matrixGrid(rules: MatrixRule[], model = "", kept: CellValue[][] = []): Grid {
  const fitted: CellValue[][] = rules.map((r) => [
    "TRUE",
    r.group,
    r.label,
    r.source,
    r.event,
    r.field,
    r.operator,
    r.value,
    r.points,
    r.maxCount,
    r.withinDays,
    r.halfLife,
    r.onlyIf ?? "",
    model,
  ]);
  const header = [...MATRIX_COLUMNS, ...OPTIONAL_MATRIX_COLUMNS];
  const rows = [...fitted, ...kept];
  const used = header.map((_, c) => c < MATRIX_COLUMNS.length || rows.some((row) => !isBlank(row[c])));
  return [header, ...rows].map((row) => row.filter((_, c) => used[c]));
}
