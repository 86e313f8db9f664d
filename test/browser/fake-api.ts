// An in-memory SidebarApi over a small fake workbook, so the sidebar and the local page can be tested in a
// browser before (and independently of) the real server functions. Its tabs mimic the real layout closely
// enough for the tests: Leads with Score/Tier columns, and a Settings tab holding the tier table.
import type {
  AccountDetail,
  ApplyPreview,
  BigQueryRequest,
  BigQueryRun,
  BigQuerySection,
  BigQuerySql,
  BigQueryTables,
  CalibrationReport,
  CalibrationRequest,
  LeadColumns,
  LeadExplanation,
  LeadMatch,
  MatrixVersion,
  NotifySettings,
  RunSummary,
  Schedule,
  SettingsPatch,
  SidebarApi,
  SidebarState,
  SuggestRequest,
  SuggestSummary,
} from "../../src/contract";
import { SIDEBAR_FUNCTIONS } from "../../src/contract";
import type { Grade, GroupLimit, Problem, Tier } from "../../src/core/types";
import type { LocalTab, RpcHandle } from "../../src/local/server";

export const XSS_NAME = `<img src=x onerror="window.__xss=(window.__xss||0)+1;alert('xss')">`;

interface Lead {
  key: string;
  first: string;
  last: string;
  email: string;
  owner: string;
  created: Date;
  score: number;
  tier: string;
}

function tierOf(score: number, tiers: Tier[]): string {
  const asc = [...tiers].sort((a, b) => a.minScore - b.minScore);
  let found = asc[0]?.name ?? "";
  for (const t of asc) if (t.minScore <= score) found = t.name;
  return found;
}

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Ken", "Margaret", "Linus", "Frances", "Dennis"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Thompson",
  "Hamilton",
  "Torvalds",
  "Allen",
];

export class FakeApi implements SidebarApi {
  tiers: Tier[] = [
    { name: "Cold", minScore: 0, notify: false },
    { name: "Warm", minScore: 31, notify: false },
    { name: "Hot", minScore: 61, notify: false },
    { name: "Sales-ready", minScore: 86, notify: true },
  ];
  halfLifeDays: number | null = 30;
  groupLimits: GroupLimit[] = [
    { group: "Fit", min: null, max: 50 },
    { group: "Engagement", min: -20, max: 50 },
  ];
  grades: Grade[] = [
    { name: "A", minPoints: 40 },
    { name: "B", minPoints: 25 },
    { name: "C", minPoints: 10 },
    { name: "D", minPoints: 0 },
  ];
  notifications: NotifySettings = {
    emails: ["sales@example.com"],
    ownerColumn: "Owner",
    mode: "digest",
    rearmMargin: 5,
  };
  schedule: Schedule | null = null;
  lastRun: RunSummary | null = null;
  leads: Lead[] = [];
  problems: Problem[] = [
    {
      tab: "Leads",
      row: 7,
      column: "Email",
      message: "Not an email address: <b>ada at example</b>",
      fix: "Type the address as name@domain.",
      severity: "error",
    },
    {
      tab: "Scoring Matrix",
      row: 4,
      column: "Points",
      message: "Points is blank, so this rule scores nothing.",
      fix: "Enter a number of points.",
      severity: "warning",
    },
  ];
  selected: { tab: string; row: number; column: string }[] = [];
  calls: string[] = [];
  private failures = new Map<string, string>();

