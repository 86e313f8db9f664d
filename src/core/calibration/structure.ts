// What the model is fitted on: the column atoms grouped into clusters (one feature and one matrix rule,
// or two for blanks + placeholders, per cluster), yes/no flags grouped the same way (a cluster of keywords
// is one `matches` rule firing when any is present), and activity features. Merging clusters is how the
// matrix stays readable (<= ~40 rules) while keeping the ranking. Interactions (an AND of two atoms, written
// as a rule with `Only If`) come last; they are never merged.
import type { ActivityFeature } from "./activity-feature";
import type { ColumnSpec } from "./features";
import type { FlagColumn } from "./flags";
import type { Design } from "./logistic";

export interface Cluster {
  /** Index into Structure.columns. */
  column: number;
  /** Atom indexes of that column, ascending. */
  atoms: number[];
}

/** One atom of one column (`column` indexes Structure.columns). */
export interface AtomRef {
  column: number;
  atom: number;
}

/** Leads with both atoms: the rule is `of`'s condition, its Only If names the rule of `when`'s. */
export interface Interaction {
  of: AtomRef;
  when: AtomRef;
}

export interface Structure {
  columns: ColumnSpec[];
  clusters: Cluster[];
  flagColumns: FlagColumn[];
  /** `column` indexes flagColumns, `atoms` its items. */
  flagClusters: Cluster[];
  activities: ActivityFeature[];
  interactions: Interaction[];
}

/** Feature count: column clusters first, then flag clusters, activity features, interactions. */
export function featureCount(s: Structure): number {
  return s.clusters.length + s.flagClusters.length + s.activities.length + s.interactions.length;
}

/** Per data row: 1 when the lead has both atoms of the interaction. */
export function interactionValues(s: Structure, it: Interaction, rows: number): Uint8Array {
  const of = s.columns[it.of.column].atomOf;
  const when = s.columns[it.when.column].atomOf;
  const on = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) if (of[r] === it.of.atom && when[r] === it.when.atom) on[r] = 1;
  return on;
}

/** Matrix rules the interactions need at most: one each, plus a 0-point condition rule per `when` atom. */
export function interactionRules(s: Structure): number {
  const when = new Set(s.interactions.map((it) => `${it.when.column}:${it.when.atom}`));
  return s.interactions.length + when.size;
}

/** One cluster per atom and per flag: the finest structure, fitted first. */
export function atomStructure(
  columns: ColumnSpec[],
  activities: ActivityFeature[],
  flagColumns: FlagColumn[] = [],
): Structure {
  const clusters: Cluster[] = [];
  columns.forEach((col, c) => {
    col.atoms.forEach((_, a) => {
      clusters.push({ column: c, atoms: [a] });
    });
  });
  const flagClusters: Cluster[] = [];
  flagColumns.forEach((col, c) => {
    col.items.forEach((_, a) => {
      flagClusters.push({ column: c, atoms: [a] });
    });
  });
  return { columns, clusters, flagColumns, flagClusters, activities, interactions: [] };
}

/** Per data row: 1 when the flag cluster's rule fires (any of its items). */
export function flagValues(s: Structure, cl: Cluster, rows: number): Uint8Array {
  const items = cl.atoms.map((a) => s.flagColumns[cl.column].items[a].on);
  if (items.length === 1) return items[0];
  const on = new Uint8Array(rows);
  for (const it of items) for (let r = 0; r < rows; r++) on[r] |= it[r];
  return on;
}

export function buildDesign(s: Structure, rows: number): Design {
  const featureOf = s.columns.map((col) => new Int32Array(col.atoms.length).fill(-1));
  s.clusters.forEach((cl, f) => {
    for (const a of cl.atoms) featureOf[cl.column][a] = f;
  });
  const flags = s.flagClusters.map((cl) => flagValues(s, cl, rows));
  const pairs = s.interactions.map((it) => interactionValues(s, it, rows));
  // Feature by feature (each a sequential pass over the rows, not a stride across hundreds of arrays per
  // row), twice: count each row's entries, then place them. A row's entries come in feature order.
  const entries = (visit: (row: number, feature: number, value: number) => void): void => {
    s.columns.forEach((col, c) => {
      const of = featureOf[c];
      for (let r = 0; r < rows; r++) {
        const a = col.atomOf[r];
        if (a >= 0 && of[a] >= 0) visit(r, of[a], 1);
      }
    });
    flags.forEach((on, k) => {
      const f = s.clusters.length + k;
      for (let r = 0; r < rows; r++) if (on[r]) visit(r, f, 1);
    });
    s.activities.forEach((af, k) => {
      const f = s.clusters.length + flags.length + k;
      for (let r = 0; r < rows; r++) {
        const v = af.values[r];
        if (v > 0) visit(r, f, v);
      }
    });
    pairs.forEach((on, k) => {
      const f = s.clusters.length + flags.length + s.activities.length + k;
      for (let r = 0; r < rows; r++) if (on[r]) visit(r, f, 1);
    });
  };
  const ptr = new Int32Array(rows + 1);
  entries((r) => {
    ptr[r + 1]++;
  });
  for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
  const idx = new Int32Array(ptr[rows]);
  const val = new Float64Array(ptr[rows]);
  const next = ptr.slice(0, rows);
  entries((r, f, v) => {
    const k = next[r]++;
    idx[k] = f;
    val[k] = v;
  });
  return { p: featureCount(s), ptr, idx, val };
}

/** Matrix rules a cluster needs: the value/bin rule, plus `is blank` and placeholder rules for missing. */
export function rulesFor(s: Structure, cl: Cluster): number {
  const col = s.columns[cl.column];
  let values = 0;
  let blank = 0;
  let placeholders = 0;
  for (const a of cl.atoms) {
    const atom = col.atoms[a];
    if (atom.kind === "missing") {
      if (atom.blank) blank = 1;
      if (atom.placeholders.length) placeholders = 1;
    } else values = 1;
  }
  // Categorical placeholders join the value list; numeric ones need their own `in list` rule.
  if (col.kind === "categorical" && values) placeholders = 0;
  return values + blank + placeholders;
}
