// One lead's activity history: a burst of interest after sign-up, then a slow trickle of nurture
// emails and visits. Intent (0..1) shifts the mix towards pricing views, webinars and demo requests.
import { detailFor } from "./catalog";
import type { DemoLead } from "./leads";
import { DECISION_DAYS, SIGNAL, type Signal } from "./model";
import { type Rng, Weighted } from "./random";

export const DAY = 86_400;

/** One lead's activities before they are committed to the log (times in Unix seconds, unsorted). */
export class LeadActivities {
  times: number[] = [];
  signals: Signal[] = [];
  details: string[] = [];

  clear(): void {
    this.times.length = 0;
    this.signals.length = 0;
    this.details.length = 0;
  }

  add(time: number, signal: Signal, detail: string): void {
    this.times.push(time);
    this.signals.push(signal);
    this.details.push(detail);
  }

  get length(): number {
    return this.times.length;
  }

  /** Keep only the activities `keep` accepts (in place). */
  filter(keep: (time: number, signal: Signal) => boolean): void {
    let j = 0;
    for (let i = 0; i < this.times.length; i++) {
      if (!keep(this.times[i], this.signals[i])) continue;
      this.times[j] = this.times[i];
      this.signals[j] = this.signals[i];
      this.details[j] = this.details[i];
      j++;
    }
    this.times.length = j;
    this.signals.length = j;
    this.details.length = j;
  }
}

/** Hour of day (UTC) of a visit or an open: business hours across US and European time zones. */
const HOURS = new Weighted<number>(
  Array.from({ length: 24 }, (_, h) => [h, h < 6 ? 1 : h < 8 ? 2 : h < 12 ? 5 : h < 18 ? 8 : h < 22 ? 5 : 2]),
);

/** Means shared by all leads, fixed once so the total comes out near `activitiesPerLead × leads`. */
export interface ActivityRates {
  /** Expected burst activities of a lead with scale 1 and a full decision window. */
  burstMean: number;
  /** Expected nurture activities per second alive, at scale 1. */
  nurtureRate: number;
  end: number;
}

const SIGNALS_DRAWN: readonly Signal[] = [
  SIGNAL.pricing,
  SIGNAL.caseStudy,
  SIGNAL.blog,
  SIGNAL.docs,
  SIGNAL.otherPage,
  SIGNAL.careers,
  SIGNAL.emailOpen,
  SIGNAL.emailClick,
  SIGNAL.formFill,
  SIGNAL.webinar,
];

/** Per-phase event mix for one lead, as cumulative weights over SIGNALS_DRAWN (reused buffers). */
class Mix {
  readonly cumulative = new Float64Array(SIGNALS_DRAWN.length);

  set(weights: readonly number[]): void {
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i];
      this.cumulative[i] = sum;
    }
    for (let i = 0; i < weights.length; i++) this.cumulative[i] /= sum;
  }

  draw(rng: Rng): Signal {
    const u = rng.next();
    for (let i = 0; i < this.cumulative.length; i++) if (u < this.cumulative[i]) return SIGNALS_DRAWN[i];
    return SIGNALS_DRAWN[SIGNALS_DRAWN.length - 1];
  }
}

const burstMix = new Mix();
const nurtureMix = new Mix();

function setMixes(lead: DemoLead, q: number): void {
  const seeker = lead.jobSeeker ? 1 : 0;
  const rival = lead.emailKind === "competitor" ? 1 : 0;
  // Order follows SIGNALS_DRAWN.
  burstMix.set([
    0.03 + 0.16 * q + 0.25 * rival,
    0.02 + 0.05 * q,
    0.2,
    0.04 + 0.04 * q + 0.1 * rival,
    0.15,
    0.015 + 0.5 * seeker,
    0.2,
    0.05 + 0.05 * q,
    0.02 + 0.04 * q,
    0.01 + 0.04 * q,
  ]);
  nurtureMix.set([
    0.01 + 0.06 * q + 0.1 * rival,
    0.01 + 0.02 * q,
    0.18,
    0.02,
    0.06,
    0.01 + 0.2 * seeker,
    0.45,
    0.06 + 0.04 * q,
    0.01 + 0.02 * q,
    0.01 + 0.02 * q,
  ]);
}

