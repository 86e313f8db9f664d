// Interaction search: a few AND pairs of Leads-column atoms (Title = VP and Lead Source = Referral), each
// written as one rule with `Only If`. Kept cheap and honest: candidates only among the strongest atoms of
// the main-effects fit (at most TOP_ATOMS, so ≤ 66 pairs), ranked by a score test on part of the training
// leads, and accepted one at a time only when the pair lowers the deviance and keeps the AUC on the other
// part (leads the candidate never saw). The holdout of the report stays untouched.
import { auc } from "./auc";
import { type Design, fitLogistic, type LogisticModel, linearPredictor } from "./logistic";
import { atomLabel } from "./matrix";
import { rng, stratifiedFolds } from "./rng";
import { type AtomRef, buildDesign, type Interaction, interactionValues, type Structure } from "./structure";

const TOP_ATOMS = 12;
/** Candidates refitted per round (by score-test rank) before the search stops. */
const TRIES = 3;
/** Validation deviance an accepted pair must save (nats): well above what a noise pair saves. */
const MIN_GAIN = 4;

export interface InteractionSearch {
  /** Most pairs to accept. */
  most: number;
  /** Fewest training leads a pair must hold. */
  minSupport: number;
  lambda: number;
  seed: number;
}

/** A label Only If can name: its commas would split it, a leading `not ` would negate it. */
function nameable(label: string): boolean {
  return !label.includes(",") && !/^not\s/i.test(label);
}

/** The design with one more feature (index X.p), 1 on the rows where `on` is set. */
function withFeature(X: Design, on: Uint8Array): Design {
  const rows = X.ptr.length - 1;
  const ptr = new Int32Array(rows + 1);
  for (let r = 0; r < rows; r++) ptr[r + 1] = ptr[r] + (X.ptr[r + 1] - X.ptr[r]) + on[r];
  const idx = new Int32Array(ptr[rows]);
  const val = new Float64Array(ptr[rows]);
  for (let r = 0; r < rows; r++) {
    let k = ptr[r];
    for (let j = X.ptr[r]; j < X.ptr[r + 1]; j++, k++) {
      idx[k] = X.idx[j];
      val[k] = X.val[j];
    }
    if (on[r]) {
      idx[k] = X.p;
      val[k] = 1;
    }
  }
  return { p: X.p + 1, ptr, idx, val };
}

function extended(m: LogisticModel): LogisticModel {
  const beta = new Float64Array(m.beta.length + 1);
  beta.set(m.beta);
  return { intercept: m.intercept, beta };
}

/** Deviance and AUC of a model on some rows. */
function judge(X: Design, m: LogisticModel, y: Uint8Array, rows: number[]): { dev: number; auc: number } {
  let dev = 0;
  const eta = rows.map((r) => linearPredictor(X, m, r));
  rows.forEach((r, t) => {
    const e = eta[t];
    dev += (e > 35 ? e : Math.log1p(Math.exp(e))) - (y[r] ? e : 0);
  });
  return {
    dev: 2 * dev,
    auc:
      auc(
        eta,
        Array.from(rows, (r) => y[r]),
      ) ?? 0.5,
  };
}

/** The strongest value and bin atoms of the main-effects fit (|coefficient| × spread of the atom). */
function topAtoms(s: Structure, model: LogisticModel, rows: number[]): AtomRef[] {
  const scored: { ref: AtomRef; weight: number }[] = [];
  s.clusters.forEach((cl, f) => {
    if (cl.atoms.length !== 1) return;
    const col = s.columns[cl.column];
    const ref = { column: cl.column, atom: cl.atoms[0] };
    if (col.atoms[ref.atom].kind === "missing" || !nameable(atomLabel(s, ref))) return;
    let n = 0;
    for (const r of rows) if (col.atomOf[r] === ref.atom) n++;
    const share = n / rows.length;
    scored.push({ ref, weight: Math.abs(model.beta[f]) * Math.sqrt(share * (1 - share)) });
  });
  return scored
    .sort((a, b) => b.weight - a.weight)
    .slice(0, TOP_ATOMS)
    .map((x) => x.ref);
}

