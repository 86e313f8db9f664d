// Histogram binning for the score chart: "nice" bin widths so the axis labels read as round numbers.

export interface Histogram {
  /** Lower edge of the first bin. */
  start: number;
  width: number;
  counts: number[];
}

const NICE = [1, 2, 2.5, 5, 10];

/** A round bin width (1, 2, 2.5, 5 × 10^k) giving at most `maxBins` bins over `span`. */
export function niceWidth(span: number, maxBins: number): number {
  if (!(span > 0)) return 1;
  const raw = span / maxBins;
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const n of NICE) if (n * pow >= raw) return n * pow;
  return 10 * pow;
}

/**
 * Bins `scores` over [lo, hi] (widened to include every score and every extra edge such as thresholds).
 * Bin i covers [start + i·width, start + (i+1)·width); the last bin also holds its upper edge.
 */
export function binScores(
  scores: readonly number[],
  opts: { lo?: number | null; hi?: number | null; include?: readonly number[]; maxBins?: number } = {},
): Histogram {
  const finite = scores.filter(Number.isFinite);
  const edges = [...finite, ...(opts.include ?? []).filter(Number.isFinite)];
  if (opts.lo != null && Number.isFinite(opts.lo)) edges.push(opts.lo);
  if (opts.hi != null && Number.isFinite(opts.hi)) edges.push(opts.hi);
  if (edges.length === 0) return { start: 0, width: 10, counts: Array(10).fill(0) };
  let lo = Math.min(...edges);
  let hi = Math.max(...edges);
  if (hi === lo) hi = lo + 1;
  const width = niceWidth(hi - lo, opts.maxBins ?? 20);
  const start = Math.floor(lo / width) * width;
  const n = Math.max(1, Math.ceil((hi - start) / width - 1e-9));
  lo = start;
  const counts: number[] = Array(n).fill(0);
  for (const s of finite) counts[Math.min(n - 1, Math.floor((s - lo) / width + 1e-9))]++;
  return { start, width, counts };
}

/** Short label for bin i, e.g. "20–30". */
export function binLabel(h: Histogram, i: number): string {
  const fmt = (x: number) => String(Math.round(x * 100) / 100);
  return `${fmt(h.start + i * h.width)}–${fmt(h.start + (i + 1) * h.width)}`;
}

/** Position of value x across the histogram's range as a fraction 0..1, for drawing threshold lines. */
export function fractionOf(h: Histogram, x: number): number {
  const span = h.width * h.counts.length;
  return Math.min(1, Math.max(0, (x - h.start) / span));
}
