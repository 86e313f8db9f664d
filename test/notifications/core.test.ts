// src/core/notify, pure: re-arm margin, tier changes, recipients, email plans, composition, journal, state rows.
import { describe, expect, it } from "vitest";
import { zoneClock } from "../../src/core";
import {
  type AlertView,
  advance,
  alertId,
  composeEmail,
  foldJournal,
  formatWhen,
  type LeadState,
  latestActivities,
  notificationSettings,
  parseJournal,
  parseStateGrid,
  planEmails,
  rearm,
  recipientsFor,
  stateGrid,
  toAnnounce,
  withInflight,
  withSent,
} from "../../src/core/notify";
import type { Tier } from "../../src/core/types";

const TIERS: Tier[] = [
  { name: "Cold", minScore: 0, notify: false },
  { name: "Warm", minScore: 31, notify: false },
  { name: "Hot", minScore: 61, notify: true },
  { name: "Sales-ready", minScore: 86, notify: true },
];
const NOW = "2024-06-03T08:00:00.000Z";
const lead = (key: string, score: number, tier: string) => ({
  key,
  name: key,
  score,
  tier,
  reasons: "",
  sheetRow: 2,
});

/** Feeds a score series through advance(); returns the run indexes that announced. */
function announcements(scores: number[], margin = 5): number[] {
  let prev: Map<string, LeadState> | null = new Map();
  const out: number[] = [];
  scores.forEach((score, i) => {
    const tier = [...TIERS].reverse().find((t) => t.minScore <= score)!.name;
    const r = advance({ previous: prev, leads: [lead("a", score, tier)], tiers: TIERS, margin, now: NOW });
    if (r.announced.length) out.push(i);
    prev = new Map(r.states.map((s) => [s.key, s]));
  });
  return out;
}

describe("announce once, re-arm with a margin", () => {
  it("a lead hovering at a threshold is announced once", () => {
    expect(announcements([50, 86, 85, 87, 84, 86, 82, 90])).toEqual([1]);
  });
  it("falling past the margin re-arms the tier", () => {
    expect(announcements([50, 86, 81, 86])).toEqual([1, 3]);
    expect(announcements([50, 86, 81.5, 86], 5)).toEqual([1]);
    expect(announcements([50, 86, 85, 86], 0)).toEqual([1, 3]);
    expect(announcements([50, 86, 86, 86], 0)).toEqual([1]);
  });
  it("each notify tier is announced going up; coming down into a lower notify tier is quiet", () => {
    expect(announcements([20, 65, 90, 84, 90])).toEqual([1, 2]);
    expect(announcements([20, 65, 90, 70, 90])).toEqual([1, 2, 4]);
    expect(announcements([20, 90, 70, 50, 65])).toEqual([1, 4]);
  });
  it("rearm and toAnnounce", () => {
    expect(rearm("Sales-ready", 81.1, TIERS, 5)).toBe("Sales-ready");
    expect(rearm("Sales-ready", 81, TIERS, 5)).toBe("Hot");
    expect(rearm("Sales-ready", 40, TIERS, 5)).toBe("");
    expect(rearm("Gone", 99, TIERS, 5)).toBe("");
    expect(toAnnounce(TIERS[3], "Hot", TIERS)).toBe(TIERS[3]);
    expect(toAnnounce(TIERS[2], "Sales-ready", TIERS)).toBeNull();
    expect(toAnnounce(TIERS[1], "", TIERS)).toBeNull();
  });
});