/**
 * Pairs of `s`'s atoms that pay on leads they were not chosen on, best first. `model` is the main-effects
 * fit on `s`'s design `X`; the search runs on `searchRows` (training leads, a sample of a large workbook).
 */
export function searchInteractions(
  s: Structure,
  X: Design,
  model: LogisticModel,
  y: Uint8Array,
  searchRows: number[],
  options: InteractionSearch,
): Interaction[] {
  if (options.most <= 0) return [];
  const atoms = topAtoms(s, model, searchRows);
  const fold = stratifiedFolds(
    searchRows.map((r) => y[r]),
    4,
    rng(options.seed ^ 0x1b873593),
  );
  const inner = searchRows.filter((_, t) => fold[t] !== 0);
  const valid = searchRows.filter((_, t) => fold[t] === 0);
  let candidates: { it: Interaction; on: Uint8Array }[] = [];
  for (let i = 0; i < atoms.length; i++) {
    for (let j = i + 1; j < atoms.length; j++) {
      if (atoms[i].column === atoms[j].column) continue; // one atom per column: never both
      const it = { of: atoms[j], when: atoms[i] };
      const on = interactionValues(s, it, y.length);
      let n = 0;
      for (const r of inner) n += on[r];
      if (n >= options.minSupport * 0.75 && n < inner.length) candidates.push({ it, on });
    }
  }
  let curX = X;
  let cur = fitLogistic(X, y, inner, options.lambda, { init: model });
  let score = judge(curX, cur, y, valid);
  const chosen: Interaction[] = [];
  while (chosen.length < options.most && candidates.length) {
    // Score test at the current fit: (sum of residuals on the pair)² / its information.
    const mu = new Float64Array(y.length);
    for (const r of inner) mu[r] = 1 / (1 + Math.exp(-linearPredictor(curX, cur, r)));
    const ranked = candidates
      .map((c) => {
        let g = 0;
        let info = options.lambda;
        for (const r of inner) {
          if (!c.on[r]) continue;
          g += y[r] - mu[r];
          info += mu[r] * (1 - mu[r]);
        }
        return { ...c, stat: (g * g) / info };
      })
      .sort((a, b) => b.stat - a.stat);
    let accepted = -1;
    for (let t = 0; t < Math.min(TRIES, ranked.length) && accepted < 0; t++) {
      const nextX = withFeature(curX, ranked[t].on);
      const next = fitLogistic(nextX, y, inner, options.lambda, { init: extended(cur) });
      const nextScore = judge(nextX, next, y, valid);
      if (nextScore.dev < score.dev - MIN_GAIN && nextScore.auc >= score.auc) {
        accepted = t;
        curX = nextX;
        cur = next;
        score = nextScore;
      }
    }
    if (accepted < 0) break;
    const pick = ranked[accepted];
    chosen.push(pick.it);
    candidates = ranked.filter((c) => c !== pick).map(({ it, on }) => ({ it, on }));
  }
  return chosen;
}

/** `s` with the interactions found, its design over `rows` data rows and the model refitted on `fitRows`. */
export function withInteractions(
  s: Structure,
  interactions: Interaction[],
  rows: number,
  y: Uint8Array,
  fitRows: number[],
  lambda: number,
  model: LogisticModel,
): { s: Structure; X: Design; model: LogisticModel } {
  const next = { ...s, interactions: [...s.interactions, ...interactions] };
  const X = buildDesign(next, rows);
  const init = { intercept: model.intercept, beta: new Float64Array(X.p) };
  init.beta.set(model.beta);
  return { s: next, X, model: fitLogistic(X, y, fitRows, lambda, { init }) };
}