/** Move a time to a plausible hour of the same day, unless that would leave [lo, hi). */
function atBusinessHour(rng: Rng, t: number, lo: number, hi: number): number {
  const shifted = Math.floor(t / DAY) * DAY + HOURS.draw(rng) * 3600 + rng.int(0, 3599);
  return shifted > lo && shifted < hi ? shifted : t;
}

const FORM_SOURCES = new Set(["Organic Search", "Paid Search", "LinkedIn"]);

/**
 * Fill `out` with the activities of `lead` up to `rates.end`: sign-up form or webinar, a burst in the
 * first weeks, nurture afterwards, maybe a demo request, maybe an unsubscribe (no emails after it).
 * `scale` (mean 1 over leads) sets how active the lead is; `q` is its buying intent.
 */
export function leadActivities(
  rng: Rng,
  lead: DemoLead,
  q: number,
  scale: number,
  rates: ActivityRates,
  out: LeadActivities,
): void {
  out.clear();
  const c = lead.created;
  const end = rates.end;
  if (c >= end - 60) return;
  const windowEnd = Math.min(c + DECISION_DAYS * DAY, end);
  const big = lead.employees !== null && lead.employees > 200;
  const soon = (lo: number, hi: number) => Math.min(c + rng.int(lo, hi), end - 1);

  // How the lead arrived leaves a trace right after Created.
  if (FORM_SOURCES.has(lead.source) && rng.chance(0.5)) {
    out.add(soon(60, 900), SIGNAL.formFill, detailFor(rng, SIGNAL.formFill, c, 0, big));
  } else if (lead.source === "Webinar" && rng.chance(0.7)) {
    out.add(soon(300, 3600), SIGNAL.webinar, detailFor(rng, SIGNAL.webinar, c, 0, big));
  }

  setMixes(lead, q);
  const alive = end - c;
  const burst = rng.poisson(rates.burstMean * scale * Math.min(1, alive / (DECISION_DAYS * DAY)));
  for (let k = 0; k < burst; k++) {
    // Interest fades over days: exponential from sign-up, folded back into the window when it overshoots.
    let t = c + Math.floor(rng.exponential(4 * DAY));
    if (t >= windowEnd) t = c + Math.floor(rng.next() * (windowEnd - c));
    t = atBusinessHour(rng, Math.max(t, c + 1), c, windowEnd);
    const s = burstMix.draw(rng);
    out.add(t, s, detailFor(rng, s, t, t - c, big));
  }
  const nurture = rng.poisson(rates.nurtureRate * scale * alive);
  for (let k = 0; k < nurture; k++) {
    const t = atBusinessHour(rng, c + 1 + Math.floor(rng.next() * (alive - 1)), c, end);
    const s = nurtureMix.draw(rng);
    out.add(t, s, detailFor(rng, s, t, t - c, big));
  }

  const demoChance =
    lead.seniority === "student" ? 0 : lead.emailKind === "competitor" ? 0.03 : 0.01 + 0.5 * q ** 3;
  if (rng.chance(demoChance)) {
    const t = c + 1 + Math.floor(rng.next() * (windowEnd - c - 1));
    out.add(t, SIGNAL.demoRequest, detailFor(rng, SIGNAL.demoRequest, t, t - c, big));
    if (rng.chance(0.1)) {
      const t2 = Math.min(t + rng.int(DAY, 5 * DAY), end - 1);
      out.add(t2, SIGNAL.demoRequest, detailFor(rng, SIGNAL.demoRequest, t2, t2 - c, big));
    }
  }

  if (rng.chance(0.04 + 0.08 * (1 - q))) {
    const u = c + 1 + Math.floor(rng.next() * (alive - 1));
    // No more emails reach a lead after they unsubscribe.
    out.filter((t, s) => t < u || (s !== SIGNAL.emailOpen && s !== SIGNAL.emailClick));
    out.add(u, SIGNAL.unsubscribe, detailFor(rng, SIGNAL.unsubscribe, u, u - c, big));
  }
}
