// Orchestrates the stages (leads → mess → latent intent → activities → outcomes → grids) with one
// PRNG stream per stage.

import { ACTIVITY_HEADERS, LEADS_HEADERS } from "../core/templates";
import type { Grid } from "../core/types";
import { DAY, LeadActivities, leadActivities } from "./activities";
import { COMPETITOR_DOMAINS } from "./companies";
import { csvCell, IsoFormatter, isoDate } from "./grid";
import { type DemoLead, makeLeads, OWNERS } from "./leads";
import { messUpLeads } from "./mess";
import { DECISION_DAYS, fitScore, SIGNAL, SIGNAL_EVENT } from "./model";
import { decideOutcome, type Outcome } from "./outcomes";
import { Rng, sigmoid } from "./random";

export interface DemoOptions {
  /** Number of leads (default 2000). */
  leads?: number;
  /** Length of the window in days, ending at `end` (default 180). */
  days?: number;
  /** PRNG seed (default 1). */
  seed?: number;
  /** End of the data, exclusive (default 2026-11-01T00:00:00Z; never "now", so output is stable). */
  end?: Date;
  /** Average activities per lead (default 15: 2000 leads → about 30,000 activities). */
  activitiesPerLead?: number;
  /** Add the deliberate mess (odd casing, unknown lead, bad timestamp, hostile name…). Default true. */
  mess?: boolean;
}

export const DEFAULT_END = new Date("2026-11-01T00:00:00Z");
export const DEFAULT_OPTIONS = {
  leads: 2000,
  days: 180,
  seed: 1,
  end: DEFAULT_END,
  activitiesPerLead: 15,
  mess: true,
};

/** The latent model's view of one lead (see model.ts): its outcome, with the time as ISO text. */
export interface DemoTruth
  extends Pick<Outcome, "fit" | "engagement" | "logit" | "probability" | "wouldConvert" | "converted"> {
  /** Index into the Leads grid (1 = first lead, sheet row 2). */
  row: number;
  email: string;
  /** ISO time at which engagement was measured: Created + DECISION_DAYS. */
  decisionAt: string;
}

export interface DemoStats {
  leads: number;
  activities: number;
  converted: number;
  notConverted: number;
  open: number;
  /** converted / (converted + notConverted). */
  conversionRate: number;
}

export interface Demo {
  leads: Grid;
  activities: Grid;
  truth: DemoTruth[];
  /** Domains of the fictional competitors, for the Competitors column of the Lists tab. */
  competitorDomains: string[];
  stats: DemoStats;
  /** Sheet-visible mess, so tests and docs can point at it. */
  mess: {
    /** Email of the lead whose first name is XSS_NAME ("" when mess is off). */
    xssLeadEmail: string;
    unknownEmail: string;
    badTimestamp: string;
  };
}

export const UNKNOWN_EMAIL = "deleted.lead@unknown-company.com";

/** Independent PRNG streams per stage, so adding a field to one stage leaves the others unchanged. */
function stream(seed: number, stage: number): Rng {
  return new Rng((seed ^ Math.imul(stage, 0x9e3779b9)) >>> 0);
}

