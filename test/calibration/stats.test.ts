import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { auc } from "../../src/core/calibration/auc";
import { parseOutcome } from "../../src/core/calibration/outcomes";
import { gainCurve, rocCurve } from "../../src/core/calibration/roc";
import { lowestQualifyingThreshold, suggestThresholds } from "../../src/core/calibration/thresholds";
import { wilson } from "../../src/core/calibration/wilson";

function pairwiseAuc(scores: number[], labels: boolean[]): number | null {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (!labels[i]) return;
    scores.forEach((t, j) => {
      if (labels[j]) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return pairs ? wins / pairs : null;
}

const sample = fc.array(fc.tuple(fc.integer({ min: -5, max: 5 }), fc.boolean()), { maxLength: 60 });

describe("AUC", () => {
  it("equals the direct pairwise count, ties as half", () => {
    fc.assert(
      fc.property(sample, (pairs) => {
        const s = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const a = auc(s, y);
        const b = pairwiseAuc(s, y);
        if (b === null) expect(a).toBeNull();
        else expect(a).toBeCloseTo(b, 12);
      }),
    );
  });
  it("handles the textbook cases", () => {
    expect(auc([1, 2, 3, 4], [false, false, true, true])).toBe(1);
    expect(auc([1, 1, 1, 1], [false, true, false, true])).toBe(0.5);
    expect(auc([4, 3, 2, 1], [false, false, true, true])).toBe(0);
  });
  it("ROC ends at (1,1) and its trapezoid area is the AUC", () => {
    fc.assert(
      fc.property(sample, (pairs) => {
        const s = pairs.map((p) => p[0]);
        const y = pairs.map((p) => p[1]);
        const roc = rocCurve(s, y);
        const a = auc(s, y);
        if (a === null) return;
        const last = roc[roc.length - 1];
        expect([last.fpr, last.tpr]).toEqual([1, 1]);
        let area = 0;
        for (let k = 1; k < roc.length; k++)
          area += ((roc[k].fpr - roc[k - 1].fpr) * (roc[k].tpr + roc[k - 1].tpr)) / 2;
        expect(area).toBeCloseTo(a, 10);
        const gain = gainCurve(s, y);
        expect(gain[gain.length - 1].fraction_conversions).toBeCloseTo(1, 10);
      }),
    );
  });
});

describe("Wilson interval", () => {
  it("matches known values and stays inside [0, 1]", () => {
    const [lo, hi] = wilson(10, 100);
    expect(lo).toBeCloseTo(0.0552, 3);
    expect(hi).toBeCloseTo(0.1744, 3);
    expect(wilson(0, 10)[0]).toBe(0);
    expect(wilson(10, 10)[1]).toBe(1);
  });
});

describe("outcomes", () => {
  it("reads yes/no, TRUE/FALSE, 1/0 and booleans; blank is open", () => {
    for (const v of ["TRUE", "yes", " Yes ", "1", 1, true]) expect(parseOutcome(v)).toBe(true);
    for (const v of ["FALSE", "no", "0", 0, false]) expect(parseOutcome(v)).toBe(false);
    expect(parseOutcome("")).toBeNull();
    expect(parseOutcome(null)).toBeNull();
    expect(parseOutcome("maybe")).toBeUndefined();
  });
});

describe("suggested thresholds", () => {
  it("the suggestion meets its definition and no lower score does", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 100 }), fc.boolean()), { minLength: 1, maxLength: 200 }),
        fc.constantFrom(1.5, 2, 3),
        fc.integer({ min: 1, max: 20 }),
        (pairs, multiple, minCount) => {
          const s = pairs.map((p) => p[0]);
          const y = pairs.map((p) => p[1]);
          const base = y.filter(Boolean).length / y.length;
          const target = base * multiple;
          const qualifies = (t: number) => {
            const idx = s.map((_, i) => i).filter((i) => s[i] >= t);
            const pos = idx.filter((i) => y[i]).length;
            return idx.length >= minCount && pos >= target * idx.length;
          };
          const t = lowestQualifyingThreshold(s, y, target, minCount);
          const lower = [...new Set(s)].filter((x) => t === null || x < t);
          if (t !== null) expect(qualifies(t)).toBe(true);
          for (const x of lower) expect(qualifies(x)).toBe(false);
          const full = suggestThresholds(
            s,
            y,
            [
              { name: "Cold", minScore: 0 },
              { name: "Hot", minScore: 60 },
            ],
            base,
            multiple,
            minCount,
          );
          if (target <= 1) expect(full.suggested).toBe(t);
        },
      ),
    );
  });
});
