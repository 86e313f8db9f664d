// L2-regularised logistic regression on a sparse design, by Newton's method. Leads have a handful of
// non-zero features (one atom per column plus a few activity counts), so the Hessian costs
// O(rows x nnz^2) to build and O(p^3) to factor: fast for the few hundred features a matrix can use.
// Near the optimum a step reuses the last factored Hessian (a gradient costs O(rows x nnz)).
// The intercept is not penalised.

export interface Design {
  /** Number of features (columns). */
  p: number;
  /** CSR: features of row i are idx[ptr[i] .. ptr[i+1]) with values val[...]. */
  ptr: Int32Array;
  idx: Int32Array;
  val: Float64Array;
}

export interface LogisticModel {
  intercept: number;
  beta: Float64Array;
}

export function linearPredictor(X: Design, m: LogisticModel, row: number): number {
  let eta = m.intercept;
  for (let k = X.ptr[row]; k < X.ptr[row + 1]; k++) eta += m.beta[X.idx[k]] * X.val[k];
  return eta;
}

function log1pexp(x: number): number {
  return x > 35 ? x : x < -35 ? Math.exp(x) : Math.log1p(Math.exp(x));
}

/** The objective at `m`, keeping each row's linear predictor in `eta` (the next Newton step reuses it). */
function objective(
  X: Design,
  y: Uint8Array,
  rows: ArrayLike<number>,
  m: LogisticModel,
  lambda: number,
  eta: Float64Array,
): number {
  let f = 0;
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    const e = linearPredictor(X, m, i);
    eta[t] = e;
    f += log1pexp(e) - (y[i] ? e : 0);
  }
  let pen = 0;
  for (const b of m.beta) pen += b * b;
  return f + 0.5 * lambda * pen;
}

/**
 * Cholesky factor L (A = L L^T) of a symmetric positive definite A (row-major, size n; only its lower
 * triangle is read), on a copy. Products with a zero of row j are skipped (one-hot levels of a column
 * never meet, so much of L stays zero): every sum keeps its order, so L is the dense loop's to the bit.
 */
function cholesky(A: Float64Array, n: number): Float64Array {
  const L = new Float64Array(A);
  const nonZero = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let d = L[rj + j];
    let nz = 0;
    for (let k = 0; k < j; k++) {
      const v = L[rj + k];
      if (v === 0) continue;
      d -= v * v;
      nonZero[nz++] = k;
    }
    d = Math.sqrt(Math.max(d, 1e-12));
    L[rj + j] = d;
    // Four rows at a time: each of row j's values is loaded once for them (each sum in its own order).
    let i = j + 1;
    for (; i + 3 < n; i += 4) {
      const r0 = i * n;
      const r1 = r0 + n;
      const r2 = r1 + n;
      const r3 = r2 + n;
      let s0 = L[r0 + j];
      let s1 = L[r1 + j];
      let s2 = L[r2 + j];
      let s3 = L[r3 + j];
      for (let t = 0; t < nz; t++) {
        const k = nonZero[t];
        const v = L[rj + k];
        s0 -= L[r0 + k] * v;
        s1 -= L[r1 + k] * v;
        s2 -= L[r2 + k] * v;
        s3 -= L[r3 + k] * v;
      }
      L[r0 + j] = s0 / d;
      L[r1 + j] = s1 / d;
      L[r2 + j] = s2 / d;
      L[r3 + j] = s3 / d;
    }
    for (; i < n; i++) {
      const ri = i * n;
      let s = L[ri + j];
      for (let t = 0; t < nz; t++) {
        const k = nonZero[t];
        s -= L[ri + k] * L[rj + k];
      }
      L[ri + j] = s / d;
    }
  }
  return L;
}

