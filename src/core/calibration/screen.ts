// Column screening: a categorical or binned column whose values show no link with the outcome on the
// training leads (likelihood-ratio G-test, p >= alpha) is left out. With a few thousand leads a
// dozen-value column with no real effect still gets coefficients from noise (a `Country` rule worth
// ±10 points); the test asks the column as a whole, so strong single values still pass.
import type { ColumnSpec } from "./features";

/** Regularised upper incomplete gamma Q(a, x), by series or continued fraction (Numerical Recipes). */
function gammaQ(a: number, x: number): number {
  if (x <= 0) return 1;
  const lnGa = lnGamma(a);
  if (x < a + 1) {
    let sum = 1 / a;
    let term = sum;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-12) break;
    }
    return 1 - sum * Math.exp(-x + a * Math.log(x) - lnGa);
  }
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-12) break;
  }
  return Math.exp(-x + a * Math.log(x) - lnGa) * h;
}

/** P(chi-square with df degrees of freedom >= x). */
export function chiSquareP(x: number, df: number): number {
  return gammaQ(df / 2, x / 2);
}

function lnGamma(z: number): number {
  const g = [
    76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2,
    -0.5395239384953e-5,
  ];
  let x = z;
  let y = z;
  let tmp = x + 5.5;
  tmp -= (x + 0.5) * Math.log(tmp);
  let ser = 1.000000000190015;
  for (const c of g) ser += c / ++y;
  x = z;
  return -tmp + Math.log((2.5066282746310007 * ser) / x);
}

/** p-value of the G-test of independence between a column's atoms (rest pooled) and the outcome. */
export function columnPValue(col: ColumnSpec, y: Uint8Array, train: ArrayLike<number>): number {
  const k = col.atoms.length + 1; // last: no atom
  const n = new Float64Array(k);
  const p = new Float64Array(k);
  for (let t = 0; t < train.length; t++) {
    const i = train[t];
    const a = col.atomOf[i] < 0 ? k - 1 : col.atomOf[i];
    n[a]++;
    p[a] += y[i];
  }
  const N = train.length;
  let P = 0;
  for (const v of p) P += v;
  if (P === 0 || P === N) return 1;
  let g = 0;
  let cells = 0;
  for (let a = 0; a < k; a++) {
    if (n[a] === 0) continue;
    cells++;
    const e1 = (n[a] * P) / N;
    const e0 = n[a] - e1;
    if (p[a] > 0) g += p[a] * Math.log(p[a] / e1);
    if (n[a] - p[a] > 0) g += (n[a] - p[a]) * Math.log((n[a] - p[a]) / e0);
  }
  const df = cells - 1;
  return df > 0 ? chiSquareP(2 * g, df) : 1;
}
