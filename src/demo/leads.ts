// Lead records: who they are (title, company, email) and when and how they arrived.
import {
  COMPETITORS,
  type Company,
  drawCountry,
  drawFreeMailDomain,
  makeCompanies,
  UNIVERSITIES,
} from "./companies";
import type { EmailKind, Seniority } from "./model";
import { asciiSlug, FIRST_NAMES, LAST_NAMES, list } from "./names";
import { type Rng, Weighted } from "./random";

export interface DemoLead {
  email: string;
  firstName: string;
  lastName: string;
  title: string;
  seniority: Seniority;
  func: string;
  company: string;
  industry: string;
  employees: number | null;
  country: string;
  source: string;
  owner: string;
  /** Unix seconds. */
  created: number;
  emailKind: EmailKind;
  /** Looks for a job rather than a product: reads /careers pages. */
  jobSeeker: boolean;
  /** How the Activity Log spells this lead's key when it differs from `email` (case mess). */
  logEmail?: string;
}

export const SOURCES = list(
  "Organic Search, Paid Search, Webinar, Referral, Trade Show, LinkedIn, Cold Outbound, Partner",
);
const SOURCE_MIX = new Weighted<string>([
  ["Organic Search", 27],
  ["Paid Search", 15],
  ["Webinar", 10],
  ["Referral", 8],
  ["Trade Show", 6],
  ["LinkedIn", 13],
  ["Cold Outbound", 12],
  ["Partner", 8],
  ["", 1],
]);

/** Sales reps. example.com is reserved (RFC 2606): a demo sheet can never email a real person. */
export const OWNERS = list(
  "maya.chen@example.com, jordan.blake@example.com, priya.nair@example.com, tom.fischer@example.com, sofia.alvarez@example.com",
);

const FUNCTIONS = new Weighted<string>([
  ["Marketing", 28],
  ["Sales", 20],
  ["Revenue Operations", 7],
  ["Growth", 7],
  ["Operations", 12],
  ["IT", 8],
  ["Finance", 7],
  ["HR", 5],
  ["Customer Success", 6],
]);

const SENIORITY_MIX = new Weighted<Seniority>([
  ["executive", 8],
  ["vp", 6],
  ["director", 11],
  ["head", 7],
  ["manager", 25],
  ["individual", 31],
  ["intern", 4],
  ["unknown", 8],
]);
// Tiny companies are mostly run by the person who signs up.
const SMALL_COMPANY_SENIORITY = new Weighted<Seniority>([
  ["executive", 45],
  ["manager", 15],
  ["individual", 25],
  ["intern", 3],
  ["unknown", 12],
]);

const EXEC_TITLES = list("CEO, Founder, Co-founder & CEO, Owner, President, Managing Director, COO");
const TITLE_PATTERNS: Record<Exclude<Seniority, "executive" | "unknown" | "student">, string[]> = {
  vp: list("VP of {f}, Vice President {f}, VP {f}, SVP {f}"),
  director: list("Director of {f}, {f} Director, Senior Director {f}"),
  head: list("Head of {f}"),
  manager: list("{f} Manager, Senior {f} Manager, {f} Lead"),
  individual: list("{f} Specialist, {f} Coordinator, {f} Analyst, {f} Associate"),
  intern: list("{f} Intern, Intern"),
};
const STUDENT_TITLES = list("Student, MBA Candidate, Graduate Student, Undergraduate");

function makeTitle(rng: Rng, seniority: Seniority, func: string): string {
  if (seniority === "unknown") return "";
  if (seniority === "student") return rng.pick(STUDENT_TITLES);
  if (seniority === "executive") {
    // C-level titles that name a function keep the function in the model too.
    if (func === "Marketing" && rng.chance(0.3)) return "CMO";
    if (func === "Sales" && rng.chance(0.3)) return "Chief Revenue Officer";
    return rng.pick(EXEC_TITLES);
  }
  if (seniority === "individual" && func === "Sales" && rng.chance(0.5)) return "Account Executive";
  return rng.pick(TITLE_PATTERNS[seniority]).replace("{f}", func);
}

