// Cells read and written, and the clock time service calls and cells cost.
//
// Option `costModel: "realistic"` charges each service call and each cell, calibrated to published figures
// (all uncertain by a factor of ~3: Google's servers, sheet shape and formulas change them):
// - Google's best-practices page (developers.google.com/apps-script/guides/support/best-practices, "Use
//   batch operations"): a 100 × 100 grid styled cell by cell (10,000 calls) takes ~70 s, the batched version
//   ~1 s. → ~7 ms per round-trip call, and ~100 µs per cell for a batched style write.
// - A community benchmark of values (stackoverflow "What is faster: ScriptDb or SpreadsheetApp?"): one
//   setValues of 4,000 cells took < 50 ms → ~12 µs per cell written; we charge 20 µs.
// - Tanaike's benchmarks (tanaikech.github.io "Benchmark: Reading and Writing Spreadsheet using Google Apps
//   Script", and the 10,000,000-cell report, gist tanaikech/cc4380692790150cc090114553e38a0e): reading a
//   whole sheet with getValues costs a few µs per cell, cheaper than writing; we charge 5 µs.
// Calls that do not fetch or store data (builders, getName, getRange) still round-trip in this model: the
// add-on makes few of them, and a per-cell loop is exactly what the model must make expensive.
import type { CallCounter } from "./calls";

export type CostModel = "none" | "realistic";

export const REALISTIC_COST = {
  callMs: 7,
  readCellMs: 0.005,
  writeCellMs: 0.02,
} as const;

/** Cells read (getValues, getValue, getDisplayValues, getFormulas) and written (setValues, setValue, appendRow…). */
export class CellCounter {
  read = 0;
  written = 0;
  /** Called with each counted read or write, e.g. to let time pass per cell. */
  onCells?: (kind: "read" | "written", n: number) => void;

  constructor(private readonly calls: CallCounter) {}

  reading(n: number): void {
    if (this.calls.counting) {
      this.read += n;
      this.onCells?.("read", n);
    }
  }

  writing(n: number): void {
    if (this.calls.counting) {
      this.written += n;
      this.onCells?.("written", n);
    }
  }

  reset(): void {
    this.read = 0;
    this.written = 0;
  }
}

/** The clock time of `n` cells under the realistic model. */
export function cellCostMs(kind: "read" | "written", n: number): number {
  return n * (kind === "read" ? REALISTIC_COST.readCellMs : REALISTIC_COST.writeCellMs);
}
