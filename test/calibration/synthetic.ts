// Synthetic leads with a known truth and the traits of real CRM exports: categorical fields with dozens of
// values and placeholders meaning blank, skewed numeric fields with gaps and "1,200"-style text, an ID
// column, a leaky status column and (optionally) an activity log with post-conversion events.

import { rng } from "../../src/core/calibration/rng";
import type { CellValue, Grid, WorkbookInput } from "../../src/core/types";

export interface SyntheticOptions {
  leads: number;
  seed?: number;
  activities?: boolean;
  /** Add a Status column that gives the outcome away. */
  leaky?: boolean;
  /** Blank the outcome of this share of leads (open leads). */
  open?: number;
  /** Plant AND interactions (see PLANTED) on top of the main effects. */
  interactions?: boolean;
}

/** The planted interactions, in words (the fit should find them as Only If rules). */
export const PLANTED = [
  "Title = VP and Lead Source = Webinar: +2.0",
  "Title = Intern and Lead Source = Referral: +2.5",
  "Country 1 and Lead Source = Cold Call: −1.5",
];

export interface Synthetic {
  input: WorkbookInput;
  /** The true log-odds of each lead. */
  truth: number[];
  /** Per lead: converted. */
  y: boolean[];
}

/** The Leads columns a model may learn from (the rest are identity, dates and the outcome). */
export const FEATURE_COLUMNS = [
  "Industry",
  "Country",
  "Lead Source",
  "Title",
  "Employees",
  "Annual Revenue",
  "Favourite Colour",
];
const PLACEHOLDERS = ["n/a", "unknown", "-", "(not set)", ""];
const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function zipfPick(random: () => number, n: number, s = 1.1): number {
  const weights = Array.from({ length: n }, (_, i) => 1 / (i + 1) ** s);
  const total = weights.reduce((a, b) => a + b, 0);
  let u = random() * total;
  for (let i = 0; i < n; i++) {
    u -= weights[i];
    if (u <= 0) return i;
  }
  return n - 1;
}

export function synthetic(options: SyntheticOptions): Synthetic {
  const random = rng(options.seed ?? 7);
  const effects = (n: number, sd: number) => Array.from({ length: n }, () => normal(random) * sd);
  const industry = effects(40, 0.7);
  const country = effects(25, 0.4);
  const sources = [
    "Webinar",
    "Referral",
    "Paid Search",
    "Organic",
    "Trade Show",
    "Cold Call",
    "Partner",
    "Social",
  ];
  const sourceEffect = [0.6, 1.4, -0.2, 0.3, 0.5, -1.2, 0.9, -0.5];
  const titles = ["VP", "Director", "Manager", "Engineer", "Analyst", "Intern"];
  const titleEffect = [1.2, 0.8, 0.3, 0, -0.3, -1.5];
  const leadsHeader = ["Email", "Name", ...FEATURE_COLUMNS, "Created", "Converted", "Converted At"];
  if (options.leaky) leadsHeader.push("Status");
  const leads: Grid = [leadsHeader];
  const activities: Grid = [["Timestamp", "Email", "Event", "Detail"]];
  const truth: number[] = [];
  const y: boolean[] = [];
  for (let i = 0; i < options.leads; i++) {
    const ind = zipfPick(random, 40);
    const cty = zipfPick(random, 25, 1.4);
    const src = zipfPick(random, sources.length, 0.6);
    const tit = zipfPick(random, titles.length, 0.5);
    const employees = Math.round(Math.exp(3 + 1.6 * normal(random)));
    const revenue = Math.round((employees * Math.exp(11 + 0.8 * normal(random))) / 1000) * 1000;
    // Truth: employees matter non-linearly (mid-size best), revenue weakly, colour not at all.
    const le = Math.log10(employees + 1);
    let eta = -3.6 + industry[ind] + country[cty] + sourceEffect[src] + titleEffect[tit];
    eta += 1.2 - 0.9 * (le - 2.2) ** 2 + 0.15 * Math.log10(revenue + 1);
    if (options.interactions) {
      if (tit === 0 && src === 0) eta += 2.0;
      if (tit === 5 && src === 1) eta += 2.5;
      if (cty === 1 && src === 5) eta -= 1.5;
    }
    const empMissing = random() < 0.15;
    if (empMissing) eta -= 0.6;
    let engagement = 0;
    if (options.activities) {
      engagement = Math.floor(-Math.log(Math.max(random(), 1e-9)) * 2 * Math.exp(0.3 * normal(random)));
      eta += 0.35 * Math.min(engagement, 4);
    }
    const converted = random() < 1 / (1 + Math.exp(-eta));
    truth.push(eta);
    y.push(converted);
    const created = START + Math.floor(random() * 300) * DAY;
    const convertedAt = converted ? created + Math.floor(5 + random() * 60) * DAY : null;
    const placeholder = () => PLACEHOLDERS[Math.floor(random() * PLACEHOLDERS.length)];
    const cell = (v: CellValue, blankShare: number): CellValue => (random() < blankShare ? placeholder() : v);
    const open = options.open !== undefined && random() < options.open;
    const row: CellValue[] = [
      `lead${i}@example${i % 97}.com`,
      `Person ${i}`,
      cell(`Industry ${String.fromCharCode(65 + (ind % 26))}${ind}`, 0.08),
      cell(`Country ${cty}`, 0.05),
      sources[src],
      cell(titles[tit], 0.1),
      empMissing ? placeholder() : employees >= 1000 ? employees.toLocaleString("en-US") : employees,
      random() < 0.2 ? "" : revenue,
      ["Red", "Green", "Blue", "Teal"][Math.floor(random() * 4)],
      new Date(created).toISOString().slice(0, 10),
      open ? "" : converted ? (random() < 0.5 ? "TRUE" : "yes") : random() < 0.5 ? "FALSE" : "no",
      convertedAt && !open ? new Date(convertedAt).toISOString() : "",
    ];
    if (options.leaky)
      row.push(converted ? (random() < 0.97 ? "Won" : "Open") : random() < 0.7 ? "Lost" : "Open");
    leads.push(row);
    if (options.activities) {
      const email = row[0];
      for (let k = 0; k < engagement; k++) {
        const t = created + Math.floor(random() * 4 * DAY);
        activities.push([
          new Date(t).toISOString(),
          email,
          ["Email Open", "Page View", "Webinar"][k % 3],
          "",
        ]);
      }
      // Noise events for everyone; post-conversion events that would leak without the cut-off.
      if (random() < 0.5) activities.push([new Date(created + DAY).toISOString(), email, "Newsletter", ""]);
      if (convertedAt)
        activities.push([new Date(convertedAt + DAY).toISOString(), email, "Contract Signed", ""]);
    }
  }
  const settings: Grid = [
    ["Setting", "Value"],
    ["Lead key", "Email"],
  ];
  return { input: { leads, settings, activities: options.activities ? activities : undefined }, truth, y };
}
