// The known truth behind the demo: a latent logistic model of conversion. Calibration (issue 7) is
// tested on this data, so every effect here is something a fitted matrix should be able to find.
//
//   logit = INTERCEPT + fit(lead) + engagement(activities in the lead's first DECISION_DAYS)
//   P(converted) = sigmoid(logit)
//
// Engagement is measured at the decision point (Created + DECISION_DAYS): each signal counts its newest
// `cap` activities in the window, each weighted 0.5^(age / HALF_LIFE_DAYS), which is exactly what an
// activity rule with Max Count and Half-life Days computes when scored as of that point.

export type Seniority =
  | "executive"
  | "vp"
  | "director"
  | "head"
  | "manager"
  | "individual"
  | "intern"
  | "student"
  | "unknown";

export type EmailKind = "business" | "free" | "edu" | "competitor";

/** The attributes of a lead the fit part of the model reads. */
export interface FitInputs {
  seniority: Seniority;
  /** Job function ("Marketing", "Sales", …), "" when the title names none. */
  func: string;
  industry: string;
  employees: number | null;
  emailKind: EmailKind;
  source: string;
}

export const INTERCEPT = -4.2;

export const SENIORITY_EFFECT: Record<Seniority, number> = {
  executive: 1.1,
  vp: 1.0,
  director: 0.8,
  head: 0.7,
  manager: 0.35,
  individual: 0,
  intern: -1.2,
  student: -1.8,
  unknown: -0.3,
};

/** Functions that buy lead scoring gain; others are mild negatives. Unlisted = 0. */
export const FUNCTION_EFFECT: Record<string, number> = {
  Marketing: 0.3,
  Sales: 0.25,
  "Revenue Operations": 0.4,
  Growth: 0.3,
  Finance: -0.2,
  HR: -0.3,
};

export const INDUSTRY_EFFECT: Record<string, number> = {
  Software: 0.6,
  "Financial Services": 0.4,
  Healthcare: 0.3,
  Agency: 0.3,
  Manufacturing: 0.2,
  Logistics: 0.1,
  Retail: 0,
  Construction: -0.1,
  Education: -0.5,
  Nonprofit: -0.7,
  "": -0.2,
};

/** Company size, by upper bound of the band: mid-size accounts are the sweet spot. */
export const SIZE_EFFECT: ReadonlyArray<readonly [maxEmployees: number, effect: number]> = [
  [10, -0.6],
  [50, 0.2],
  [200, 0.6],
  [1000, 0.5],
  [Number.POSITIVE_INFINITY, 0],
];
export const SIZE_UNKNOWN_EFFECT = -0.2;

export const EMAIL_EFFECT: Record<EmailKind, number> = {
  business: 0,
  free: -0.9,
  edu: -1.5,
  competitor: -4,
};

export const SOURCE_EFFECT: Record<string, number> = {
  Referral: 0.5,
  Partner: 0.3,
  Webinar: 0.2,
  "Trade Show": 0.1,
  "Cold Outbound": -0.3,
};

export function fitScore(lead: FitInputs): number {
  let f = SENIORITY_EFFECT[lead.seniority];
  f += FUNCTION_EFFECT[lead.func] ?? 0;
  f += INDUSTRY_EFFECT[lead.industry] ?? 0;
  if (lead.employees === null) f += SIZE_UNKNOWN_EFFECT;
  else f += SIZE_EFFECT.find(([max]) => lead.employees! <= max)![1];
  f += EMAIL_EFFECT[lead.emailKind];
  f += SOURCE_EFFECT[lead.source] ?? 0;
  return f;
}

// Activity signals: an event, and for page views the kind of page. Numbered so activities can be held
// in typed arrays when a bench asks for a million of them.
export const SIGNAL = {
  demoRequest: 0,
  pricing: 1,
  webinar: 2,
  formFill: 3,
  caseStudy: 4,
  emailClick: 5,
  emailOpen: 6,
  careers: 7,
  unsubscribe: 8,
  blog: 9,
  docs: 10,
  otherPage: 11,
} as const;
export type Signal = (typeof SIGNAL)[keyof typeof SIGNAL];
export const SIGNAL_COUNT = 12;

