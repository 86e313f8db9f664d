// What the model is fitted on: the column atoms grouped into clusters (one feature and one matrix rule,
// or two for blanks + placeholders, per cluster) plus activity count features. Merging clusters is how the
// matrix stays readable (<= ~40 rules) while keeping the ranking.
import type { ActivityFeature } from "./activity-feature";
import type { ColumnSpec } from "./features";
import type { Design } from "./logistic";

export interface Cluster {
  /** Index into Structure.columns. */
  column: number;
  /** Atom indexes of that column, ascending. */
  atoms: number[];
}

export interface Structure {
  columns: ColumnSpec[];
  clusters: Cluster[];
  activities: ActivityFeature[];
}

/** Feature count: clusters first, then activity features. */
export function featureCount(s: Structure): number {
  return s.clusters.length + s.activities.length;
}

/** One cluster per atom: the finest structure, fitted first. */
export function atomStructure(columns: ColumnSpec[], activities: ActivityFeature[]): Structure {
  const clusters: Cluster[] = [];
  columns.forEach((col, c) => {
    col.atoms.forEach((_, a) => {
      clusters.push({ column: c, atoms: [a] });
    });
  });
  return { columns, clusters, activities };
}

export function buildDesign(s: Structure, rows: number): Design {
  const featureOf = s.columns.map((col) => new Int32Array(col.atoms.length).fill(-1));
  s.clusters.forEach((cl, f) => {
    for (const a of cl.atoms) featureOf[cl.column][a] = f;
  });
  const ptr = new Int32Array(rows + 1);
  const idx: number[] = [];
  const val: number[] = [];
  for (let r = 0; r < rows; r++) {
    s.columns.forEach((col, c) => {
      const a = col.atomOf[r];
      if (a < 0) return;
      const f = featureOf[c][a];
      if (f >= 0) {
        idx.push(f);
        val.push(1);
      }
    });
    s.activities.forEach((af, k) => {
      const v = af.values[r];
      if (v > 0) {
        idx.push(s.clusters.length + k);
        val.push(v);
      }
    });
    ptr[r + 1] = idx.length;
  }
  return { p: featureCount(s), ptr, idx: Int32Array.from(idx), val: Float64Array.from(val) };
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
