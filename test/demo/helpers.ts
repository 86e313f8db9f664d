// Small readers over generated grids, shared by the demo tests.
import type { CellValue, Grid } from "../../src/core/types";

export const key = (v: CellValue): string => String(v).trim().toLowerCase();

/** Column index by exact header; throws so a renamed column fails loudly. */
export function col(grid: Grid, header: string): number {
  const i = grid[0].indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
}

/** ROC AUC by ranks (ties count half), for checking that the truth separates outcomes. */
export function rankAuc(scores: number[], labels: boolean[]): number {
  const idx = scores.map((_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSumPos = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (labels[idx[k]]) {
        rankSumPos += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = labels.length - pos;
  return (rankSumPos - (pos * (pos + 1)) / 2) / (pos * neg);
}
