// An activity feature is exactly what one activity rule adds per point: the lead's activities of a signal
// within `Within Days`, newest first, at most `Max Count` of them, each weighted 0.5^(age / half-life)
// (1 without decay), as of the lead's cut-off. Fitting on this number makes the rule's Points the
// coefficient itself, so the written matrix scores as the model did.
import type { ActivitySignal } from "./activity";

/** How activities are weighted: one setting for all signals, chosen by cross-validation. */
export interface ActivityTiming {
  /** Half-life in days; 0 = no decay. */
  halfLife: number;
  /** Only activities at most this many days old; Infinity = all. */
  withinDays: number;
}

export interface ActivityFeature {
  signal: ActivitySignal;
  event: string;
  cap: number;
  timing: ActivityTiming;
  /** Per data row: the rule's weight sum. */
  values: Float64Array;
}

export function activityFeature(s: ActivitySignal, cap: number, timing: ActivityTiming): ActivityFeature {
  const rows = s.ptr.length - 1;
  const values = new Float64Array(rows);
  const { halfLife, withinDays } = timing;
  for (let r = 0; r < rows; r++) {
    let v = 0;
    const end = Math.min(s.ptr[r + 1], s.ptr[r] + cap);
    for (let k = s.ptr[r]; k < end; k++) {
      const age = s.ages[k];
      if (age > withinDays) break;
      v += halfLife > 0 && age > 0 ? 0.5 ** (age / halfLife) : 1;
    }
    values[r] = v;
  }
  return { signal: s, event: s.event, cap, timing, values };
}
