// Accounts: industries, company names and domains, sizes and countries of a small-business B2B funnel.
import { asciiSlug, list } from "./names";
import { type Rng, Weighted } from "./random";

/** Share of accounts per industry: software-heavy, like a typical SaaS funnel. */
const INDUSTRY_MIX = new Weighted<string>([
  ["Software", 24],
  ["Retail", 11],
  ["Manufacturing", 10],
  ["Healthcare", 10],
  ["Education", 6],
  ["Financial Services", 10],
  ["Agency", 12],
  ["Nonprofit", 5],
  ["Logistics", 6],
  ["Construction", 6],
]);

const NAME_PREFIXES = list(`
  Blue, Summit, Northwind, Harbor, Pine, Cedar, Granite, Silver, Bright, Red Oak, Iron, Maple, Copper,
  Atlas, Beacon, Crescent, Evergreen, Falcon, Golden, Horizon, Juniper, Keystone, Lakeside, Meridian,
  Nimbus, Orchard, Pioneer, Quarry, Riverbend, Sage, Tidewater, Union, Vista, Willow, Zenith, Alder,
  Brook, Clearwater, Driftwood, Ember, Fieldstone, Greenleaf, Highland, Ivy, Jade, Kestrel, Lighthouse,
  Monarch, Northstar, Oakridge, Parkside, Redwood, Stonegate, Trailhead, Upland, Valley, Westbrook`);

const NAME_MIDDLES = list(
  "Bay, Peak, Ridge, Point, Creek, Field, Hill, Stone, Lake, Grove, Harbor, Forge, Line, Path, Gate",
);

const NAME_SUFFIXES: Record<string, string[]> = {
  Software: list("Labs, Systems, Cloud, Analytics, Software, Technologies, Data, Apps"),
  Retail: list("Goods, Outfitters, Market, Supply, Boutique, Trading, Home, Store"),
  Manufacturing: list("Industries, Fabrication, Components, Works, Manufacturing, Machining, Plastics"),
  Healthcare: list("Health, Clinic, Care, Medical, Dental, Therapy, Wellness"),
  Education: list("Academy, Learning, Tutors, School, Institute, Training"),
  "Financial Services": list("Capital, Financial, Partners, Advisors, Accounting, Wealth, Insurance"),
  Agency: list("Creative, Media, Studio, Digital, Marketing, Design, Communications"),
  Nonprofit: list("Foundation, Alliance, Trust, Society, Network, Fund"),
  Logistics: list("Logistics, Freight, Transport, Couriers, Shipping"),
  Construction: list("Builders, Construction, Contracting, Renovations, Roofing"),
};

export interface Country {
  name: string;
  /** Domain ending used by most of its businesses. */
  tld: string;
  weight: number;
}

export const COUNTRIES: readonly Country[] = [
  { name: "United States", tld: ".com", weight: 44 },
  { name: "United Kingdom", tld: ".co.uk", weight: 12 },
  { name: "Canada", tld: ".ca", weight: 8 },
  { name: "Germany", tld: ".de", weight: 7 },
  { name: "Australia", tld: ".com.au", weight: 6 },
  { name: "France", tld: ".fr", weight: 4 },
  { name: "Netherlands", tld: ".nl", weight: 3 },
  { name: "Ireland", tld: ".ie", weight: 2 },
  { name: "Spain", tld: ".es", weight: 2 },
  { name: "Sweden", tld: ".se", weight: 2 },
  { name: "India", tld: ".in", weight: 5 },
  { name: "Brazil", tld: ".com.br", weight: 3 },
  { name: "Singapore", tld: ".sg", weight: 2 },
];

const COUNTRY_MIX = new Weighted<Country>(COUNTRIES.map((c) => [c, c.weight] as const));

/** Employee-count bands, skewed small as small-business funnels are: [low, high, weight]. */
const SIZE_BANDS = new Weighted<readonly [number, number]>([
  [[1, 10], 28],
  [[11, 50], 30],
  [[51, 200], 21],
  [[201, 1000], 13],
  [[1001, 5000], 6],
  [[5001, 20000], 2],
]);

/** Free mail providers and their share of personal addresses. */
const FREE_MAIL_SHARES: ReadonlyArray<readonly [string, number]> = [
  ["gmail.com", 55],
  ["yahoo.com", 12],
  ["outlook.com", 12],
  ["hotmail.com", 10],
  ["icloud.com", 5],
  ["aol.com", 2],
  ["proton.me", 2],
  ["gmx.com", 2],
];
export const FREE_MAIL_DOMAINS = FREE_MAIL_SHARES.map(([domain]) => domain);
const FREE_MAIL_MIX = new Weighted<string>(FREE_MAIL_SHARES);

export function drawFreeMailDomain(rng: Rng): string {
  return FREE_MAIL_MIX.draw(rng);
}

/** Universities for student leads (.edu addresses). */
export const UNIVERSITIES: ReadonlyArray<readonly [string, string]> = [
  ["Lakeshore State University", "lakeshore.edu"],
  ["Westfield College", "westfield.edu"],
  ["Riverside Institute of Technology", "rit-riverside.edu"],
  ["Northgate University", "northgate.edu"],
  ["Pacific Coast University", "pcu.edu"],
  ["Hillcrest Community College", "hillcrest.edu"],
];

/** Fictional competitors: their staff sign up to look at our pricing and never buy. */
export const COMPETITORS: ReadonlyArray<readonly [name: string, domain: string, employees: number]> = [
  ["ScoreLeads", "scoreleads.io", 85],
  ["LeadRankr", "leadrankr.com", 140],
  ["Pipeline Gauge", "pipelinegauge.com", 60],
];
export const COMPETITOR_DOMAINS: readonly string[] = COMPETITORS.map((c) => c[1]);

export interface Company {
  name: string;
  domain: string;
  industry: string;
  /** null = unknown (blank cell). */
  employees: number | null;
  country: string;
}

/**
 * A pool of accounts with unique names and domains. Several leads share an account, as in real
 * B2B data, which keeps company, industry, size and country consistent across colleagues.
 */
export function makeCompanies(rng: Rng, count: number): Company[] {
  const names = new Set<string>();
  const domains = new Set<string>();
  const out: Company[] = [];
  let misses = 0;
  while (out.length < count) {
    const industry = INDUSTRY_MIX.draw(rng);
    const middle = rng.chance(0.35) ? ` ${rng.pick(NAME_MIDDLES)}` : "";
    let name = `${rng.pick(NAME_PREFIXES)}${middle} ${rng.pick(NAME_SUFFIXES[industry])}`;
    // Redraw on a clash; only large pools, which exhaust the combinations, fall back to a numeral.
    if (names.has(name) && ++misses % 50 !== 0) continue;
    if (names.has(name)) name = `${name} ${names.size}`;
    if (names.has(name)) continue;
    const country = COUNTRY_MIX.draw(rng);
    const tld = rng.chance(0.7) ? country.tld : ".com";
    let domain = asciiSlug(name) + tld;
    if (domains.has(domain)) domain = `${asciiSlug(name)}hq${tld}`;
    if (domains.has(domain)) continue;
    const [lo, hi] = SIZE_BANDS.draw(rng);
    // Log-uniform within the band: plenty of 12s and 60s, few round 200s.
    const employees = rng.chance(0.08)
      ? null
      : Math.round(Math.exp(Math.log(lo) + rng.next() * Math.log(hi / lo)));
    names.add(name);
    domains.add(domain);
    out.push({ name, domain, industry, employees, country: country.name });
  }
  return out;
}

export function drawCountry(rng: Rng): string {
  return COUNTRY_MIX.draw(rng).name;
}