/** Solve L L^T x = b for the factor of `cholesky`. */
function solveCholesky(L: Float64Array, b: Float64Array, n: number): Float64Array {
  const x = new Float64Array(b);
  for (let i = 0; i < n; i++) {
    let s = x[i];
    for (let k = 0; k < i; k++) s -= L[i * n + k] * x[k];
    x[i] = s / L[i * n + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = x[i];
    for (let k = i + 1; k < n; k++) s -= L[k * n + i] * x[k];
    x[i] = s / L[i * n + i];
  }
  return x;
}

export interface FitOptions {
  init?: LogisticModel;
  maxIter?: number;
  tol?: number;
}

/**
 * Gradient of the log-loss at the linear predictors `eta` (rows[t] at eta[t]) into g, and, when H is
 * given, its Hessian's lower triangle (last coordinate: the intercept).
 */
function accumulate(
  X: Design,
  y: Uint8Array,
  rows: ArrayLike<number>,
  eta: Float64Array,
  g: Float64Array,
  H: Float64Array | null,
): void {
  const p = X.p;
  const n = p + 1;
  const { ptr, idx, val } = X;
  g.fill(0);
  if (H === null) {
    for (let t = 0; t < rows.length; t++) {
      const i = rows[t];
      const r = 1 / (1 + Math.exp(-eta[t])) - y[i];
      g[p] += r;
      for (let k = ptr[i]; k < ptr[i + 1]; k++) g[idx[k]] += r * val[k];
    }
    return;
  }
  H.fill(0);
  const last = p * n; // the intercept's row
  for (let t = 0; t < rows.length; t++) {
    const i = rows[t];
    const mu = 1 / (1 + Math.exp(-eta[t]));
    const r = mu - y[i];
    const w = Math.max(mu * (1 - mu), 1e-10);
    const a = ptr[i];
    const b = ptr[i + 1];
    g[p] += r;
    H[last + p] += w;
    // The lower triangle only (all cholesky reads), each pair of a row's entries once: half the work,
    // and every cell gets the very product and order of sums the full square loop gave it.
    for (let k = a; k < b; k++) {
      const jk = idx[k];
      const vk = val[k];
      const wv = w * vk;
      g[jk] += r * vk;
      H[last + jk] += wv;
      const row = jk * n;
      for (let l = a; l < k; l++) {
        const jl = idx[l];
        if (jl < jk) H[row + jl] += wv * val[l];
        else H[jl * n + jk] += w * val[l] * vk;
      }
      H[row + jk] += wv * vk;
    }
  }
}

/**
 * A Newton step whose objective fell by less than this share keeps its Hessian for the next step: so
 * close to the optimum the Hessian hardly moves, and the step that confirms convergence (most fits'
 * last) costs a gradient instead of a rebuild.
 */
const KEEP_HESSIAN_BELOW = 1e-2;
/** Largest coefficient change (in units of the fit's `tol`) that ends a fit on a kept Hessian's step. */
const STEP_TOL = 100;

/** Minimise sum of log-losses over `rows` + lambda/2 * |beta|^2. */
export function fitLogistic(
  X: Design,
  y: Uint8Array,
  rows: ArrayLike<number>,
  lambda: number,
  options: FitOptions = {},
): LogisticModel {
  const p = X.p;
  const n = p + 1; // last coordinate: intercept
  let pos = 0;
  for (let t = 0; t < rows.length; t++) pos += y[rows[t]];
  const prior = Math.log((pos + 0.5) / (rows.length - pos + 0.5));
  let m: LogisticModel = options.init
    ? { intercept: options.init.intercept, beta: new Float64Array(options.init.beta) }
    : { intercept: prior, beta: new Float64Array(p) };
  let eta = new Float64Array(rows.length);
  let etaNext = new Float64Array(rows.length);
  let f = objective(X, y, rows, m, lambda, eta);
  const maxIter = options.maxIter ?? 50;
  const tol = options.tol ?? 1e-9;
  const H = new Float64Array(n * n);
  const g = new Float64Array(n);
  let L: Float64Array | null = null;
  let keep = false;
  let gained = Number.POSITIVE_INFINITY; // the objective's fall at the step before
  for (let iter = 0; iter < maxIter; iter++) {
    const fresh: boolean = !keep || L === null;
    accumulate(X, y, rows, eta, g, fresh ? H : null);
    for (let j = 0; j < p; j++) g[j] += lambda * m.beta[j];
    if (fresh || L === null) {
      for (let j = 0; j < p; j++) H[j * n + j] += lambda + 1e-9;
      H[p * n + p] += 1e-9;
      L = cholesky(H, n);
    }
    const d = solveCholesky(L, g, n);
    // Damped step: halve until the objective goes down (Newton can overshoot on separable data).
    let step = 1;
    let next: LogisticModel = m;
    let fNext = f;
    for (let h = 0; h < 30; h++) {
      const cand: LogisticModel = { intercept: m.intercept - step * d[p], beta: new Float64Array(p) };
      for (let j = 0; j < p; j++) cand.beta[j] = m.beta[j] - step * d[j];
      const fc = objective(X, y, rows, cand, lambda, etaNext);
      if (fc <= f + 1e-12 * Math.abs(f)) {
        next = cand;
        fNext = fc;
        [eta, etaNext] = [etaNext, eta];
        break;
      }
      step /= 2;
    }
    if (!fresh && next === m) {
      keep = false; // a kept Hessian that finds no way down: rebuild it
      continue;
    }
    const improved = f - fNext;
    m = next;
    f = fNext;
    // A kept Hessian converges linearly, so a small fall alone does not show the coefficients settled
    // (after a fresh Newton step they are, to the square of it): its step must also be tiny.
    let moved = 0;
    if (!fresh) for (let j = 0; j < n; j++) moved = Math.max(moved, Math.abs(step * d[j]));
    if (improved <= tol * Math.max(1, Math.abs(f)) && moved <= STEP_TOL * tol) break;
    // A kept Hessian serves on while each of its steps gains at most a tenth of the step before (the
    // local convergence it would give anyway); a slower one has it rebuilt.
    keep = improved <= KEEP_HESSIAN_BELOW * Math.max(1, Math.abs(f)) && (fresh || improved <= 0.1 * gained);
    gained = improved;
  }
  return m;
}
