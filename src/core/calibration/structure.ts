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

/** Rows where a per-row array is non-zero, in order; cached per array, as designs are rebuilt often. */
const nonZeroCache = new WeakMap<Uint8Array | Float64Array, Int32Array>();
function nonZeroRows(values: Uint8Array | Float64Array): Int32Array {
  const cached = nonZeroCache.get(values);
  if (cached) return cached;
  let n = 0;
  for (let r = 0; r < values.length; r++) if (values[r] > 0) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let r = 0; r < values.length; r++) if (values[r] > 0) out[n++] = r;
  nonZeroCache.set(values, out);
  return out;
}

export function buildDesign(s: Structure, rows: number): Design {
  const featureOf = s.columns.map((col) => new Int32Array(col.atoms.length).fill(-1));
  s.clusters.forEach((cl, f) => {
    for (const a of cl.atoms) featureOf[cl.column][a] = f;
  });
  // Flags and activity counts are sparse: only the rows where they fire are visited.
  const flagRows = s.flagClusters.map((cl) => nonZeroRows(flagValues(s, cl, rows)));
  const activityRows = s.activities.map((af) => nonZeroRows(af.values));
  const pairs = s.interactions.map((it) => interactionValues(s, it, rows));
  // Feature by feature (each a sequential pass over the rows, not a stride across hundreds of arrays per
  // row), twice: count each row's entries, then place them (`place` null: count). A row's entries come
  // in feature order.
  const ptr = new Int32Array(rows + 1);
  const entries = (place: { next: Int32Array; idx: Int32Array; val: Float64Array } | null): void => {
    const visit = (r: number, f: number, v: number): void => {
      if (place === null) ptr[r + 1]++;
      else {
        const k = place.next[r]++;
        place.idx[k] = f;
        place.val[k] = v;
      }
    };
    s.columns.forEach((col, c) => {
      const of = featureOf[c];
      const atomOf = col.atomOf;
      for (let r = 0; r < rows; r++) {
        const a = atomOf[r];
        if (a >= 0 && of[a] >= 0) visit(r, of[a], 1);
      }
    });
    flagRows.forEach((on, k) => {
      const f = s.clusters.length + k;
      for (let t = 0; t < on.length; t++) visit(on[t], f, 1);
    });
    activityRows.forEach((nz, k) => {
      const f = s.clusters.length + flagRows.length + k;
      const values = s.activities[k].values;
      for (let t = 0; t < nz.length; t++) visit(nz[t], f, values[nz[t]]);
    });
    pairs.forEach((on, k) => {
      const f = s.clusters.length + flagRows.length + s.activities.length + k;
      for (let r = 0; r < rows; r++) if (on[r]) visit(r, f, 1);
    });
  };
  entries(null);
  for (let r = 0; r < rows; r++) ptr[r + 1] += ptr[r];
  const idx = new Int32Array(ptr[rows]);
  const val = new Float64Array(ptr[rows]);
  entries({ next: ptr.slice(0, rows), idx, val });
  return { p: featureCount(s), ptr, idx, val };
}

/**
 * The design of a merged structure from its parent's, in O(entries): each entry renumbered by `map`
 * (mergedFeatures), dropped ones left out, two flags merged into one alternation kept once (it fires, 1).
 * Rows keep their entries in feature order, so this is buildDesign's design of the merged structure.
 */
export function remapDesign(X: Design, map: Int32Array, p: number): Design {
  const rows = X.ptr.length - 1;
  const ptr = new Int32Array(rows + 1);
  const idx = new Int32Array(X.idx.length);
  const val = new Float64Array(X.idx.length);
  let n = 0;
  for (let r = 0; r < rows; r++) {
    const start = n;
    for (let k = X.ptr[r]; k < X.ptr[r + 1]; k++) {
      const f = map[X.idx[k]];
      if (f < 0) continue;
      // Insert in order (a row holds a handful of entries); a feature seen already is a merged flag.
      let at = n;
      while (at > start && idx[at - 1] > f) at--;
      if (at > start && idx[at - 1] === f) continue;
      for (let m = n; m > at; m--) {
        idx[m] = idx[m - 1];
        val[m] = val[m - 1];
      }
      idx[at] = f;
      val[at] = X.val[k];
      n++;
    }
    ptr[r + 1] = n;
  }
  return { p, ptr, idx: idx.slice(0, n), val: val.slice(0, n) };
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
