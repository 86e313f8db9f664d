// Which Leads rows a run scores, each one's as-of time, and where its counted activities start in the
// index (newest first, so activities after the as-of time lead each lead's slice and are skipped).
import type { ScoreOptions } from "./types";
import type { PreparedWorkbook } from "./workbook";

export interface LeadFrame {
  /** Grid rows scored, in row order. */
  rows: Int32Array;
  /** Per grid row: the as-of time in epoch ms, and as the Date reported with the lead. */
  asOfMs: Float64Array;
  asOfDate: Date[];
  /** Per grid row: index position of the lead's newest activity at or before its as-of time. */
  firstK: Int32Array;
}

export function leadFrame(wb: PreparedWorkbook, options: ScoreOptions): LeadFrame {
  const { leads, activities: act } = wb;
  const nRows = leads.grid.length;
  const baseAsOf = options.asOf.getTime();
  const scored = new Int32Array(nRows);
  let n = 0;
  for (let r = 1; r < nRows; r++) {
    if (leads.groupOf[r] >= 0 && (!options.onlyRows || options.onlyRows.has(r + 1))) scored[n++] = r;
  }
  const rows = scored.subarray(0, n);
  const asOfMs = new Float64Array(nRows);
  const asOfDate: Date[] = new Array(nRows);
  const firstK = new Int32Array(nRows);
  const { start, orderTs } = act;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const d = options.asOfForLead?.(r + 1) ?? options.asOf;
    asOfDate[r] = d;
    const t = d === options.asOf ? baseAsOf : d.getTime();
    asOfMs[r] = t;
    const g = leads.groupOf[r];
    let k = start[g];
    const end = start[g + 1];
    while (k < end && orderTs[k] > t) k++;
    firstK[r] = k;
  }
  return { rows, asOfMs, asOfDate, firstK };
}
