// An activity count feature: min(count of Event, cap), the engine's Max Count with no decay.
import type { EventCounts } from "./activity";

export interface ActivityFeature {
  event: string;
  cap: number;
  /** Per data row: min(count, cap). */
  values: Float64Array;
}

export function activityFeature(e: EventCounts, cap: number): ActivityFeature {
  const values = new Float64Array(e.counts.length);
  for (let r = 0; r < values.length; r++) values[r] = Math.min(e.counts[r], cap);
  return { event: e.event, cap, values };
}
