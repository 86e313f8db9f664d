// The state tab's rows: one lead per row, plus a header row whose last cell carries the tab's metadata
// (it is written in the same setValues as the rows, so the two can never disagree).
import type { CellValue, Grid } from "../types";
import { cellText, normText, parseNumber } from "../values";
import type { LeadState } from "./types";

export const STATE_HEADERS = [
  "Key",
  "Name",
  "Tier",
  "Score",
  "Announced",
  "Pending Tier",
  "Queued At",
  "Delivered To",
  "Seen",
];

export interface StateMeta {
  /** Score History rows (header included) that belong to committed runs; rows past it are a failed run's. */
  historyRows: number;
  /** False until the first run commits: a tab without it holds no baseline yet. */
  ready?: boolean;
}

export const STATE_WIDTH = STATE_HEADERS.length + 1;

export function parseStateGrid(grid: Grid): { states: Map<string, LeadState>; meta: StateMeta } | null {
  const header = grid[0];
  if (!header || cellText(header[0]) !== STATE_HEADERS[0]) return null;
  let meta: StateMeta = { historyRows: 0 };
  try {
    meta = { ...meta, ...(JSON.parse(cellText(header[STATE_HEADERS.length])) as Partial<StateMeta>) };
  } catch {
    // A damaged meta cell only loses the history rollback mark.
  }
  const states = new Map<string, LeadState>();
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    const key = normText(row[0]);
    if (!key || states.has(key)) continue;
    const pendingTier = cellText(row[5]);
    const score = parseNumber(row[3]);
    states.set(key, {
      key,
      name: cellText(row[1]),
      tier: cellText(row[2]),
      score: Number.isNaN(score) ? 0 : score,
      announced: cellText(row[4]),
      pending: pendingTier
        ? {
            tier: pendingTier,
            queuedAt: cellText(row[6]),
            deliveredTo: cellText(row[7]).split(",").filter(Boolean),
          }
        : null,
      seen: cellText(row[8]),
    });
  }
  return { states, meta };
}

/** Header row + one row per state, padded with blank rows to `minRows` so one write replaces the old block. */
export function stateGrid(states: readonly LeadState[], meta: StateMeta, minRows = 0): CellValue[][] {
  const rows: CellValue[][] = [[...STATE_HEADERS, JSON.stringify(meta)]];
  for (const s of states) {
    rows.push([
      s.key,
      s.name,
      s.tier,
      s.score,
      s.announced,
      s.pending?.tier ?? "",
      s.pending?.queuedAt ?? "",
      s.pending?.deliveredTo.join(",") ?? "",
      s.seen,
      "",
    ]);
  }
  while (rows.length < minRows) rows.push(new Array<CellValue>(STATE_WIDTH).fill(""));
  return rows;
}
