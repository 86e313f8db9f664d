// Candidate features from the Leads columns. Each usable column becomes a set of mutually exclusive
// "atoms" (one per lead at most): a frequent categorical value, a quantile bin of a numeric column, or
// "missing" (blank or a placeholder such as n/a). Rare values are pooled into no atom, the reference.
// Columns that cannot generalise as values (IDs, names, e-mails, dates, the key, the outcome, output
// columns) are skipped; a free-text column whose words are shared (Job Title) gives keyword flags instead.

import { findColumn, normalizeHeader } from "../headers";
import { isOutputKey } from "../output-headers";
import type { CellValue, Grid } from "../types";
import { cellText, normText, parseNumber } from "../values";
import { emailDomainColumn, type FlagColumn, keywordColumn } from "./flags";
import { isBlankLike } from "./placeholders";

export interface CategoryAtom {
  kind: "value";
  key: string;
  /** Most common spelling, for the matrix. */
  text: string;
}
export interface BinAtom {
  kind: "bin";
  /** Values v with lo < v <= hi (lo = -Infinity for the first bin, hi = +Infinity for the last). */
  lo: number;
  hi: number;
}
export interface MissingAtom {
  kind: "missing";
  /** True blanks were seen (an `is blank` rule is needed). */
  blank: boolean;
  /** Placeholder spellings seen (an `in list` rule is needed). */
  placeholders: string[];
}
export type Atom = CategoryAtom | BinAtom | MissingAtom;

export interface ColumnSpec {
  /** 0-based column on Leads. */
  index: number;
  /** Header as the user spelt it. */
  name: string;
  kind: "categorical" | "numeric";
  /** Integer-valued numeric column: bins print as whole-number ranges. */
  integer: boolean;
  atoms: Atom[];
  /** Per data row (grid row r → r - 1): atom index or -1. */
  atomOf: Int32Array;
}

export interface SkippedColumn {
  column: string;
  reason: string;
}

export interface FeatureOptions {
  /** Lower-cased header keys never used (key, outcome, dates, user exclusions). */
  never: ReadonlySet<string>;
  /** Minimum training leads for a value or bin of its own (default 30). */
  minSupport?: number;
  /** Most quantile bins for a numeric column (default 10). */
  maxBins?: number;
  /** The Lists tab, for e-mail domain kinds (`in list @Free email`, `@Competitors`). */
  lists?: Grid;
}

// Matched against lower-cased text ("2026-05-05t09:00:46z").
const DATE_TEXT = /^\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?$/;

/** Shortest decimal strictly between a and b (a < b), so a bin boundary is never a value seen in training. */
export function niceBetween(a: number, b: number): number {
  const mid = (a + b) / 2;
  for (let p = -12; p <= 15; p++) {
    const f = 10 ** p;
    const r = Math.round(mid * f) / f;
    if (r > a && r < b) return r;
  }
  return mid;
}

/**
 * Analyse the Leads columns on the training rows (`train` = data-row indexes, 0-based) and assign every
 * data row its atom. Atoms are learnt from training rows only, so the holdout stays unseen.
 */
