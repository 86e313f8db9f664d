// What decay does to an activity's points, for the Decay panel. The weight is the engine's own.
import { decayWeight } from "../../src/core/decay";

export { decayWeight };

/** What `points` are worth after each of `days` days, rounded to 0.1 as the sidebar shows them. */
export function decayedPoints(
  points: number,
  halfLifeDays: number | null,
  days: readonly number[],
): { days: number; points: number }[] {
  return days.map((d) => ({ days: d, points: Math.round(points * decayWeight(d, halfLifeDays) * 10) / 10 }));
}

/** Sample points of the curve from day 0 to `maxDays`, for the chart. */
export function decayCurve(points: number, halfLifeDays: number | null, maxDays = 90, step = 3) {
  const out: { x: number; y: number }[] = [];
  for (let d = 0; d <= maxDays; d += step) out.push({ x: d, y: points * decayWeight(d, halfLifeDays) });
  return out;
}