describe("advance", () => {
  it("first run: every lead's tier now is the baseline; nothing is recorded or announced", () => {
    const r = advance({
      previous: null,
      leads: [lead("a", 90, "Sales-ready"), lead("b", 70, "Hot"), lead("c", 20, "Cold")],
      tiers: TIERS,
      margin: 5,
      now: NOW,
    });
    expect(r.announced).toEqual([]);
    expect(r.changes).toEqual([]);
    expect(r.states.map((s) => s.announced)).toEqual(["Sales-ready", "Hot", ""]);
  });

  it("a lead seen for the first time after the baseline is recorded and, in a notify tier, announced", () => {
    const r = advance({
      previous: new Map(),
      leads: [lead("New@X.com ", 70, "Hot")],
      tiers: TIERS,
      margin: 5,
      now: NOW,
    });
    expect(r.changes).toMatchObject([{ key: "New@X.com ", oldTier: "", newTier: "Hot", oldScore: null }]);
    expect(r.states[0]).toMatchObject({
      key: "new@x.com",
      announced: "Hot",
      pending: { tier: "Hot", queuedAt: NOW },
    });
  });

  it("keeps an undelivered alert, replaces it on a new announcement, and remembers missing leads for a while", () => {
    const pending = { tier: "Hot", queuedAt: "2024-06-01T08:00:00.000Z", deliveredTo: ["x@y.com"] };
    const prev = new Map<string, LeadState>([
      ["a", { key: "a", name: "A", tier: "Hot", score: 70, announced: "Hot", pending, seen: NOW }],
      [
        "gone",
        {
          key: "gone",
          name: "G",
          tier: "Cold",
          score: 0,
          announced: "",
          pending: null,
          seen: "2024-01-01T00:00:00.000Z",
        },
      ],
      [
        "away",
        {
          key: "away",
          name: "W",
          tier: "Hot",
          score: 70,
          announced: "Hot",
          pending: null,
          seen: "2024-05-20T00:00:00.000Z",
        },
      ],
    ]);
    const kept = advance({
      previous: prev,
      leads: [lead("a", 40, "Warm")],
      tiers: TIERS,
      margin: 5,
      now: NOW,
    });
    expect(kept.states.find((s) => s.key === "a")!.pending).toEqual(pending);
    expect(kept.states.map((s) => s.key)).toEqual(["a", "away"]);
    const up = advance({
      previous: prev,
      leads: [lead("a", 90, "Sales-ready")],
      tiers: TIERS,
      margin: 5,
      now: NOW,
    });
    expect(up.states[0].pending).toEqual({ tier: "Sales-ready", queuedAt: NOW, deliveredTo: [] });
  });

  it("duplicate keys: the first row speaks for the lead", () => {
    const r = advance({
      previous: new Map(),
      leads: [lead("a", 90, "Sales-ready"), lead("A", 10, "Cold")],
      tiers: TIERS,
      margin: 5,
      now: NOW,
    });
    expect(r.states).toHaveLength(1);
    expect(r.announced).toEqual(["a"]);
  });
});

describe("recipients and settings", () => {
  it("Notify emails plus an owner address; the effective user only when there is nobody else", () => {
    const me = () => "Me@Example.com";
    expect(recipientsFor("Maya@Example.com", ["boss@example.com"], me)).toEqual([
      "boss@example.com",
      "maya@example.com",
    ]);
    expect(recipientsFor("Maya Chen", ["boss@example.com"], me)).toEqual(["boss@example.com"]);
    expect(recipientsFor("", [], me)).toEqual(["me@example.com"]);
    expect(recipientsFor("boss@example.com", ["boss@example.com"], me)).toEqual(["boss@example.com"]);
    expect(recipientsFor("", [], () => "")).toEqual([]);
  });
  it("parses the Setting | Value rows with defaults", () => {
    expect(notificationSettings({})).toEqual({
      emails: [],
      ownerColumn: "Owner",
      mode: "digest",
      rearmMargin: 5,
    });
    expect(
      notificationSettings({
        "notify emails": "a@x.com; b@x.com, c@x.com",
        "owner column": "Rep",
        "notify mode": " Each ",
        "re-arm margin": "2.5",
      }),
    ).toEqual({
      emails: ["a@x.com", "b@x.com", "c@x.com"],
      ownerColumn: "Rep",
      mode: "each",
      rearmMargin: 2.5,
    });
  });
});

describe("planEmails: highest scores first", () => {
  const alerts = [
    { key: "low", score: 60, to: ["boss@x.com", "o1@x.com"] },
    { key: "top", score: 95, to: ["boss@x.com", "o2@x.com"] },
    { key: "mid", score: 80, to: ["boss@x.com", "o1@x.com"] },
  ];
  it("digest: one email per recipient, ordered by its best lead", () => {
    expect(planEmails(alerts, "digest")).toEqual([
      { to: "boss@x.com", keys: ["top", "mid", "low"], topScore: 95 },
      { to: "o2@x.com", keys: ["top"], topScore: 95 },
      { to: "o1@x.com", keys: ["mid", "low"], topScore: 80 },
    ]);
  });
  it("each: one email per lead and recipient", () => {
    expect(planEmails(alerts, "each").map((e) => `${e.keys[0]}>${e.to}`)).toEqual([
      "top>boss@x.com",
      "top>o2@x.com",
      "mid>boss@x.com",
      "mid>o1@x.com",
      "low>boss@x.com",
      "low>o1@x.com",
    ]);
  });
  it("a long digest is split into emails of 25 leads", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ key: `k${i}`, score: 100 - i, to: ["a@x.com"] }));
    expect(planEmails(many, "digest").map((e) => e.keys.length)).toEqual([25, 25, 10]);
  });
});

