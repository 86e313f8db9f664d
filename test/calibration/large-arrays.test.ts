// Sizes past what a spread call (push(...xs), Math.max(...xs)) can pass as arguments: at 100,000 leads ×
// 1,000,000 activities `leadscore fit` stopped on "Maximum call stack size exceeded".
import { describe, expect, it } from "vitest";
import { histogram } from "../../src/core/calibration/deciles";
import type { Grid } from "../../src/core/types";
import { signalsAtAsOf } from "./helpers";

const N = 200_000;

describe("arrays larger than the call stack", () => {
  it("a site section with 200,000 page views becomes one signal holding all of them", () => {
    const leads: Grid = [["Email"], ["a@x.com"], ["b@x.com"]];
    const activities: Grid = [["Timestamp", "Email", "Event", "Detail"]];
    for (let i = 0; i < N; i++)
      activities.push(["2025-03-01", "a@x.com", "Page View", `/blog/post-${i % 7}`]);
    activities.push(["2025-03-02", "b@x.com", "Page View", "/pricing"]);
    const signals = signalsAtAsOf(leads, activities);
    const blog = signals.find((s) => s.detail?.value === "/blog");
    expect(blog?.ages.length).toBe(N);
    expect(Array.from(blog?.ptr ?? [])).toEqual([0, N, N]);
  });

  it("a histogram of 200,000 scores spans their lowest to highest", () => {
    const scores = Array.from({ length: N }, (_, i) => (i * 37) % 101);
    const labels = scores.map((_, i) => i % 3 === 0);
    const bins = histogram(scores, labels, null, null);
    expect(bins[0].from).toBe(0);
    expect(bins.at(-1)!.to).toBeGreaterThan(100);
    expect(bins.reduce((n, b) => n + b.converted + b.not_converted, 0)).toBe(N);
    expect(bins.reduce((n, b) => n + b.converted, 0)).toBe(labels.filter(Boolean).length);
  });
});
