import { describe, expect, it } from "vitest";
import { pathSection } from "../../src/core/calibration/activity";
import { activityFeature } from "../../src/core/calibration/activity-feature";
import { keywordPattern, words } from "../../src/core/calibration/flags";
import { chiSquareP } from "../../src/core/calibration/screen";

describe("fit helpers", () => {
  it("chi-square tail probabilities match the tables", () => {
    expect(chiSquareP(3.841, 1)).toBeCloseTo(0.05, 3);
    expect(chiSquareP(11.07, 5)).toBeCloseTo(0.05, 3);
    expect(chiSquareP(30, 20)).toBeCloseTo(0.0699, 3);
    expect(chiSquareP(0, 4)).toBe(1);
  });

  it("keywords are the words the engine's \\b…\\b pattern finds", () => {
    const re = new RegExp(keywordPattern(["vp", "chief"]), "i");
    for (const title of [
      "VP of Sales",
      "Chief Revenue Officer",
      "svp_sales",
      "Vice President",
      "vpn admin",
    ]) {
      const ws = words(title.trim().toLowerCase());
      expect(re.test(title.trim().toLowerCase())).toBe(ws.includes("vp") || ws.includes("chief"));
    }
  });

  it("page sections and the engine's newest-first, capped, decayed sum", () => {
    expect(pathSection("/pricing/enterprise")).toBe("/pricing");
    expect(pathSection("/")).toBe("/");
    expect(pathSection("/?utm=x")).toBeNull();
    expect(pathSection("Webinar: Lead scoring 101")).toBeNull();
    const signal = {
      event: "Page View",
      label: "Page View",
      ptr: Int32Array.from([0, 3]),
      ages: Float64Array.from([0, 14, 28]),
    };
    const f = activityFeature(signal, 2, { halfLife: 14, withinDays: Number.POSITIVE_INFINITY });
    expect(f.values[0]).toBeCloseTo(1.5, 12);
    const w = activityFeature(signal, 5, { halfLife: 0, withinDays: 20 });
    expect(w.values[0]).toBe(2);
  });
});
