import { describe, expect, it } from "vitest";
import { runHarness } from "./harness";

describe("fit quality on messy synthetic data", () => {
  it("reaches 0.99x the AUC of a tuned logistic regression and beats naive Bayes", () => {
    const r = runHarness(8000, 8000, 21);
    expect(r.ratio).toBeGreaterThanOrEqual(0.99);
    expect(r.aucMatrix).toBeGreaterThan(r.aucNaiveBayes);
    expect(r.rules).toBeLessThanOrEqual(40);
  });
});
