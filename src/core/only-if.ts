// Only If: a rule counts for a lead only when the rules it names match that lead (or, with `not`, do not).
// The cell is parsed with its row; labels are resolved once every row is read, loops and rules that depend
// on a skipped rule are reported and skipped, and the engine evaluates the rules in dependency order.
import { closestName } from "./closest";
import { modelName } from "./model-names";
import type { CellValue } from "./types";
import { cellText, normText } from "./values";

export interface OnlyIfTerm {
  /** The label as typed (without `not`). */
  label: string;
  negate: boolean;
  /** Scoring Matrix rows of the rules the label names (several rules may share a label: any of them). */
  rows: number[];
}

/** `Demo request, not Student` → its terms, unresolved (rows filled by resolveOnlyIf). */
export function parseOnlyIf(v: CellValue): OnlyIfTerm[] {
  const terms: OnlyIfTerm[] = [];
  for (const part of cellText(v).split(",")) {
    const t = part.trim();
    if (t === "") continue;
    const m = /^not\s+(.+)$/i.exec(t);
    terms.push({ label: m ? m[1].trim() : t, negate: m !== null, rows: [] });
  }
  return terms;
}

/** "Demo request, not Student" (explanations, messages). */
export function onlyIfText(terms: readonly OnlyIfTerm[]): string {
  return terms.map((t) => (t.negate ? `not ${t.label}` : t.label)).join(", ");
}

/** What Only If needs of a rule (matrix.ts's Rule has it). */
export interface OnlyIfRule {
  row: number;
  label: string;
  onlyIf: OnlyIfTerm[];
}

/** A row the Only If labels may name although it gives no rule: switched off, or broken. */
export interface UnusableRow {
  row: number;
  label: string;
  off: boolean;
  /** Set for a row of another model (its name; "" = the default model): its label is out of reach. */
  model?: string;
}

export interface OnlyIfReport<R> {
  /** The rule is skipped. */
  skip(rule: R, message: string, fix: string): void;
  warn(rule: R, message: string, fix: string): void;
}

/**
 * Resolves every rule's Only If labels (trimmed, case-insensitive) to rule rows; returns the rules that can
 * count. A label of a switched-off row never matches (a warning); an unknown label, a broken row's label, a
 * loop, a label of another model's row (`unusable` rows with a model), or a named rule that is itself
 * skipped skips the rule (an error naming the row). `model`: the name of the model `rules` belong to.
 */
export function resolveOnlyIf<R extends OnlyIfRule>(
  rules: R[],
  unusable: readonly UnusableRow[],
  report: OnlyIfReport<R>,
  model = "",
): R[] {
  const byLabel = new Map<string, R[]>();
  for (const r of rules) {
    const k = normText(r.label);
    byLabel.set(k, [...(byLabel.get(k) ?? []), r]);
  }
  const other = new Map<string, UnusableRow>();
  for (const u of unusable) if (u.label && !other.has(normText(u.label))) other.set(normText(u.label), u);
  const skipped = new Set<R>();
  for (const rule of rules) {
    for (const term of rule.onlyIf) {
      const named = byLabel.get(normText(term.label));
      if (named) {
        term.rows = named.map((r) => r.row);
        continue;
      }
      const u = other.get(normText(term.label));
      if (u?.model !== undefined) {
        skipped.add(rule);
        report.skip(
          rule,
          `Only If names "${term.label}", the rule on row ${u.row}, which is in ${modelName(u.model)}; this rule is in ${modelName(model)}, and Only If names rules of the same model only.`,
          `Copy row ${u.row} into this model (the Model of this row, a label of its own) and name that label here, or remove "${term.label}" from Only If.`,
        );
        break;
      }
      if (u?.off) {
        report.warn(
          rule,
          `Only If names "${term.label}" (row ${u.row}), which is switched off, so it never matches${term.negate ? " and this condition always holds" : " and this rule never counts"}.`,
          `Switch row ${u.row} on, or remove "${term.label}" from Only If.`,
        );
      } else if (u) {
        skipped.add(rule);
        report.skip(
          rule,
          `Only If names "${term.label}", the rule on row ${u.row}, which has a problem.`,
          `Fix row ${u.row} first (see its problem).`,
        );
        break;
      } else {
        skipped.add(rule);
        const near = closestName(term.label, [...rules.map((r) => r.label)]);
        report.skip(
          rule,
          `Only If names "${term.label}", but no rule has that label.`,
          near
            ? `Did you mean "${near}"? Write Rule labels as in the Rule column, separated by commas.`
            : "Write Rule labels as in the Rule column, separated by commas (not before a label to require that it does not match).",
        );
        break;
      }
    }
  }
  const byRow = new Map(rules.map((r) => [r.row, r]));
  skipLoops(rules, byRow, skipped, report);
  // A rule naming a skipped rule cannot be evaluated either; repeat until nothing more is skipped.
  for (let changed = true; changed; ) {
    changed = false;
    for (const rule of rules) {
      if (skipped.has(rule)) continue;
      const dead = rule.onlyIf.flatMap((t) => t.rows).find((row) => skipped.has(byRow.get(row)!));
      if (dead === undefined) continue;
      skipped.add(rule);
      changed = true;
      report.skip(
        rule,
        `Only If names "${byRow.get(dead)!.label}" (row ${dead}), which is skipped.`,
        `Fix row ${dead} first (see its problem).`,
      );
    }
  }
  return skipped.size === 0 ? rules : rules.filter((r) => !skipped.has(r));
}

/** Each loop of Only If names (A needs B, B needs A) skips the rules on it, reported with the loop. */
function skipLoops<R extends OnlyIfRule>(
  rules: readonly R[],
  byRow: Map<number, R>,
  skipped: Set<R>,
  report: OnlyIfReport<R>,
) {
  const state = new Map<R, "open" | "done">();
  const path: R[] = [];
  const visit = (r: R): void => {
    state.set(r, "open");
    path.push(r);
    for (const row of r.onlyIf.flatMap((t) => t.rows)) {
      const next = byRow.get(row)!;
      if (skipped.has(next)) continue;
      if (state.get(next) === "open") {
        const loop = path.slice(path.indexOf(next));
        const chain = [...loop, next].map((x) => `${x.label} (row ${x.row})`).join(" → ");
        for (const x of loop) {
          if (skipped.has(x)) continue;
          skipped.add(x);
          report.skip(
            x,
            `Only If makes a loop: ${chain}.`,
            "A rule cannot depend on itself, directly or through other rules: remove one name from the loop.",
          );
        }
      } else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(r, "done");
  };
  for (const r of rules) if (!state.has(r) && !skipped.has(r)) visit(r);
}

/**
 * Indexes of `rules` in an order where every rule comes after the rules its Only If names (resolveOnlyIf
 * left no loops); rows naming no rule of `rules` are ignored.
 */
export function dependencyOrder(rules: readonly OnlyIfRule[]): number[] {
  const at = new Map<number, number[]>();
  rules.forEach((r, i) => {
    at.set(r.row, [...(at.get(r.row) ?? []), i]);
  });
  const order: number[] = [];
  const seen = new Uint8Array(rules.length);
  const visit = (i: number): void => {
    if (seen[i]) return;
    seen[i] = 1;
    for (const t of rules[i].onlyIf) for (const row of t.rows) for (const j of at.get(row) ?? []) visit(j);
    order.push(i);
  };
  for (let i = 0; i < rules.length; i++) visit(i);
  return order;
}