/** Event names as they appear in the Activity Log (the canonical spelling). */
export const EVENTS = {
  pageView: "Page View",
  emailOpen: "Email Open",
  emailClick: "Email Click",
  formFill: "Form Fill",
  webinarAttended: "Webinar Attended",
  demoRequest: "Demo Request",
  unsubscribe: "Unsubscribe",
} as const;

export const SIGNAL_EVENT: readonly string[] = [
  EVENTS.demoRequest,
  EVENTS.pageView,
  EVENTS.webinarAttended,
  EVENTS.formFill,
  EVENTS.pageView,
  EVENTS.emailClick,
  EVENTS.emailOpen,
  EVENTS.pageView,
  EVENTS.unsubscribe,
  EVENTS.pageView,
  EVENTS.pageView,
  EVENTS.pageView,
];

/** Log-odds per activity (before decay) and how many of the newest count, per signal. */
export const ENGAGEMENT: ReadonlyArray<{ signal: Signal; label: string; weight: number; cap: number }> = [
  { signal: SIGNAL.demoRequest, label: "Demo Request", weight: 2.2, cap: 1 },
  { signal: SIGNAL.pricing, label: "Page View of /pricing…", weight: 0.55, cap: 3 },
  { signal: SIGNAL.webinar, label: "Webinar Attended", weight: 0.8, cap: 2 },
  { signal: SIGNAL.formFill, label: "Form Fill", weight: 0.45, cap: 2 },
  { signal: SIGNAL.caseStudy, label: "Page View of /case-studies/…", weight: 0.3, cap: 2 },
  { signal: SIGNAL.emailClick, label: "Email Click", weight: 0.2, cap: 3 },
  { signal: SIGNAL.emailOpen, label: "Email Open", weight: 0.05, cap: 5 },
  { signal: SIGNAL.careers, label: "Page View of /careers…", weight: -0.8, cap: 2 },
  { signal: SIGNAL.unsubscribe, label: "Unsubscribe", weight: -1.5, cap: 1 },
  { signal: SIGNAL.blog, label: "Page View of /blog/…", weight: 0.05, cap: 5 },
  { signal: SIGNAL.docs, label: "Page View of /docs/…", weight: 0.1, cap: 3 },
  { signal: SIGNAL.otherPage, label: "Other Page View", weight: 0.03, cap: 5 },
];

/** Engagement is measured this many days after Created; the sales decision follows within days. */
export const DECISION_DAYS = 21;
export const HALF_LIFE_DAYS = 14;
/** Conversion lands this many days (uniform) after the lead's last activity in the window. */
export const CONVERSION_DELAY_DAYS: readonly [number, number] = [0.5, 9];
/** Leads created this recently that have not converted yet have an unknown (blank) outcome. */
export const OPEN_DAYS = 30;

const EVENT_SIGNAL: Record<string, Signal> = {
  "demo request": SIGNAL.demoRequest,
  "webinar attended": SIGNAL.webinar,
  "form fill": SIGNAL.formFill,
  "email click": SIGNAL.emailClick,
  "email open": SIGNAL.emailOpen,
  unsubscribe: SIGNAL.unsubscribe,
};

/**
 * The signal of an Activity Log row (event and detail as written, any case or spacing), or -1 for an
 * event the model does not know. Lets tests and calibration re-derive the truth from the sheet alone.
 */
export function signalOf(event: string, detail: string): Signal | -1 {
  const e = event.trim().toLowerCase();
  if (e !== "page view") return EVENT_SIGNAL[e] ?? -1;
  const d = detail.trim().toLowerCase();
  if (d.startsWith("/pricing")) return SIGNAL.pricing;
  if (d.startsWith("/careers")) return SIGNAL.careers;
  if (d.startsWith("/case-studies")) return SIGNAL.caseStudy;
  if (d.startsWith("/blog/")) return SIGNAL.blog;
  if (d.startsWith("/docs/")) return SIGNAL.docs;
  return SIGNAL.otherPage;
}
