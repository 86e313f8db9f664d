// Engine benchmark: 100,000 leads × 1,000,000 activities × 40 rules, generated deterministically,
// scored in memory (no I/O). Prints time, leads/s, activities/s and peak memory.
// Run: npm run build && node build/bench/engine.js (BENCH_LEADS, BENCH_ACTIVITIES, BENCH_RUNS override the size).
import {
  ACTIVITY_HEADERS,
  type CellValue,
  defaultListsGrid,
  defaultSettingsGrid,
  EVENT_NAMES,
  type Grid,
  LEADS_HEADERS,
  prepareWorkbook,
  scoreWorkbook,
  starterMatrix,
} from "../src/core/index";
import { mulberry32 } from "../src/core/random";
import { fmtInt, fmtS, fmtTimed, machineState, median, peakRssMb, timed } from "./lib/measure";

const LEADS = Number(process.env.BENCH_LEADS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const rand = mulberry32(42);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const TITLES = [
  "VP Sales",
  "CEO",
  "Marketing Manager",
  "Director of IT",
  "Engineer",
  "Student",
  "Analyst",
  "Head of Growth",
  "Intern",
  "",
];
const INDUSTRIES = [
  "Software",
  "SaaS",
  "Retail",
  "Education",
  "Financial Services",
  "Healthcare",
  "Manufacturing",
  "Marketing",
];
const COUNTRIES = [
  "United States",
  "Canada",
  "United Kingdom",
  "Germany",
  "India",
  "Brazil",
  "France",
  "Australia",
];
const DOMAINS = [
  "gmail.com",
  "yahoo.com",
  "acme.com",
  "globex.io",
  "initech.com",
  "state.edu",
  "hooli.com",
  "outlook.com",
];
/** Draws per event: page views and opens outnumber the rest, as in a real log. */
const EVENT_DRAWS: Record<string, number> = { "Page View": 3, "Email Open": 2 };
const EVENTS = EVENT_NAMES.flatMap((e) => Array<string>(EVENT_DRAWS[e] ?? 1).fill(e));
const PAGES = ["/pricing", "/careers", "/blog/scoring", "/docs/start", "/", "/features", "/customers"];
const DAY = 86_400_000;
const asOf = new Date(Date.UTC(2024, 5, 1));

/** A new flat string with the characters of `s`, decoded from bytes as the CSV reader does. */
function fresh(s: string): string {
  return Buffer.from(s, "latin1").toString("latin1");
}

function generate(): { leads: Grid; activities: Grid; matrix: Grid } {
  const leads: Grid = [[...LEADS_HEADERS]];
  const emails: string[] = [];
  for (let i = 0; i < LEADS; i++) {
    // Flat strings, like a CSV reader or getValues returns (template literals build ropes).
    const email = JSON.parse(JSON.stringify(`lead${i}@${pick(DOMAINS)}`)) as string;
    emails.push(email);
    const created = new Date(asOf.getTime() - Math.floor(rand() * 400) * DAY).toISOString().slice(0, 10);
    leads.push([
      email,
      `First${i}`,
      `Last${i}`,
      pick(TITLES),
      `Company ${i % 5000}`,
      pick(INDUSTRIES),
      String(Math.floor(rand() * 20000)),
      pick(COUNTRIES),
      "Web",
      "Owner",
      created,
      "",
      "",
    ]);
  }
  const activities: Grid = [[...ACTIVITY_HEADERS]];
  const start = asOf.getTime() - 365 * DAY;
  for (let i = 0; i < ACTIVITIES; i++) {
    // Appended in time order, as a real log is; 1% in the future of asOf.
    const t = start + Math.floor((i / ACTIVITIES) * 368 * DAY);
    const ev = pick(EVENTS);
    // Fresh flat strings per cell, made in row order the way the CSV reader decodes a field (past its
    // 16,384-value sharing limit) and getValues returns them: no shared string objects, and no slices
    // of a longer string (a `.slice` of a copy would be one, an indirection no real input has).
    const row: CellValue[] = [
      new Date(t).toISOString(),
      fresh(pick(emails)),
      fresh(ev),
      ev === "Page View" ? fresh(pick(PAGES)) : "",
    ];
    activities.push(row);
  }
  const matrix = starterMatrix();
  const extra: CellValue[][] = [
    [true, "Fit", "", "Lead", "", "Industry", "=", "Healthcare", 4, "", "", ""],
    [true, "Fit", "", "Lead", "", "Country", "=", "Germany", 2, "", "", ""],
    [true, "Fit", "", "Lead", "", "Job Title", "contains", "engineer", -3, "", "", ""],
    [true, "Fit", "", "Lead", "", "Job Title", "starts with", "head", 3, "", "", ""],
    [true, "Fit", "", "Lead", "", "Employees", "<", "10", -5, "", "", ""],
    [true, "Fit", "", "Lead", "", "Employees", ">=", "1000", 2, "", "", ""],
    [true, "Fit", "", "Lead", "", "Company", "is blank", "", -2, "", "", ""],
    [true, "Fit", "", "Lead", "", "Days Since Created", "<", "30", 3, "", "", ""],
    [true, "Fit", "", "Lead", "", "Country", "not in list", "India, Brazil", 1, "", "", ""],
    [true, "Engagement", "", "Lead", "", "Activity Count", ">", "20", 5, "", "", ""],
    [
      true,
      "Engagement",
      "Blog reader",
      "Activity",
      "Page View",
      "Detail",
      "starts with",
      "/blog",
      1,
      5,
      30,
      "",
    ],
    [
      true,
      "Engagement",
      "Docs reader",
      "Activity",
      "Page View",
      "Detail",
      "matches",
      "^/docs/",
      2,
      3,
      60,
      "",
    ],
    [true, "Engagement", "Feature tour", "Activity", "Page View", "Detail", "=", "/features", 2, 2, "", ""],
    [
      true,
      "Engagement",
      "Customer stories",
      "Activity",
      "Page View",
      "Detail",
      "contains",
      "customers",
      2,
      2,
      45,
      10,
    ],
    [true, "Engagement", "Home page", "Activity", "Page View", "Detail", "=", "/", 0.5, 4, 14, ""],
    [true, "Engagement", "Any touch this week", "Activity", "", "", "", "", 1, 3, 7, ""],
    [true, "Engagement", "Repeat webinar", "Activity", "Webinar Attended", "", "", "", 3, "", 180, 60],
    [true, "Engagement", "Old email opens", "Activity", "Email Open", "", "", "", 0.2, 20, "", ""],
  ];
  matrix.push(...extra);
  return { leads, activities, matrix };
}

const g0 = performance.now();
const { leads, activities, matrix } = generate();
const genMs = performance.now() - g0;
const input = { leads, activities, matrix, settings: defaultSettingsGrid(), lists: defaultListsGrid() };
const options = { asOf, timeZone: "America/New_York" };
console.log(`engine bench — ${machineState()}`);
console.log(
  `data: ${fmtInt(LEADS)} leads, ${fmtInt(ACTIVITIES)} activities (ISO text timestamps), ${matrix.length - 1} rules; generated in ${fmtS(genMs)}`,
);
let best = Number.POSITIVE_INFINITY;
let bestCpu = Number.POSITIVE_INFINITY;
// A full collection before each run (npm run bench passes --expose-gc): each run then starts from the
// heap a single rescore meets, not from the garbage of the run before it.
const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
const cpus: number[] = [];
for (let i = 0; i < RUNS; i++) {
  collect();
  const t = timed(() => scoreWorkbook(input, options));
  cpus.push(t.cpuMs);
  const { value: run, wallMs, cpuMs } = t;
  best = Math.min(best, wallMs);
  bestCpu = Math.min(bestCpu, cpuMs);
  const check = run.leads.reduce((s, l) => s + l.score, 0);
  console.log(
    `run ${i + 1}: ${fmtTimed(t)}  (${run.leads.length} leads scored, ${run.problems.length} problems, score sum ${check})`,
  );
}
// The parse-and-index half alone (settings, leads, activity index, matrix), for where the time goes.
collect();
const prep = timed(() => prepareWorkbook(input, options.timeZone));
const mem = process.memoryUsage();
console.log(
  `best full rescore: ${fmtS(best)} wall, ${fmtS(bestCpu)} main-thread CPU (median CPU ${fmtS(median(cpus))})`,
);
console.log(`  of which parse + index (one separate run): ${fmtTimed(prep)}`);
console.log(`leads/s:      ${fmtInt(LEADS / (best / 1000))}`);
console.log(`activities/s: ${fmtInt(ACTIVITIES / (best / 1000))}`);
console.log(
  `peak memory (max RSS, incl. generated data): ${peakRssMb().toFixed(0)} MB; heap used now ${(mem.heapUsed / 1048576).toFixed(0)} MB`,
);

// Named models (Scoring Matrix `Model`): the same rules again as a second model. The workbook is parsed and
// indexed once, then each model is one more scoring pass: the ratio to the rescore above says what it costs.
const withModel: Grid = [
  [...matrix[0], "Model"],
  ...matrix.slice(1).map((r) => [...r, ""]),
  ...matrix.slice(1).map((r) => [...r, "Copy"]),
];
let bestModels = Number.POSITIVE_INFINITY;
for (let i = 0; i < Math.min(RUNS, 3); i++) {
  collect();
  const t = timed(() => scoreWorkbook({ ...input, matrix: withModel }, options));
  bestModels = Math.min(bestModels, t.wallMs);
  if (i === 0) {
    const copy = t.value.models[0];
    const same = t.value.leads.every((l, k) => copy.leads[k].score === l.score);
    console.log(
      `with a second model (the same ${matrix.length - 1} rules, Model Copy): ${fmtTimed(t)}; scores equal: ${same}`,
    );
  }
}
console.log(`  best ${fmtS(bestModels)} wall = ${(bestModels / best).toFixed(2)}× one model's rescore`);