export function buildColumns(
  leads: Grid,
  train: ArrayLike<number>,
  options: FeatureOptions,
): { columns: ColumnSpec[]; flags: FlagColumn[]; skipped: SkippedColumn[] } {
  const headers = leads[0] ?? [];
  const flags: FlagColumn[] = [];
  const minSupport = options.minSupport ?? 30;
  const maxBins = options.maxBins ?? 10;
  const rows = leads.length - 1;
  const columns: ColumnSpec[] = [];
  const skipped: SkippedColumn[] = [];
  headers.forEach((h, c) => {
    const name = cellText(h);
    const key = normalizeHeader(cellText(h));
    if (!key) return;
    if (options.never.has(key)) {
      skipped.push({ column: name, reason: "excluded" });
      return;
    }
    if (isOutputKey(key)) {
      skipped.push({ column: name, reason: "output column of the scorer" });
      return;
    }
    const cell = (r: number): CellValue => leads[r + 1]?.[c] ?? "";
    // Profile the column on the training rows.
    let nonBlank = 0;
    let numeric = 0;
    let dates = 0;
    let emails = 0;
    const counts = new Map<string, number>();
    for (let t = 0; t < train.length; t++) {
      const v = cell(train[t]);
      const k = normText(v);
      if (isBlankLike(k)) continue;
      nonBlank++;
      if (!Number.isNaN(parseNumber(v))) numeric++;
      if (v instanceof Date || DATE_TEXT.test(k)) dates++;
      if (k.includes("@")) emails++;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    if (nonBlank === 0) {
      skipped.push({ column: name, reason: "always blank" });
      return;
    }
    if (dates >= 0.9 * nonBlank) {
      skipped.push({ column: name, reason: "date column (its meaning depends on when it is scored)" });
      return;
    }
    if (numeric >= 0.9 * nonBlank && counts.size > 12) {
      columns.push(numericColumn(name, c, rows, cell, train, minSupport, maxBins));
      return;
    }
    if (emails >= 0.5 * nonBlank) {
      skipped.push({ column: name, reason: "e-mail addresses (the Email Domain kinds are used instead)" });
      return;
    }
    // Free text (names, companies, raw titles): the values that recur cover few leads, so a rule on one
    // would fit noise. Judged by the data, not the header.
    let covered = 0;
    for (const n of counts.values()) if (n >= minSupport) covered += n;
    if (counts.size > 20 && covered < 0.5 * nonBlank) {
      // Keywords are read together (vp, chief, president all say "senior"), so rarer ones are worth
      // a feature; the penalty and merging into alternations keep them in check.
      const keywords = keywordColumn(
        name,
        rows,
        cell,
        train,
        minSupport,
        Math.max(5, Math.round(minSupport / 3)),
      );
      if (keywords) flags.push(keywords);
      else
        skipped.push({
          column: name,
          reason: "identifier-like or free text (most values appear on few leads; no shared keywords)",
        });
      return;
    }
    columns.push(categoricalColumn(name, c, rows, cell, train, counts, minSupport));
  });
  if (findColumn(headers, "Email Domain") < 0 && !options.never.has("email domain")) {
    const domains = emailDomainColumn(leads, options.lists, train, minSupport);
    if (domains) flags.push(domains);
  }
  return { columns: columns.filter((col) => col.atoms.length > 0), flags, skipped };
}

function missingAtom(rows: number, cell: (r: number) => CellValue, train: ArrayLike<number>): MissingAtom {
  let blank = false;
  const ph = new Map<string, string>();
  for (let t = 0; t < train.length; t++) {
    const v = cell(train[t]);
    const k = normText(v);
    if (k === "") blank = true;
    else if (isBlankLike(k) && !ph.has(k)) ph.set(k, cellText(v));
  }
  void rows;
  return { kind: "missing", blank, placeholders: [...ph.values()] };
}

function categoricalColumn(
  name: string,
  index: number,
  rows: number,
  cell: (r: number) => CellValue,
  train: ArrayLike<number>,
  counts: Map<string, number>,
  minSupport: number,
): ColumnSpec {
  const atoms: Atom[] = [];
  const atomByKey = new Map<string, number>();
  const spelling = new Map<string, string>();
  for (let t = 0; t < train.length; t++) {
    const v = cell(train[t]);
    const k = normText(v);
    if (!spelling.has(k)) spelling.set(k, cellText(v));
  }
  const frequent = [...counts.entries()].filter(([, n]) => n >= minSupport).sort((a, b) => b[1] - a[1]);
  for (const [k] of frequent) {
    atomByKey.set(k, atoms.length);
    atoms.push({ kind: "value", key: k, text: spelling.get(k) ?? k });
  }
  let missingCount = 0;
  for (let t = 0; t < train.length; t++) if (isBlankLike(normText(cell(train[t])))) missingCount++;
  const missing = missingCount >= minSupport ? atoms.length : -1;
  if (missing >= 0) atoms.push(missingAtom(rows, cell, train));
  const atomOf = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    const k = normText(cell(r));
    atomOf[r] = isBlankLike(k)
      ? missing >= 0 && isKnownMissing(atoms[missing], k)
        ? missing
        : -1
      : (atomByKey.get(k) ?? -1);
  }
  return { index, name, kind: "categorical", integer: false, atoms, atomOf };
}

/** A placeholder spelling never seen in training has no rule in the matrix, so it gets no atom either. */
function isKnownMissing(atom: Atom, key: string): boolean {
  if (atom.kind !== "missing") return false;
  if (key === "") return atom.blank;
  return atom.placeholders.some((p) => p.toLowerCase() === key);
}

function numericColumn(
  name: string,
  index: number,
  rows: number,
  cell: (r: number) => CellValue,
  train: ArrayLike<number>,
  minSupport: number,
  maxBins: number,
): ColumnSpec {
  const values: number[] = [];
  let missingCount = 0;
  for (let t = 0; t < train.length; t++) {
    const v = cell(train[t]);
    const x = parseNumber(v);
    if (!Number.isNaN(x)) values.push(x);
    else if (isBlankLike(normText(v))) missingCount++;
  }
  values.sort((a, b) => a - b);
  const integer = values.every((x) => Number.isInteger(x));
  // Walk the distinct values, closing a bin once it holds ~n/maxBins leads (point masses stay whole).
  const target = Math.max(minSupport, values.length / maxBins);
  const uppers: number[] = []; // max value of each closed bin
  let inBin = 0;
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    inBin += j - i;
    const remaining = values.length - j;
    if (inBin >= target && remaining >= minSupport) {
      uppers.push(values[j - 1]);
      inBin = 0;
    }
    i = j;
  }
  // Cut between a bin's max and the next value: integer data cuts at the max itself (ranges print as
  // 11..50), real data at a short decimal no training value equals.
  const cuts = uppers.map((u) => {
    if (integer) return u;
    const next = values.find((x) => x > u)!;
    return niceBetween(u, next);
  });
  const atoms: Atom[] = [];
  for (let b = 0; b <= cuts.length; b++) {
    atoms.push({
      kind: "bin",
      lo: b === 0 ? Number.NEGATIVE_INFINITY : cuts[b - 1],
      hi: b === cuts.length ? Number.POSITIVE_INFINITY : cuts[b],
    });
  }
  const missing = missingCount >= minSupport ? atoms.length : -1;
  if (missing >= 0) atoms.push(missingAtom(rows, cell, train));
  const atomOf = new Int32Array(rows).fill(-1);
  for (let r = 0; r < rows; r++) {
    const v = cell(r);
    const x = parseNumber(v);
    if (!Number.isNaN(x)) {
      let b = 0;
      while (b < cuts.length && x > cuts[b]) b++;
      // Integer bins print as (cut+1)..next cut: a fraction in the gap matches no rule, so no atom.
      atomOf[r] = integer && b > 0 && !Number.isInteger(x) && x < cuts[b - 1] + 1 ? -1 : b;
    } else if (missing >= 0 && isKnownMissing(atoms[missing], normText(v))) atomOf[r] = missing;
  }
  return { index, name, kind: "numeric", integer, atoms, atomOf };
}
