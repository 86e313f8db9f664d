import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_NAMES } from "../../src/core/templates";
import {
  DEFAULT_END,
  engagementScore,
  generateDemo,
  model,
  OWNERS,
  UNKNOWN_EMAIL,
  XSS_NAME,
} from "../../src/demo/index";
import { col, key, rankAuc } from "./helpers";

const demo = generateDemo();
const { leads, activities, truth } = demo;
const L = {
  email: col(leads, "Email"),
  first: col(leads, "First Name"),
  last: col(leads, "Last Name"),
  title: col(leads, "Job Title"),
  employees: col(leads, "Employees"),
  owner: col(leads, "Owner"),
  created: col(leads, "Created"),
  converted: col(leads, "Converted"),
  convertedAt: col(leads, "Converted At"),
};
const createdOf = new Map(leads.slice(1).map((r) => [key(r[L.email]), Date.parse(String(r[L.created]))]));
const end = DEFAULT_END.getTime();
const DAY = 86_400_000;

describe("generateDemo", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const again = generateDemo();
    expect(again.leads).toEqual(leads);
    expect(again.activities).toEqual(activities);
    expect(again.truth).toEqual(truth);
    const other = generateDemo({ seed: 2, leads: 200 });
    expect(other.leads).not.toEqual(generateDemo({ seed: 1, leads: 200 }).leads);
  });

  it("has the workbook's headers and about 2,000 leads and 30,000 activities", () => {
    expect(leads[0]).toEqual([
      "Email",
      "First Name",
      "Last Name",
      "Job Title",
      "Company",
      "Industry",
      "Employees",
      "Country",
      "Source",
      "Owner",
      "Created",
      "Converted",
      "Converted At",
    ]);
    expect(activities[0]).toEqual(["Timestamp", "Email", "Event", "Detail"]);
    expect(leads.length - 1).toBe(2000);
    expect(activities.length - 1).toBeGreaterThan(27_000);
    expect(activities.length - 1).toBeLessThan(33_000);
    expect(truth).toHaveLength(2000);
    expect(new Set(leads.slice(1).map((r) => key(r[L.email]))).size).toBe(2000);
  });

  it("writes ISO UTC timestamps in time order, after each lead's Created, within the window", () => {
    // Collect violations instead of 30,000 expect calls: fast, and the failure shows the rows.
    const wrong: unknown[] = [];
    let previous = 0;
    let bad = 0;
    for (const row of activities.slice(1)) {
      const text = String(row[0]);
      const t = Date.parse(text);
      if (Number.isNaN(t)) {
        bad++;
        continue;
      }
      const created = createdOf.get(key(row[1]));
      const ok =
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(text) &&
        t >= previous &&
        t < end &&
        (created === undefined || t > created);
      if (!ok) wrong.push(row);
      previous = t;
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(bad).toBe(1);
    const early = leads.slice(1).filter((r) => Date.parse(String(r[L.created])) < end - 180 * DAY);
    expect(early).toEqual([]);
  });

  it("converts 8–15% of known outcomes, leaving only recent leads open", () => {
    const { converted, notConverted, open, conversionRate } = demo.stats;
    expect(converted + notConverted + open).toBe(2000);
    expect(conversionRate).toBeGreaterThan(0.08);
    expect(conversionRate).toBeLessThan(0.15);
    expect(open).toBeGreaterThan(0);
    for (const row of leads.slice(1)) {
      const c = row[L.converted];
      expect([true, false, ""]).toContain(c);
      if (c === "") expect(Date.parse(String(row[L.created]))).toBeGreaterThan(end - 30 * DAY);
      if (c === true) expect(String(row[L.convertedAt])).toMatch(/^\d{4}-\d\d-\d\d$/);
      else expect(row[L.convertedAt]).toBe("");
    }
  });

  it("dates conversions after the lead's activities", () => {
    const convertedAt = new Map<string, number>();
    for (const row of leads.slice(1)) {
      if (row[L.converted] === true)
        convertedAt.set(key(row[L.email]), Date.parse(`${row[L.convertedAt]}T00:00:00Z`));
    }
    let checked = 0;
    const late: unknown[] = [];
    for (const row of activities.slice(1)) {
      const at = convertedAt.get(key(row[1]));
      const t = Date.parse(String(row[0]));
      if (at === undefined || Number.isNaN(t)) continue;
      if (t >= at) late.push(row);
      checked++;
    }
    expect(late).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it("makes conversion depend on the known truth", () => {
    const known = truth.filter((t) => t.converted !== null);
    const y = known.map((t) => t.converted === true);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const conv = known.filter((t) => t.converted);
    const non = known.filter((t) => !t.converted);
    expect(mean(conv.map((t) => t.probability))).toBeGreaterThan(1.8 * mean(non.map((t) => t.probability)));
    expect(mean(conv.map((t) => t.fit))).toBeGreaterThan(mean(non.map((t) => t.fit)));
    expect(mean(conv.map((t) => t.engagement))).toBeGreaterThan(mean(non.map((t) => t.engagement)));
    expect(
      rankAuc(
        known.map((t) => t.probability),
        y,
      ),
    ).toBeGreaterThan(0.75);
    for (const t of truth) {
      expect(t.logit).toBeCloseTo(model.INTERCEPT + t.fit + t.engagement, 12);
      expect(t.probability).toBeCloseTo(1 / (1 + Math.exp(-t.logit)), 12);
      expect(key(leads[t.row][L.email])).toBe(key(t.email));
    }
  });

  it("lets the truth's engagement be recomputed from the Activity Log alone", () => {
    const byLead = new Map<string, { times: number[]; signals: number[] }>();
    for (const row of activities.slice(1)) {
      const t = Date.parse(String(row[0]));
      const s = model.signalOf(String(row[2]), String(row[3]));
      if (Number.isNaN(t) || s < 0) continue;
      const k = key(row[1]);
      let acts = byLead.get(k);
      if (!acts) {
        acts = { times: [], signals: [] };
        byLead.set(k, acts);
      }
      acts.times.push(t / 1000);
      acts.signals.push(s);
    }
    for (const t of truth) {
      const acts = byLead.get(key(t.email)) ?? { times: [], signals: [] };
      const created = createdOf.get(key(t.email))! / 1000;
      const e = engagementScore(acts.times, acts.signals, created, Date.parse(t.decisionAt) / 1000);
      expect(e).toBeCloseTo(t.engagement, 9);
    }
  });

  it("uses only event names the engine knows, in realistic proportions", () => {
    const known = new Set(EVENT_NAMES.map((e) => e.toLowerCase()));
    const counts = new Map<string, number>();
    for (const row of activities.slice(1)) {
      const e = key(row[2]);
      counts.set(e, (counts.get(e) ?? 0) + 1);
    }
    expect([...counts.keys()].filter((e) => !known.has(e))).toEqual([]);
    for (const e of Object.values(model.EVENTS)) expect(counts.get(e.toLowerCase())).toBeGreaterThan(50);
    expect(counts.get("page view")!).toBeGreaterThan(counts.get("demo request")! * 20);
    const details = new Set(activities.slice(1).map((r) => String(r[3])));
    for (const url of ["/pricing", "/pricing/enterprise", "/careers", "/"])
      expect(details.has(url)).toBe(true);
    for (const prefix of ["/blog/", "/docs/", "/case-studies/", "/careers/"]) {
      expect([...details].some((d) => d.startsWith(prefix))).toBe(true);
    }
  });

  it("has the mix of email kinds, owners and blanks of real data", () => {
    const emails = leads.slice(1).map((r) => String(r[L.email]).toLowerCase());
    const share = (f: (e: string) => boolean) => emails.filter(f).length / emails.length;
    expect(share((e) => /@(gmail|yahoo|outlook|hotmail)\.com$/.test(e))).toBeGreaterThan(0.05);
    expect(share((e) => e.endsWith(".edu"))).toBeGreaterThan(0.02);
    expect(share((e) => demo.competitorDomains.some((d) => e.endsWith(`@${d}`)))).toBeGreaterThan(0.003);
    expect(demo.competitorDomains.length).toBeGreaterThanOrEqual(2);
    const owners = new Set(leads.slice(1).map((r) => r[L.owner]));
    expect(owners.has("")).toBe(true);
    for (const o of owners) if (o !== "") expect(OWNERS).toContain(o);
    expect(leads.some((r) => r[L.employees] === "")).toBe(true);
    expect(leads.some((r) => r[L.title] === "")).toBe(true);
    const titles = leads.slice(1).map((r) => String(r[L.title]));
    for (const word of [
      "CEO",
      "Founder",
      "VP",
      "Director",
      "Head of",
      "Manager",
      "Specialist",
      "Intern",
      "Student",
    ]) {
      expect(titles.some((t) => t.includes(word))).toBe(true);
    }
  });

  it("includes the deliberate mess", () => {
    const rows = activities.slice(1);
    expect(rows.filter((r) => r[1] === UNKNOWN_EMAIL).length).toBeGreaterThanOrEqual(2);
    expect(rows.filter((r) => Number.isNaN(Date.parse(String(r[0]))))).toHaveLength(1);
    expect(demo.mess.badTimestamp).not.toBe("");
    expect(rows.some((r) => r[2] === "page view")).toBe(true);
    expect(rows.some((r) => /\S $/.test(String(r[2])))).toBe(true);
    const xss = leads.filter((r) => r[L.first] === XSS_NAME);
    expect(xss).toHaveLength(1);
    expect(xss[0][L.email]).toBe(demo.mess.xssLeadEmail);
    expect(rows.some((r) => key(r[1]) === key(demo.mess.xssLeadEmail) && key(r[2]) === "demo request")).toBe(
      true,
    );
    // Same person twice: equal names, different addresses.
    const names = new Map<string, Set<string>>();
    for (const r of leads.slice(1)) {
      const n = `${r[L.first]} ${r[L.last]}`;
      names.set(n, (names.get(n) ?? new Set()).add(key(r[L.email])));
    }
    expect([...names.values()].filter((s) => s.size > 1).length).toBeGreaterThan(3);
    // Keys in mixed case on Leads, lower case in the log.
    const mixed = leads.slice(1).filter((r) => /[A-Z]/.test(String(r[L.email])));
    expect(mixed.length).toBeGreaterThan(0);
    const logged = new Set(rows.map((r) => String(r[1])));
    expect(mixed.some((r) => logged.has(String(r[L.email]).toLowerCase()))).toBe(true);
  });

  it("can leave the mess out", () => {
    const clean = generateDemo({ leads: 500, mess: false });
    expect(clean.mess).toEqual({ xssLeadEmail: "", unknownEmail: "", badTimestamp: "" });
    const canonical = new Set<unknown>(Object.values(model.EVENTS));
    const odd = clean.activities
      .slice(1)
      .filter((r) => Number.isNaN(Date.parse(String(r[0]))) || !canonical.has(r[2]));
    expect(odd).toEqual([]);
    expect(clean.leads.some((r) => r[1] === XSS_NAME)).toBe(false);
  });

  it("honours end, days and activitiesPerLead", () => {
    const small = generateDemo({
      leads: 300,
      days: 60,
      end: new Date("2025-01-01T00:00:00Z"),
      activitiesPerLead: 5,
    });
    const hi = Date.parse("2025-01-01T00:00:00Z");
    for (const r of small.activities.slice(1)) {
      const t = Date.parse(String(r[0]));
      if (!Number.isNaN(t)) expect(t).toBeLessThan(hi);
    }
    for (const r of small.leads.slice(1))
      expect(Date.parse(String(r[10]))).toBeGreaterThanOrEqual(hi - 60 * DAY);
    expect(small.stats.activities / 300).toBeGreaterThan(3.5);
    expect(small.stats.activities / 300).toBeLessThan(6.5);
    expect(generateDemo({ leads: 0 }).leads).toHaveLength(1);
    expect(generateDemo({ leads: 3 }).leads).toHaveLength(4);
  });

  // How fast it generates is measured in bench/, not asserted here.
  it("scales: 20,000 leads and ~300,000 activities", () => {
    const big = generateDemo({ leads: 20_000, seed: 7 });
    expect(big.stats.leads).toBe(20_000);
    expect(big.stats.activities).toBeGreaterThan(270_000);
    expect(big.stats.conversionRate).toBeGreaterThan(0.08);
    expect(big.stats.conversionRate).toBeLessThan(0.15);
  });

  it("stays pure: no Node APIs and no Math.random in src/demo", () => {
    const dir = join(__dirname, "../../src/demo");
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      expect(text, file).not.toMatch(/from "node:|require\(|Math\.random|new Date\(\)|Date\.now/);
    }
  });
});
