// A small world with a known truth: conversion driven by Source (Referral strongly up, Cold Call strongly
// down), Title (VP up, Intern down) and Employees (more is better), plus a noise column; optionally an AND
// interaction planted on top (Manager leads from a Webinar convert far more than either suggests).
import { type ActivitySignal, activitySignals } from "../../src/core/calibration/activity";
import { rng } from "../../src/core/calibration/rng";
import { gridTable } from "../../src/core/cell-table";
import { zoneClock } from "../../src/core/time";
import type { CellValue, Grid, WorkbookInput } from "../../src/core/types";

export const AS_OF = new Date("2025-06-01T00:00:00Z");

/** The activity signals of a log keyed by Email, every lead cut at AS_OF, in UTC. */
export function signalsAtAsOf(leads: Grid, activities: Grid): ActivitySignal[] {
  return activitySignals(leads, gridTable(activities), "Email", () => AS_OF.getTime(), zoneClock("UTC"));
}

export function knownTruth(n: number, seed = 5, and = 0): { input: WorkbookInput; y: boolean[] } {
  const random = rng(seed);
  const sources = ["Referral", "Webinar", "Organic", "Cold Call"];
  const titles = ["VP", "Manager", "Engineer", "Intern"];
  const leads: Grid = [["Email", "Source", "Title", "Employees", "Noise", "Converted"]];
  const y: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const src = Math.floor(random() * 4);
    const tit = Math.floor(random() * 4);
    const emp = Math.floor(Math.exp(random() * 7));
    const eta =
      -1.5 +
      [2.2, 0.4, 0, -2.0][src] +
      [1.2, 0.3, 0, -1.4][tit] +
      0.35 * Math.log(emp + 1) +
      (src === 1 && tit === 1 ? and : 0);
    const conv = random() < 1 / (1 + Math.exp(-eta));
    y.push(conv);
    const row: CellValue[] = [
      `p${i}@x.com`,
      sources[src],
      titles[tit],
      emp,
      ["a", "b", "c"][i % 3],
      conv ? "yes" : "no",
    ];
    leads.push(row);
  }
  return {
    input: {
      leads,
      settings: [
        ["Setting", "Value"],
        ["Lead key", "Email"],
      ],
    },
    y,
  };
}