  constructor(count = 120) {
    let seed = 7;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < count; i++) {
      const first = i === 3 ? XSS_NAME : FIRST[i % FIRST.length];
      const last = LAST[(i * 7) % LAST.length];
      // A skewed distribution, like real scores: many cold leads, a thin hot tail.
      const score = Math.round(100 * rnd() ** 1.6);
      this.leads.push({
        key: `L${String(i + 1).padStart(4, "0")}`,
        first,
        last,
        email: `${FIRST[i % FIRST.length].toLowerCase()}.${last.toLowerCase()}${i}@example.com`,
        owner: i % 3 === 0 ? "rep@example.com" : "",
        created: new Date(Date.UTC(2025, 0, 1 + (i % 180), 9, 30)),
        score,
        tier: "",
      });
    }
    this.rescore("manual");
  }

  /** Makes the next call of `name` throw `message` (as a server error would). */
  failNext(name: keyof SidebarApi, message: string): void {
    this.failures.set(name, message);
  }

  private rescore(trigger: RunSummary["trigger"]): void {
    const tierCounts: Record<string, number> = {};
    for (const t of this.tiers) tierCounts[t.name] = 0;
    for (const l of this.leads) {
      l.tier = tierOf(l.score, this.tiers);
      tierCounts[l.tier] = (tierCounts[l.tier] ?? 0) + 1;
    }
    this.lastRun = {
      at: "2025-06-30T08:00:00.000Z",
      trigger,
      leadsScored: this.leads.length,
      tierCounts,
      notificationsSent: 2,
      notificationsPending: 1,
      problems: this.problems.length,
      note: "Daily email quota reached: 1 notification waits for the next run.",
    };
  }

  private fail(name: string): void {
    this.calls.push(name);
    const message = this.failures.get(name);
    if (message !== undefined) {
      this.failures.delete(name);
      throw new Error(message);
    }
  }

  getSidebarState(): SidebarState {
    this.fail("getSidebarState");
    return {
      timeZone: "Europe/Berlin",
      tiers: this.tiers.map((t) => ({ ...t })),
      scoreFloor: 0,
      scoreCeiling: 100,
      halfLifeDays: this.halfLifeDays,
      groupNames: ["Fit", "Engagement", "Negative"],
      groupLimits: this.groupLimits.map((g) => ({ ...g })),
      grades: this.grades.map((g) => ({ ...g })),
      gradeGroup: "Fit",
      scores: this.leads.map((l) => l.score),
      notifications: { ...this.notifications, emails: [...this.notifications.emails] },
      schedule: this.schedule && { ...this.schedule },
      autoScoring: true,
      runsUnder: { schedule: this.schedule ? "ana@example.com" : null, autoScoring: "ben@example.com" },
      triggerBudget: {
        usedMinutes: 12,
        quotaMinutes: 90,
        runs: 40,
        backingOff: false,
        exhausted: false,
        resetsAt: null,
      },
      lastRun: this.lastRun,
      fullCheck: { at: "2025-06-30T08:00:00.000Z", nextReadsAll: null },
      pending: [
        { key: "L0004", name: `${XSS_NAME} Hopper`, tier: "Sales-ready", score: 91 },
        ...this.models.slice(0, 1).map((model) => ({
          key: "L0004",
          name: `${XSS_NAME} Hopper`,
          tier: "Sales-ready",
          score: 88,
          model,
        })),
      ],
      problems: this.problems.map((p) => ({ ...p })),
    };
  }

  saveTiers(tiers: Tier[]): SidebarState {
    this.fail("saveTiers");
    if (!Array.isArray(tiers) || tiers.length === 0) throw new Error("At least one tier is needed.");
    this.tiers = tiers.map((t) => ({
      name: String(t.name),
      minScore: Number(t.minScore),
      notify: !!t.notify,
    }));
    this.rescore("sidebar");
    return this.getSidebarState();
  }

  saveSettings(patch: SettingsPatch): SidebarState {
    this.fail("saveSettings");
    if (patch.halfLifeDays !== undefined) this.halfLifeDays = patch.halfLifeDays;
    if (patch.groupLimits) this.groupLimits = patch.groupLimits;
    if (patch.grades) this.grades = patch.grades;
    if (patch.notifications) this.notifications = { ...this.notifications, ...patch.notifications };
    this.rescore("sidebar");
    return this.getSidebarState();
  }

  setSchedule(schedule: Schedule | null): SidebarState {
    this.fail("setSchedule");
    this.schedule = schedule;
    return this.getSidebarState();
  }

  scoreAllNow(): SidebarState {
    this.fail("scoreAllNow");
    this.rescore("sidebar");
    return this.getSidebarState();
  }

  lookupLeads(query: string): LeadMatch[] {
    this.fail("lookupLeads");
    const q = query.toLowerCase();
    return this.leads
      .map((l, i) => ({ l, row: i + 2 }))
      .filter(({ l }) => `${l.first} ${l.last} ${l.email}`.toLowerCase().includes(q))
      .slice(0, 20)
      .map(({ l, row }) => ({
        key: l.key,
        name: `${l.first} ${l.last}`,
        sheetRow: row,
        score: l.score,
        tier: l.tier,
      }));
  }

  /** One account per last name ("Lee & Sons"): Fit = its best lead's 60 %, Engagement = the rest summed. */
  lookupAccounts(query: string): AccountDetail[] {
    this.fail("lookupAccounts");
    const q = query.trim().toLowerCase();
    const groups = new Map<string, { l: Lead; row: number }[]>();
    this.leads.forEach((l, i) => {
      const name = `${l.last} & Sons`;
      groups.set(name, [...(groups.get(name) ?? []), { l, row: i + 2 }]);
    });
    const asc = [...this.tiers].sort((a, b) => a.minScore - b.minScore);
    const all = [...groups].map(([name, ms]) => {
      const members = ms
        .map(({ l, row }) => ({
          key: l.key,
          sheetRow: row,
          score: l.score,
          tier: l.tier,
          engagement: l.score - Math.round(l.score * 0.6),
        }))
        .sort((a, b) => b.score - a.score || a.sheetRow - b.sheetRow);
      const fit = Math.round(members[0].score * 0.6);
      const engagement = members.reduce((s, m) => s + m.engagement, 0);
      const score = Math.min(100, fit + engagement);
      const tier = asc.filter((t) => t.minScore <= score).pop()?.name ?? asc[0]?.name ?? "";
      const next = asc.find((t) => t.minScore > score);
      return {
        keyName: "Company",
        name,
        score,
        tier,
        fit,
        engagement,
        rawEngagement: engagement,
        engagementMax: null,
        leads: members.length,
        engagedLeads: members.filter((m) => m.engagement > 0).length,
        topLead: members[0].key,
        nextTier: next ? { name: next.name, pointsNeeded: next.minScore - score } : null,
        rank: 0,
        of: groups.size,
        members,
        asOf: "2025-06-30T08:00:00.000Z",
      };
    });
    all.sort((a, b) => b.score - a.score);
    all.forEach((a, i) => {
      a.rank = i + 1;
    });
    return q ? all.filter((a) => a.name.toLowerCase().includes(q)).slice(0, 10) : [];
  }

  explainLead(key: string): LeadExplanation {
    this.fail("explainLead");
    const i = this.leads.findIndex((l) => l.key === key);
    if (i < 0) throw new Error(`No lead with key ${key}.`);
    const l = this.leads[i];
    const fit = Math.min(50, Math.round(l.score * 0.6));
    const engagement = l.score - fit;
    const asc = [...this.tiers].sort((a, b) => a.minScore - b.minScore);
    const next = asc.find((t) => t.minScore > l.score);
    return {
      key,
      name: `${l.first} ${l.last}`,
      sheetRow: i + 2,
      score: l.score,
      tier: l.tier,
      grade: fit >= 40 ? "A" : fit >= 25 ? "B" : "C",
      priority: fit >= 40 ? "A2" : "B2",
      onlyIf: [
        {
          ruleRow: 7,
          label: "Exec on pricing",
          group: "Engagement",
          counted: false,
          terms: [
            { label: "Decision maker", negate: false, held: true },
            { label: "Student", negate: true, held: false },
          ],
        },
      ],
      resets: [
        {
          ruleRow: 9,
          label: "Unsubscribed",
          group: "Engagement",
          at: "2026-10-10T12:00:00.000Z",
          erased: 3,
        },
      ],
      groups: [
        { group: "Fit", raw: fit + 8, total: fit, min: null, max: 50, capped: fit + 8 > 50 ? "max" : null },
        { group: "Engagement", raw: engagement, total: engagement, min: -20, max: 50, capped: null },
      ],
      rules: [
        {
          ruleRow: 2,
          label: "Job title contains VP",
          group: "Fit",
          points: 15,
          count: 1,
          weight: 1,
          value: 15,
        },
        {
          ruleRow: 5,
          label: `Company is ${l.last} & Sons <script>`,
          group: "Fit",
          points: fit - 7,
          count: 1,
          weight: 1,
          value: fit - 7,
        },
        {
          ruleRow: 9,
          label: "Visited /pricing",
          group: "Engagement",
          points: 10,
          count: 2,
          weight: 0.71,
          value: 14.2,
        },
        {
          ruleRow: 12,
          label: "Webinar attended",
          group: "Engagement",
          points: engagement - 14.2,
          count: 1,
          weight: 1,
          value: engagement - 14.2,
        },
      ],
      nextTier: next ? { name: next.name, pointsNeeded: next.minScore - l.score } : null,
      asOf: "2025-06-30T08:00:00.000Z",
    };
  }

  selectCell(tab: string, row: number, column: string): void {
    this.fail("selectCell");
    this.selected.push({ tab, row, column });
  }

  tabs(): LocalTab[] {
    const leads: unknown[][] = [
      ["Lead Key", "First Name", "Last Name", "Email", "Owner", "Created", "Score", "Tier"],
    ];
    for (const l of this.leads)
      leads.push([l.key, l.first, l.last, l.email, l.owner, l.created, l.score, l.tier]);
    const n = this.notifications;
    const settings: unknown[][] = [
      ["Setting", "Value", ""],
      ["Lead key", "Lead Key", ""],
      ["Half-life days", this.halfLifeDays ?? "", ""],
      ["Notify emails", n.emails.join(", "), ""],
      ["Owner column", n.ownerColumn, ""],
      ["Notify mode", n.mode, ""],
      ["Re-arm margin", n.rearmMargin, ""],
      ["", "", ""],
      ["Tier", "Min Score", "Notify"],
      ...this.tiers.map((t) => [t.name, t.minScore, t.notify]),
      ["", "", ""],
      ["Group", "Min", "Max"],
      ...this.groupLimits.map((g) => [g.group, g.min ?? "", g.max ?? ""]),
    ];
    const matrix: unknown[][] = [
      ["Rule", "Group", "Field", "Operator", "Value", "Points"],
      ["VP title", "Fit", "Job Title", "contains", "VP", 15],
      ["Pricing page", "Engagement", "Activity", "=", "/pricing", 10],
      ["Blank points", "Engagement", "Activity", "=", "webinar", ""],
    ];
    return [
      { name: "Leads", values: leads },
      { name: "Scoring Matrix", values: matrix },
      { name: "Settings", values: settings },
    ];
  }

  matrixVersions: MatrixVersion[] = [{ savedAt: "2025-06-01T10:00:00.000Z", rules: 18 }];
  lastSuggest: SuggestRequest | null = null;
  /** The Scoring Matrix's named models (LeadColumns.models); a pending alert of the first one when set. */
  models: string[] = [];

  getLeadColumns(): LeadColumns {
    this.fail("getLeadColumns");
    const features = [
      "First Name",
      "Last Name",
      "Email",
      "Owner",
      "Created",
      "Converted",
      "Converted At",
      "Lead Quality",
    ];
    return {
      columns: ["Lead Key", ...features, "Score", "Tier"],
      outcomes: ["Converted"],
      features,
      leaveOut: ["Converted", "Converted At"],
      models: [...this.models],
    };
  }

  getCalibration(request: CalibrationRequest): CalibrationReport {
    this.fail("getCalibration");
    return fakeReport(request, this.tiers);
  }

  suggestPoints(request: SuggestRequest): SuggestSummary {
    this.fail("suggestPoints");
    this.lastSuggest = request;
    return {
      tab: "Suggested Matrix",
      rules: 24,
      aucCurrent: 0.781,
      aucSuggested: 0.826,
      measuredOn: "250 held-out leads",
      flags: ['"Lead Quality" = "Excellent" converts at 97% (n = 64): likely leakage, left out.'],
    };
  }

  previewSuggestedMatrix(): ApplyPreview {
    this.fail("previewSuggestedMatrix");
    return {
      rules: 24,
      tiers: [
        { tier: "Hot", before: 40, after: 55 },
        { tier: "Warm", before: 120, after: 110 },
        { tier: "Cold", before: 840, after: 835 },
      ],
      aucCurrent: 0.781,
      aucSuggested: 0.826,
      measuredOn: "250 held-out leads, measured when the points were suggested",
      better: true,
      verdict:
        "The suggestion ranks leads better than the current matrix (AUC 0.826 vs 0.781 on 250 held-out leads).",
      baselinePoints: 32,
    };
  }

  applySuggestedMatrix(): SidebarState {
    this.fail("applySuggestedMatrix");
    this.matrixVersions.unshift({ savedAt: "2025-06-30T08:00:00.000Z", rules: 20 });
    this.rescore("sidebar");
    return this.getSidebarState();
  }

  listMatrixVersions(): MatrixVersion[] {
    this.fail("listMatrixVersions");
    return this.matrixVersions.map((v) => ({ ...v }));
  }

  restoreMatrix(savedAt: string): SidebarState {
    this.fail("restoreMatrix");
    if (!this.matrixVersions.some((v) => v.savedAt === savedAt))
      throw new Error(`No matrix saved at ${savedAt}.`);
    this.rescore("sidebar");
    return this.getSidebarState();
  }

  createChartTab(_request: CalibrationRequest): { tab: string; charts: number } {
    this.fail("createChartTab");
    return { tab: "Calibration", charts: 4 };
  }

  bigQuery: BigQuerySection = {
    project: "",
    dataset: "",
    leadsTable: "",
    activitiesTable: "",
    enabled: false,
    reads: { leadsTable: "leads", activitiesTable: "activities" },
  };

  getBigQuerySection(): BigQuerySection {
    this.fail("getBigQuerySection");
    return { ...this.bigQuery };
  }

  saveBigQueryTables(tables: BigQueryTables): BigQuerySection {
    this.fail("saveBigQueryTables");
    // As the compiler resolves them: blank names its defaults.
    const path = (table: string, dflt: string) =>
      [tables.project, tables.dataset, table || dflt].filter(Boolean).join(".");
    this.bigQuery = {
      ...this.bigQuery,
      ...tables,
      reads: {
        leadsTable: path(tables.leadsTable, "leads"),
        activitiesTable: path(tables.activitiesTable, "activities"),
      },
    };
    return { ...this.bigQuery };
  }

  getBigQuerySql(): BigQuerySql {
    this.fail("getBigQuerySql");
    return {
      sql: `SELECT 1 FROM \`${this.bigQuery.reads.leadsTable}\``,
      columns: [
        { tab: "Leads", header: "Email", column: "email_address" },
        { tab: "Leads", header: "Company", column: "Company" },
      ],
      unsupported: [],
    };
  }

  scoreInBigQuery(request: BigQueryRequest): BigQueryRun {
    this.fail("scoreInBigQuery");
    return {
      tab: "BigQuery Scores",
      written: Math.min(request.top, this.leads.length),
      scored: this.leads.length,
      jobId: "job_fake",
    };
  }

  /** The bridge's view of this object: `call` by name, and `has` for the names it exposes. */
  handle(): RpcHandle {
    const api = this as unknown as Record<string, unknown>;
    const names = new Set<string>(SIDEBAR_FUNCTIONS);
    return {
      has: (name) => names.has(name),
      call: (name, ...args) => (api[name] as (...a: unknown[]) => unknown).apply(this, args),
    };
  }
}