/** Function as the model sees it: only when the title actually names it. */
function titleFunction(title: string, func: string): string {
  if (title === "CMO") return "Marketing";
  if (title === "Chief Revenue Officer" || title === "Account Executive") return "Sales";
  return title.includes(func) ? func : "";
}

export interface LeadOptions {
  count: number;
  /** Window in Unix seconds: leads are created in [start, end). */
  start: number;
  end: number;
}

/** `emails` collects the lower-cased addresses in use, so later edits can keep keys unique. */
export function makeLeads(rng: Rng, opts: LeadOptions, emails: Set<string>): DemoLead[] {
  const { count, start, end } = opts;
  // About three leads per account, so colleagues share company data.
  const companies = makeCompanies(rng, Math.max(20, Math.ceil(count / 3)));
  const uniqueEmail = (local: string, domain: string): string => {
    let email = `${local}@${domain}`;
    for (let n = 2; emails.has(email); n++) email = `${local}${n}@${domain}`;
    emails.add(email);
    return email;
  };

  // More leads in recent months (a growing funnel), sorted by arrival like a CRM export.
  const created: number[] = [];
  for (let i = 0; i < count; i++) created.push(Math.floor(start + (end - start) * rng.next() ** 0.85));
  created.sort((a, b) => a - b);

  const leads: DemoLead[] = [];
  for (let i = 0; i < count; i++) {
    const firstName = rng.pick(FIRST_NAMES);
    const lastName = rng.pick(LAST_NAMES);
    const first = asciiSlug(firstName);
    const last = asciiSlug(lastName);
    const kindDraw = rng.next();
    let emailKind: EmailKind;
    let company: Company | null;
    let seniority: Seniority;
    let func = FUNCTIONS.draw(rng);
    let email: string;

    if (kindDraw < 0.012) {
      emailKind = "competitor";
      const [name, domain, employees] = rng.pick(COMPETITORS);
      company = { name, domain, industry: "Software", employees, country: "United States" };
      seniority = rng.chance(0.5) ? "manager" : "individual";
      func = rng.chance(0.6) ? "Marketing" : "Sales";
      email = uniqueEmail(`${first}.${last}`, domain);
    } else if (kindDraw < 0.052) {
      emailKind = "edu";
      const [name, domain] = rng.pick(UNIVERSITIES);
      company = { name, domain, industry: "Education", employees: null, country: "United States" };
      seniority = "student";
      func = "";
      email = uniqueEmail(`${first}.${last}`, domain);
    } else {
      company = rng.pick(companies);
      const small = company.employees !== null && company.employees <= 10;
      seniority = (small ? SMALL_COMPANY_SENIORITY : SENIORITY_MIX).draw(rng);
      // Owners of tiny shops often sign up with a personal address.
      if (rng.chance(small ? 0.3 : 0.1)) {
        emailKind = "free";
        const local = rng.pick([`${first}.${last}`, `${first}${last}${rng.int(1, 99)}`, `${first}_${last}`]);
        email = uniqueEmail(local, drawFreeMailDomain(rng));
        // A personal address often comes without the company filled in.
        if (rng.chance(0.4)) company = null;
      } else {
        emailKind = "business";
        const local = rng.pick([`${first}.${last}`, `${first}.${last}`, `${first[0]}${last}`, first]);
        email = uniqueEmail(local, company.domain);
      }
    }

    const title = makeTitle(rng, seniority, func);
    leads.push({
      email,
      firstName,
      lastName,
      title,
      seniority,
      func: titleFunction(title, func),
      company: company?.name ?? "",
      industry: company?.industry ?? "",
      employees: company?.employees ?? null,
      country: company && !rng.chance(0.03) ? company.country : rng.chance(0.5) ? drawCountry(rng) : "",
      source: SOURCE_MIX.draw(rng),
      owner: "",
      created: created[i],
      emailKind,
      jobSeeker: seniority === "student" ? rng.chance(0.5) : rng.chance(0.02),
    });
  }
  return leads;
}