export function generateDemo(options: DemoOptions = {}): Demo {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const count = Math.max(0, Math.floor(o.leads));
  const end = Math.floor(o.end.getTime() / 1000);
  const start = end - Math.round(o.days * DAY);
  const iso = new IsoFormatter();

  const emails = new Set<string>();
  const people = makeLeads(stream(o.seed, 1), { count, start, end }, emails);
  const messRng = stream(o.seed, 4);
  const hot = o.mess ? messUpLeads(messRng, people, emails) : -1;

  // Intent and activity level lean on fit (good prospects engage more), with plenty of noise.
  const fit = new Float64Array(count);
  const intent = new Float64Array(count);
  const scale = new Float64Array(count);
  const latentRng = stream(o.seed, 2);
  let scaleSum = 0;
  let burstFrac = 0;
  let alive = 0;
  for (let i = 0; i < count; i++) {
    const lead = people[i];
    fit[i] = fitScore(lead);
    intent[i] = i === hot ? 0.97 : sigmoid(0.5 * fit[i] + latentRng.normal() - 0.5);
    scale[i] = (0.3 + 1.4 * intent[i]) * Math.exp(0.6 * latentRng.normal() - 0.18);
    scaleSum += scale[i];
    burstFrac += Math.min(1, (end - lead.created) / (DECISION_DAYS * DAY));
    alive += end - lead.created;
    // Reps pick up the promising leads first; the rest wait unassigned.
    lead.owner = latentRng.chance(sigmoid(fit[i] + 1)) ? latentRng.pick(OWNERS) : "";
  }
  for (let i = 0; i < count; i++) scale[i] /= scaleSum / count;
  // Half of the activity comes in the burst after sign-up, half as nurture; ~0.5 per lead are the
  // sign-up form, demo requests and unsubscribes, and converters lose their post-conversion tail.
  const perLead = Math.max(0, o.activitiesPerLead * 1.1 - 0.5);
  const rates = {
    burstMean: count ? (0.5 * perLead) / Math.max(1e-9, burstFrac / count) : 0,
    nurtureRate: count ? (0.5 * perLead) / Math.max(1, alive / count) : 0,
    end,
  };

  const actRng = stream(o.seed, 3);
  const outcomeRng = stream(o.seed, 5);
  const scratch = new LeadActivities();
  const times: number[] = [];
  const leadOf: number[] = [];
  const signals: number[] = [];
  const details: string[] = [];
  const truth: DemoTruth[] = [];
  const leads: Grid = [[...LEADS_HEADERS]];
  let converted = 0;
  let notConverted = 0;
  for (let i = 0; i < count; i++) {
    const lead = people[i];
    leadActivities(actRng, lead, intent[i], scale[i], rates, scratch);
    if (i === hot && !scratch.signals.includes(SIGNAL.demoRequest)) {
      scratch.add(lead.created + Math.floor((end - lead.created) / 2), SIGNAL.demoRequest, "Book a demo");
    }
    const out = decideOutcome(outcomeRng, lead.created, fit[i], scratch, end);
    for (let k = 0; k < scratch.length; k++) {
      times.push(scratch.times[k]);
      leadOf.push(i);
      signals.push(scratch.signals[k]);
      details.push(scratch.details[k]);
    }
    if (out.converted === true) converted++;
    else if (out.converted === false) notConverted++;
    leads.push(leadRow(lead, iso, out.converted, out.convertedAt));
    truth.push({
      row: i + 1,
      email: lead.email,
      fit: out.fit,
      engagement: out.engagement,
      logit: out.logit,
      probability: out.probability,
      wouldConvert: out.wouldConvert,
      converted: out.converted,
      decisionAt: iso.format(out.decisionAt),
    });
  }

  // Chronological, as an analytics export is; ties keep lead order so the output is stable.
  const order = chronological(times, start);
  const keys = people.map((p) => p.logEmail ?? p.email);
  const activities: Grid = [[...ACTIVITY_HEADERS]];
  for (let k = 0; k < order.length; k++) {
    const j = order[k];
    let event = SIGNAL_EVENT[signals[j]];
    let key = keys[leadOf[j]];
    if (o.mess) {
      // Hand-typed and merged logs: "page view", "Email Open ", a key with a trailing space.
      const u = messRng.next();
      if (u < 0.02) event = event.toLowerCase();
      else if (u < 0.03) event = `${event} `;
      else if (u < 0.032) key = `${key} `;
    }
    activities.push([iso.format(times[j]), key, event, details[j]]);
  }

  let badTimestamp = "";
  if (o.mess && activities.length > 20) {
    const n = activities.length;
    // Activity for a lead that is not (or no longer) on Leads.
    for (const [frac, event, detail] of [
      [0.4, "Page View", "/pricing"],
      [0.7, "Email Open", "Newsletter"],
    ] as const) {
      const at = Math.floor(n * frac);
      activities.splice(at + 1, 0, [activities[at][0], UNKNOWN_EMAIL, event, detail]);
    }
    // A duplicate of a real activity with a timestamp no parser accepts (day 32), next to the original.
    const at = Math.floor(n / 2);
    const ts = String(activities[at][0]);
    badTimestamp = `${ts.slice(0, 8)}32${ts.slice(10)}`;
    activities.splice(at + 1, 0, [badTimestamp, ...activities[at].slice(1)]);
  }

  return {
    leads,
    activities,
    truth,
    competitorDomains: [...COMPETITOR_DOMAINS],
    stats: {
      leads: count,
      activities: activities.length - 1,
      converted,
      notConverted,
      open: count - converted - notConverted,
      conversionRate: converted + notConverted ? converted / (converted + notConverted) : 0,
    },
    mess: {
      xssLeadEmail: hot >= 0 ? people[hot].email : "",
      unknownEmail: o.mess ? UNKNOWN_EMAIL : "",
      badTimestamp,
    },
  };
}

/**
 * Indices of `times` in time order, ties in index order. For bench sizes a comparator sort of a
 * million indices is slow; packing (time, index) into one float and sorting natively is not.
 */
function chronological(times: readonly number[], start: number): Uint32Array | number[] {
  const n = times.length;
  const indexBits = Math.max(1, Math.ceil(Math.log2(n + 1)));
  const span = 2 ** (53 - indexBits);
  let maxRel = 0;
  for (const t of times) maxRel = Math.max(maxRel, t - start + 1);
  if (maxRel >= span || times.some((t) => t < start)) {
    return Array.from({ length: n }, (_, k) => k).sort((a, b) => times[a] - times[b] || a - b);
  }
  const keys = new Float64Array(n);
  const shift = 2 ** indexBits;
  for (let k = 0; k < n; k++) keys[k] = (times[k] - start) * shift + k;
  keys.sort();
  const order = new Uint32Array(n);
  for (let k = 0; k < n; k++) order[k] = keys[k] % shift;
  return order;
}

function leadRow(
  lead: DemoLead,
  iso: IsoFormatter,
  converted: boolean | null,
  convertedAt: number | null,
): Grid[number] {
  return [
    lead.email,
    lead.firstName,
    lead.lastName,
    lead.title,
    lead.company,
    lead.industry,
    lead.employees ?? "",
    lead.country,
    lead.source,
    lead.owner,
    iso.format(lead.created),
    converted === null ? "" : converted,
    convertedAt === null ? "" : isoDate(convertedAt),
  ];
}

/** A grid as rows of CSV text cells (what a CSV file of the tab holds). */
export function gridToText(grid: Grid): string[][] {
  return grid.map((row) => row.map(csvCell));
}
