// What an activity says: page URLs, email campaigns, forms and webinars, by signal.
import { SIGNAL, type Signal } from "./model";
import { list } from "./names";
import type { Rng } from "./random";

const PRICING = ["/pricing", "/pricing", "/pricing", "/pricing/enterprise"];
const CAREERS = list(
  "/careers, /careers, /careers/account-executive, /careers/senior-software-engineer, /careers/customer-success-manager, /careers/marketing-intern",
);
const BLOG = list(`
  what-is-lead-scoring, lead-scoring-model-examples, mql-vs-sql, negative-lead-scoring, score-decay-explained,
  b2b-email-benchmarks-2026, google-sheets-crm, sales-marketing-alignment, webinar-lead-follow-up,
  ideal-customer-profile-template, lead-nurturing-sequences, predictive-vs-rule-based-scoring,
  how-to-set-score-thresholds, fit-vs-engagement, intent-signals-that-matter, cold-email-reply-rates,
  small-business-sales-funnel, lead-routing-rules, speed-to-lead, pipeline-review-checklist`).map(
  (slug) => `/blog/${slug}`,
);
const DOCS = list(`
  /docs/getting-started, /docs/scoring-matrix, /docs/activity-log, /docs/settings, /docs/integrations/hubspot,
  /docs/integrations/salesforce, /docs/api, /docs/notifications, /docs/calibration`);
const CASE_STUDIES = list(`
  /case-studies/northwind-dental, /case-studies/summit-analytics, /case-studies/pine-creative,
  /case-studies/keystone-manufacturing, /case-studies/lakeside-logistics`);
const OTHER_PAGES = list("/, /, /, /features, /features, /integrations, /about, /contact, /security");

const WELCOME = list("Welcome series 1/3, Welcome series 2/3, Welcome series 3/3");
const NURTURE = list(
  "Nurture: Pricing guide, Nurture: Case study, Product update: Calibration, Product update: Notifications, Webinar invite",
);
const FORMS = list(
  "Contact us, Ebook: The lead scoring playbook, Newsletter signup, Template: ICP worksheet, Checklist: Speed to lead",
);
const WEBINARS = list(
  "Webinar: Lead scoring 101, Webinar: Scoring in Google Sheets, Webinar: From MQL to revenue, Webinar: Calibrating your model",
);
const DEMO_FORMS = list("Book a demo, Pricing page: Talk to sales, Chat: Request a demo");
const UNSUBSCRIBE = list("All marketing emails, Newsletter, All marketing emails");

const DAY_S = 86_400;
const MONTHS = list("Jan, Feb, Mar, Apr, May, Jun, Jul, Aug, Sep, Oct, Nov, Dec");
const newsletterNames = new Map<number, string>();

/** The newsletter of the month `time` (Unix seconds) falls in; cached per day (few Date objects). */
function newsletter(time: number): string {
  const day = Math.floor(time / DAY_S);
  let name = newsletterNames.get(day);
  if (name === undefined) {
    const d = new Date(day * DAY_S * 1000);
    name = `Newsletter ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
    newsletterNames.set(day, name);
  }
  return name;
}

/**
 * Detail text of one activity at `time`, `age` seconds after the lead was created (the welcome series
 * goes out on days 0, 3 and 7, newsletters and nurture after); `bigCompany` leans pricing views towards
 * the enterprise plan.
 */
export function detailFor(rng: Rng, signal: Signal, time: number, age: number, bigCompany: boolean): string {
  switch (signal) {
    case SIGNAL.pricing:
      return bigCompany && rng.chance(0.4) ? "/pricing/enterprise" : rng.pick(PRICING);
    case SIGNAL.careers:
      return rng.pick(CAREERS);
    case SIGNAL.blog:
      return rng.pick(BLOG);
    case SIGNAL.docs:
      return rng.pick(DOCS);
    case SIGNAL.caseStudy:
      return rng.pick(CASE_STUDIES);
    case SIGNAL.otherPage:
      return rng.pick(OTHER_PAGES);
    case SIGNAL.emailOpen:
    case SIGNAL.emailClick:
      if (age < 14 * DAY_S) return WELCOME[age < 3 * DAY_S ? 0 : age < 7 * DAY_S ? 1 : 2];
      return rng.chance(0.6) ? newsletter(time) : rng.pick(NURTURE);
    case SIGNAL.formFill:
      return rng.pick(FORMS);
    case SIGNAL.webinar:
      return rng.pick(WEBINARS);
    case SIGNAL.demoRequest:
      return rng.pick(DEMO_FORMS);
    case SIGNAL.unsubscribe:
      return rng.pick(UNSUBSCRIBE);
  }
  return "";
}
