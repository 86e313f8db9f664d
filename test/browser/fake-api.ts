// An in-memory SidebarApi over a small fake workbook, so the sidebar and the local page can be tested in a
// browser before (and independently of) the real server functions. Its tabs mimic the real layout closely
// enough for the tests: Leads with Score/Tier columns, and a Settings tab holding the tier table.
import type {
  LeadExplanation,
  LeadMatch,
  NotificationSettings,
  RunSummary,
  Schedule,
  SettingsPatch,
  SidebarApi,
  SidebarState,
} from "../../src/addon/api";
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
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Thompson", "Hamilton", "Torvalds", "Allen"];

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
  notifications: NotificationSettings = {
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
      lastRun: this.lastRun,
      pending: [{ key: "L0004", name: `${XSS_NAME} Hopper`, tier: "Sales-ready", score: 91 }],
      problems: this.problems.map((p) => ({ ...p })),
    };
  }

  saveTiers(tiers: Tier[]): SidebarState {
    this.fail("saveTiers");
    if (!Array.isArray(tiers) || tiers.length === 0) throw new Error("At least one tier is needed.");
    this.tiers = tiers.map((t) => ({ name: String(t.name), minScore: Number(t.minScore), notify: !!t.notify }));
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
      .map(({ l, row }) => ({ key: l.key, name: `${l.first} ${l.last}`, sheetRow: row, score: l.score, tier: l.tier }));
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
      groups: [
        { group: "Fit", raw: fit + 8, total: fit, min: null, max: 50, capped: fit + 8 > 50 ? "max" : null },
        { group: "Engagement", raw: engagement, total: engagement, min: -20, max: 50, capped: null },
      ],
      rules: [
        { ruleRow: 2, label: "Job title contains VP", group: "Fit", points: 15, count: 1, weight: 1, value: 15 },
        { ruleRow: 5, label: `Company is ${l.last} & Sons <script>`, group: "Fit", points: fit - 7, count: 1, weight: 1, value: fit - 7 },
        { ruleRow: 9, label: "Visited /pricing", group: "Engagement", points: 10, count: 2, weight: 0.71, value: 14.2 },
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
    const leads: unknown[][] = [["Lead Key", "First Name", "Last Name", "Email", "Owner", "Created", "Score", "Tier"]];
    for (const l of this.leads) leads.push([l.key, l.first, l.last, l.email, l.owner, l.created, l.score, l.tier]);
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

  /** The bridge's view of this object: `call` by name, and `has` for the names it exposes. */
  handle(): RpcHandle {
    const api = this as unknown as Record<string, unknown>;
    const names = new Set<string>([
      "getSidebarState",
      "saveTiers",
      "saveSettings",
      "setSchedule",
      "scoreAllNow",
      "lookupLeads",
      "explainLead",
      "selectCell",
    ] satisfies (keyof SidebarApi)[]);
    return {
      has: (name) => names.has(name),
      call: (name, ...args) => (api[name] as (...a: unknown[]) => unknown).apply(this, args),
    };
  }
}
