// Turns a lead's fit and its first weeks of activity into a conversion, by the model in model.ts.
import { DAY, type LeadActivities } from "./activities";
import {
  CONVERSION_DELAY_DAYS,
  DECISION_DAYS,
  ENGAGEMENT,
  HALF_LIFE_DAYS,
  INTERCEPT,
  OPEN_DAYS,
  SIGNAL_COUNT,
} from "./model";
import { type Rng, sigmoid } from "./random";

const WEIGHT = new Float64Array(SIGNAL_COUNT);
const CAP = new Int32Array(SIGNAL_COUNT);
for (const e of ENGAGEMENT) {
  WEIGHT[e.signal] = e.weight;
  CAP[e.signal] = e.cap;
}
const bySignal: number[][] = Array.from({ length: SIGNAL_COUNT }, () => []);

/**
 * Engagement log-odds at `asOf`: per signal, the newest `cap` activities in (created, asOf], each
 * weighted 0.5^(age / half-life). Exported so tests can re-derive the truth from the Activity Log.
 */
export function engagementScore(
  times: readonly number[],
  signals: readonly number[],
  created: number,
  asOf: number,
): number {
  for (const list of bySignal) list.length = 0;
  for (let i = 0; i < times.length; i++) {
    if (times[i] > created && times[i] <= asOf) bySignal[signals[i]].push(times[i]);
  }
  let e = 0;
  for (let s = 0; s < SIGNAL_COUNT; s++) {
    const list = bySignal[s];
    if (list.length === 0) continue;
    if (list.length > CAP[s]) list.sort((a, b) => b - a);
    const n = Math.min(CAP[s], list.length);
    for (let k = 0; k < n; k++) e += WEIGHT[s] * 0.5 ** ((asOf - list[k]) / (HALF_LIFE_DAYS * DAY));
  }
  return e;
}

export interface Outcome {
  fit: number;
  engagement: number;
  logit: number;
  probability: number;
  /** The latent draw: this lead converts (possibly after the data ends). */
  wouldConvert: boolean;
  /** What the sheet shows: true/false when known, null while the lead is still open. */
  converted: boolean | null;
  /** Unix seconds of midnight UTC on the conversion date, when converted is true. */
  convertedAt: number | null;
  /** Created + DECISION_DAYS: the point where engagement is measured. */
  decisionAt: number;
}

/**
 * Decide the lead's outcome and, for a conversion, drop its activities after converting (a customer
 * leaves the marketing funnel), so the log never shows engagement after `Converted At`.
 */
export function decideOutcome(
  rng: Rng,
  created: number,
  fit: number,
  acts: LeadActivities,
  end: number,
): Outcome {
  const decisionAt = created + DECISION_DAYS * DAY;
  const engagement = engagementScore(acts.times, acts.signals, created, decisionAt);
  const logit = INTERCEPT + fit + engagement;
  const probability = sigmoid(logit);
  const wouldConvert = rng.chance(probability);
  const outcome: Outcome = {
    fit,
    engagement,
    logit,
    probability,
    wouldConvert,
    converted: null,
    convertedAt: null,
    decisionAt,
  };
  const known = created <= end - OPEN_DAYS * DAY;
  if (!wouldConvert) {
    outcome.converted = known ? false : null;
    return outcome;
  }
  let last = created;
  for (const t of acts.times) if (t <= decisionAt && t > last) last = t;
  const [lo, hi] = CONVERSION_DELAY_DAYS;
  let at = last + Math.floor((lo + rng.next() * (hi - lo)) * DAY);
  if (at >= end) {
    // Converts after the data ends: still open in the sheet (an old lead only hits this by rounding).
    if (!known) return outcome;
    at = end - 1;
  }
  acts.filter((t) => t <= at);
  outcome.converted = true;
  // The date cell means midnight: the midnight after `at`, so every kept activity precedes it.
  outcome.convertedAt = (Math.floor(at / DAY) + 1) * DAY;
  return outcome;
}