describe("composeEmail", () => {
  const view: AlertView = {
    key: "x@evil.com",
    name: "<img src=x onerror=alert(1)>",
    model: "",
    role: 'VP "Sales" at A&B',
    score: 91,
    tier: "Sales-ready",
    enteredTier: "Sales-ready",
    enteredAt: "2024-06-03 08:00",
    reasons: ["Demo <request> +25"],
    nextTier: null,
    activities: [{ when: "2024-06-02 10:00", event: "Page View", detail: "/pricing?a=1&b=<2>" }],
    link: "https://docs.google.com/spreadsheets/d/ID/edit#gid=0&range=A7",
  };
  it("escapes every field in HTML, keeps text as typed in the plain body, one line in the subject", () => {
    const mail = composeEmail([{ ...view, name: `${view.name}\nBcc: a@b.c` }], {
      spreadsheetName: "Pipe<line>",
      timeZone: "UTC",
    });
    expect(mail.htmlBody).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(mail.htmlBody).toContain("VP &quot;Sales&quot; at A&amp;B");
    expect(mail.htmlBody).toContain("/pricing?a=1&amp;b=&lt;2&gt;");
    expect(mail.htmlBody).toContain(
      'href="https://docs.google.com/spreadsheets/d/ID/edit#gid=0&amp;range=A7"',
    );
    expect(mail.htmlBody).toContain("Pipe&lt;line&gt;");
    expect(mail.htmlBody).not.toMatch(/<img|<line|<request|<2>/);
    expect(mail.body).toContain("Demo <request> +25");
    expect(mail.body).toContain(
      "Open the lead's row: https://docs.google.com/spreadsheets/d/ID/edit#gid=0&range=A7",
    );
    expect(mail.subject).toBe(
      "Leadscore: <img src=x onerror=alert(1)> Bcc: a@b.c reached Sales-ready (score 91)",
    );
  });
  it("a digest names the count and the tier", () => {
    const mail = composeEmail([view, { ...view, key: "b", enteredTier: "Hot" }], {
      spreadsheetName: "S",
      timeZone: "UTC",
    });
    expect(mail.subject).toBe("Leadscore: 2 leads reached a notify tier");
    expect(mail.htmlBody.match(/Open the lead's row/g)).toHaveLength(2);
  });
});

describe("latest activities", () => {
  it("keeps the newest few per wanted lead, in one pass", () => {
    const grid = [
      ["Timestamp", "Email", "Event", "Detail"],
      ...Array.from({ length: 8 }, (_, i) => [
        new Date(Date.UTC(2024, 5, 1 + i)),
        i % 2 ? "A@x.com" : "b@x.com",
        "Page View",
        `/p${i}`,
      ]),
    ];
    const clock = zoneClock("Europe/Berlin");
    const got = latestActivities(grid, "Email", new Set(["a@x.com"]), clock, 3);
    expect([...got.keys()]).toEqual(["a@x.com"]);
    expect(got.get("a@x.com")!.map((a) => a.detail)).toEqual(["/p7", "/p5", "/p3"]);
    expect(formatWhen(Date.UTC(2024, 5, 1, 22, 5), clock)).toBe("2024-06-02 00:05");
  });
});

describe("journal and state rows", () => {
  const states = (): LeadState[] => [
    {
      key: "a",
      name: "A",
      tier: "Hot",
      score: 70,
      announced: "Hot",
      pending: { tier: "Hot", queuedAt: NOW, deliveredTo: [] },
      seen: NOW,
    },
    {
      key: "b",
      name: "B",
      tier: "Hot",
      score: 65,
      announced: "Hot",
      pending: { tier: "Hot", queuedAt: NOW, deliveredTo: ["o@x.com"] },
      seen: NOW,
    },
  ];
  it("folding is idempotent and counts in-flight sends as sent (unconfirmed)", () => {
    const s = states();
    const ida = alertId("a", s[0].pending!);
    const idb = alertId("b", s[1].pending!);
    let j = withSent(withInflight(parseJournal(null), { to: "o@x.com", ids: [ida] }), {
      to: "o@x.com",
      ids: [ida],
    });
    j = withInflight(j, { to: "boss@x.com", ids: [ida, idb] });
    const round = parseJournal(JSON.stringify(j));
    expect(foldJournal(s, round)).toEqual({ delivered: 1, unconfirmed: 2 });
    expect(foldJournal(s, round)).toEqual({ delivered: 0, unconfirmed: 0 });
    expect(s.map((x) => x.pending!.deliveredTo)).toEqual([
      ["o@x.com", "boss@x.com"],
      ["o@x.com", "boss@x.com"],
    ]);
    expect(alertId("a", { tier: "Hot", queuedAt: "2024-06-04T08:00:00.000Z" })).not.toBe(ida);
  });
  it("state rows round-trip, with the metadata in the header row and padding to blank old rows", () => {
    const grid = stateGrid(states(), { historyRows: 12, ready: true }, 5);
    expect(grid).toHaveLength(5);
    expect(grid[4].every((c) => c === "")).toBe(true);
    const parsed = parseStateGrid(grid)!;
    expect(parsed.meta).toEqual({ historyRows: 12, ready: true });
    expect([...parsed.states.values()]).toEqual(states());
    expect(parseStateGrid([["Something else"]])).toBeNull();
  });
});
