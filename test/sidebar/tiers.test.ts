import { describe, expect, it } from "vitest";
import { countTiers, sortTiersAsc, tierRank, validateTiers } from "../../sidebar/logic/tiers";
import type { Tier } from "../../src/core/types";

const TIERS: Tier[] = [
  { name: "Hot", minScore: 61, notify: false },
  { name: "Cold", minScore: 0, notify: false },
  { name: "Sales-ready", minScore: 86, notify: true },
  { name: "Warm", minScore: 31, notify: false },
];

describe("countTiers", () => {
  it("counts each score in the highest tier it reaches, highest tier first", () => {
    const counts = countTiers([0, 30, 31, 60.9, 61, 85, 86, 100], TIERS);
    expect(counts).toEqual([
      { name: "Sales-ready", minScore: 86, count: 2 },
      { name: "Hot", minScore: 61, count: 2 },
      { name: "Warm", minScore: 31, count: 2 },
      { name: "Cold", minScore: 0, count: 2 },
    ]);
  });

  it("puts scores below every tier in the lowest tier, as the engine does", () => {
    expect(countTiers([-5, 10], [{ name: "A", minScore: 20, notify: false }])).toEqual([
      { name: "A", minScore: 20, count: 2 },
    ]);
  });

  it("ignores tiers whose minimum is not a number yet (a half-typed draft) and non-numeric scores", () => {
    const draft = [...TIERS, { name: "New", minScore: Number.NaN, notify: false }];
    const counts = countTiers([50, Number.NaN, 70], draft);
    expect(counts.map((c) => c.name)).toEqual(["Sales-ready", "Hot", "Warm", "Cold"]);
    expect(counts.reduce((s, c) => s + c.count, 0)).toBe(2);
  });

  it("gives nothing for no tiers", () => {
    expect(countTiers([1, 2], [])).toEqual([]);
  });

  it("moving a threshold moves leads between exactly the two neighbouring tiers", () => {
    const scores = Array.from({ length: 101 }, (_, i) => i);
    const before = countTiers(scores, TIERS);
    const after = countTiers(
      scores,
      TIERS.map((t) => (t.name === "Hot" ? { ...t, minScore: 50 } : t)),
    );
    const by = (rows: typeof before, n: string) => rows.find((r) => r.name === n)!.count;
    expect(by(after, "Hot") - by(before, "Hot")).toBe(11);
    expect(by(after, "Warm") - by(before, "Warm")).toBe(-11);
    expect(by(after, "Cold")).toBe(by(before, "Cold"));
  });
});

describe("tier helpers", () => {
  it("sorts ascending and ranks from the top", () => {
    expect(sortTiersAsc(TIERS).map((t) => t.name)).toEqual(["Cold", "Warm", "Hot", "Sales-ready"]);
    expect(tierRank("Sales-ready", TIERS)).toBe(0);
    expect(tierRank("Cold", TIERS)).toBe(3);
    expect(tierRank("Nope", TIERS)).toBe(-1);
  });

  it("validates names, duplicates and minimums", () => {
    expect(validateTiers(TIERS)).toEqual([]);
    expect(validateTiers([])).toEqual(["Add at least one tier."]);
    expect(
      validateTiers([
        { name: " ", minScore: 0, notify: false },
        { name: "Hot", minScore: 10, notify: false },
        { name: "hot", minScore: 10, notify: false },
        { name: "X", minScore: Number.NaN, notify: false },
      ]),
    ).toEqual([
      "Tier 1 needs a name.",
      '"hot" is used twice.',
      "Two tiers start at 10.",
      '"X" needs a number as minimum score.',
    ]);
  });
});
