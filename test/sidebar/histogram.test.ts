import { describe, expect, it } from "vitest";
import { binLabel, binScores, fractionOf, niceWidth } from "../../sidebar/logic/histogram";

describe("niceWidth", () => {
  it("picks 1, 2, 2.5 or 5 × 10^k giving at most maxBins bins", () => {
    expect(niceWidth(100, 20)).toBe(5);
    expect(niceWidth(100, 10)).toBe(10);
    expect(niceWidth(37, 20)).toBe(2);
    expect(niceWidth(1000, 20)).toBe(50);
    expect(niceWidth(0.9, 20)).toBe(0.05);
    expect(niceWidth(0, 20)).toBe(1);
  });
});

describe("binScores", () => {
  it("covers [floor, ceiling] with round bins and counts every score once", () => {
    const scores = [0, 4.9, 5, 50, 99, 100];
    const h = binScores(scores, { lo: 0, hi: 100, maxBins: 20 });
    expect(h.start).toBe(0);
    expect(h.width).toBe(5);
    expect(h.counts).toHaveLength(20);
    expect(h.counts[0]).toBe(2);
    expect(h.counts[1]).toBe(1);
    expect(h.counts[10]).toBe(1);
    // The top edge belongs to the last bin.
    expect(h.counts[19]).toBe(2);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(scores.length);
  });

  it("widens the range to include scores and thresholds outside floor/ceiling", () => {
    const h = binScores([-12, 40], { lo: 0, hi: 30, include: [150] });
    expect(h.start).toBeLessThanOrEqual(-12);
    expect(h.start + h.width * h.counts.length).toBeGreaterThanOrEqual(150);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it("handles no scores and a single repeated score", () => {
    expect(binScores([]).counts.every((c) => c === 0)).toBe(true);
    const h = binScores([7, 7, 7]);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(3);
  });

  it("skips non-numeric scores", () => {
    const h = binScores([1, Number.NaN, Number.POSITIVE_INFINITY, 2], { lo: 0, hi: 10 });
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe("labels and positions", () => {
  const h = { start: 0, width: 5, counts: Array(20).fill(0) };
  it("labels bins by their edges", () => {
    expect(binLabel(h, 0)).toBe("0–5");
    expect(binLabel(h, 19)).toBe("95–100");
  });
  it("maps a threshold to its fraction of the axis, clamped", () => {
    expect(fractionOf(h, 50)).toBe(0.5);
    expect(fractionOf(h, -10)).toBe(0);
    expect(fractionOf(h, 200)).toBe(1);
  });
});