const rate = (leads: number, conversions: number, base: number) => {
  const r = leads ? conversions / leads : null;
  return {
    leads,
    conversions,
    rate: r,
    ci_low: r && r * 0.8,
    ci_high: r && Math.min(1, r * 1.2),
    lift: r && r / base,
  };
};

/** A plausible report: conversion rising with score, a known AUC, one small-n rule. */
function fakeReport(request: CalibrationRequest, tiers: Tier[]): CalibrationReport {
  const base = 0.12;
  const asc = [...tiers].sort((a, b) => a.minScore - b.minScore);
  const tierRates = [0.03, 0.11, 0.27, 0.52];
  return {
    ...(request.model ? { model: request.model } : {}),
    outcome_column: request.outcomeColumn ?? "Converted",
    as_of: "2025-06-30T08:00:00.000Z",
    time_zone: "Europe/Berlin",
    backtest: {
      mode: request.backtest?.mode ?? "before-conversion",
      days: request.backtest?.days ?? 1,
      column: "Converted At",
      leads_cut: 230,
      leads_without_date: 0,
      description: "Converted leads scored 1 day before their conversion date; others as of now.",
    },
    leads_total: 2000,
    leads_labelled: 1900,
    leads_open: 100,
    outcomes_unreadable: 0,
    conversions: 228,
    base_rate: base,
    base_rate_ci: [0.106, 0.135],
    auc: 0.781,
    avg_score: { converted: 63.2, not_converted: 28.7 },
    by_tier: asc.map((t, i) => ({
      tier: t.name,
      min_score: t.minScore,
      ...rate(500 - i * 100, Math.round((500 - i * 100) * (tierRates[i] ?? 0.5)), base),
    })),
    by_decile: Array.from({ length: 10 }, (_, i) => ({
      decile: i + 1,
      min_score: 90 - i * 10,
      max_score: 100 - i * 10,
      ...rate(190, Math.round(190 * 0.4 * 0.72 ** i), base),
    })),
    roc: Array.from({ length: 21 }, (_, i) => {
      const fpr = i / 20;
      return { threshold: 100 - i * 5, fpr, tpr: 1 - (1 - fpr) ** 2.6 };
    }),
    gain: Array.from({ length: 11 }, (_, i) => ({
      fraction_leads: i / 10,
      fraction_conversions: 1 - (1 - i / 10) ** 2.2,
      lift: i === 0 ? 2.2 : (1 - (1 - i / 10) ** 2.2) / (i / 10),
    })),
    score_distribution: Array.from({ length: 10 }, (_, i) => ({
      from: i * 10,
      to: i * 10 + 10,
      converted: Math.round(4 + i * 5),
      not_converted: Math.round(330 * 0.78 ** i),
    })),
    suggested_thresholds: {
      multiple: request.topTierMultiple ?? 3,
      min_count: 20,
      target_rate: base * (request.topTierMultiple ?? 3),
      top_tier: asc[asc.length - 1]?.name ?? null,
      current: asc[asc.length - 1]?.minScore ?? null,
      suggested: 78,
      at_current: rate(200, 104, base),
      at_suggested: rate(260, 118, base),
      leads_entering: 60,
      leads_leaving: 0,
      boundaries: asc.slice(1).map((t, i) => ({
        tier: t.name,
        current_min_score: t.minScore,
        below: rate(400, Math.round(400 * (tierRates[i] ?? 0.1)), base),
        at_or_above: rate(300, Math.round(300 * (tierRates[i + 1] ?? 0.5)), base),
      })),
      note: "Leads scoring 78 or more convert at 45%, 3.8× the base rate.",
    },
    rules: [
      {
        rule_row: 2,
        label: "Job title contains VP",
        group: "Fit",
        points: 15,
        fires: 310,
        conversions_with: 81,
        rate_with: 0.26,
        ci_low: 0.21,
        ci_high: 0.31,
        rate_without: 0.09,
        lift: 2.2,
        flags: [],
      },
      {
        rule_row: 9,
        label: "Visited /pricing",
        group: "Engagement",
        points: 10,
        fires: 540,
        conversions_with: 119,
        rate_with: 0.22,
        ci_low: 0.19,
        ci_high: 0.26,
        rate_without: 0.08,
        lift: 1.8,
        flags: [],
      },
      {
        rule_row: 14,
        label: `Company is <b>Acme</b>`,
        group: "Fit",
        points: 5,
        fires: 12,
        conversions_with: 2,
        rate_with: 0.17,
        ci_low: 0.05,
        ci_high: 0.45,
        rate_without: 0.12,
        lift: 1.4,
        flags: ["small-n"],
      },
      {
        rule_row: 17,
        label: "Visited /careers",
        group: "Negative",
        points: -10,
        fires: 140,
        conversions_with: 3,
        rate_with: 0.02,
        ci_low: 0.01,
        ci_high: 0.06,
        rate_without: 0.13,
        lift: 0.18,
        flags: [],
      },
    ],
    warnings: ["Backtest: 12 converted leads have no Converted At date and were scored as of now."],
    problems: [],
  };
}
