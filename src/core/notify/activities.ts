// The latest activities of the leads being announced, from the Activity Log grid already in memory:
// one pass over the grid, keeping the newest few per wanted lead.
import { findColumn } from "../headers";
import { timestampMs, type ZoneClock } from "../time";
import type { Grid } from "../types";
import { cellText, normText } from "../values";

export interface ActivityLine {
  at: number;
  event: string;
  detail: string;
}

export const LATEST_ACTIVITIES = 5;

export function latestActivities(
  grid: Grid | undefined,
  leadKey: string,
  wanted: ReadonlySet<string>,
  clock: ZoneClock,
  n = LATEST_ACTIVITIES,
): Map<string, ActivityLine[]> {
  const out = new Map<string, ActivityLine[]>();
  if (!grid || grid.length < 2 || wanted.size === 0) return out;
  const headers = grid[0] ?? [];
  const tsCol = findColumn(headers, "Timestamp");
  const keyCol = findColumn(headers, leadKey);
  const evCol = findColumn(headers, "Event");
  const detailCol = findColumn(headers, "Detail");
  if (tsCol < 0 || keyCol < 0) return out;
  for (let r = 1; r < grid.length; r++) {
    const row = grid[r];
    if (!row) continue;
    const key = normText(row[keyCol]);
    if (!wanted.has(key)) continue;
    const at = timestampMs(row[tsCol], clock);
    if (Number.isNaN(at)) continue;
    const list = out.get(key) ?? [];
    if (list.length === n && at <= list[n - 1].at) continue;
    const line = {
      at,
      event: evCol >= 0 ? cellText(row[evCol]) : "",
      detail: detailCol >= 0 ? cellText(row[detailCol]) : "",
    };
    let i = list.length;
    while (i > 0 && list[i - 1].at < at) i--;
    list.splice(i, 0, line);
    if (list.length > n) list.pop();
    out.set(key, list);
  }
  return out;
}

/** "2024-05-01 14:30" in the clock's zone. */
export function formatWhen(ms: number, clock: ZoneClock): string {
  const d = new Date(ms + clock.offsetAt(ms));
  const p = (x: number) => String(x).padStart(2, "0");
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}
