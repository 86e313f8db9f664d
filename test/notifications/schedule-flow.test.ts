// Scheduled runs through the BUILT dist/Code.js: the runtime's clock fires the daily trigger across days.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, history, scenario, scoreOf, T0, XSS } from "./helpers";

const ANN = {
  email: "ann@acme.com",
  first: "Ann",
  last: "Lee",
  title: "VP Sales",
  owner: "maya@example.com",
};
const BOB = {
  email: "bob@beta.com",
  first: "Bob",
  last: "Ray",
  title: "VP Ops",
  owner: "jordan@example.com",
};
const CY = { email: "cy@gamma.com", first: "Cy", last: "Fox", owner: "priya@example.com" };

function lastRun(s: ReturnType<typeof scenario>) {
  return JSON.parse(s.runtime.properties.document.get("leadscore.lastRun") ?? "null");
}

describe("scheduled rescoring and tier changes", () => {
  it("decay moves a lead down a tier, a new demo request moves one up and emails its owner once", () => {
    const s = scenario([ANN, BOB, CY], [["ann@acme.com", "Demo Request", new Date(T0.getTime() - DAY)]]);
    s.script.call("menuScoreAll");
    expect(scoreOf(s, "ann@acme.com")).toBe(87);
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });

    // Day 0, 08:00: the first run takes the current tiers as known; nothing to announce.
    expect(s.runtime.advanceAndRun(HOUR).map((r) => r.handler)).toEqual(["scheduledRun"]);
    expect(history(s)).toEqual([]);
    expect(s.runtime.outbox).toHaveLength(0);
    expect(lastRun(s).note).toMatch(/First scheduled run/);

    // Day 1: Ann's demo request has decayed (50 + 40 × 0.5^(2/10) = 85): Sales-ready → Hot.
    s.runtime.advanceAndRun(DAY);
    expect(history(s)).toEqual([
      { key: "ann@acme.com", from: "Sales-ready", to: "Hot", oldScore: 87, newScore: 85 },
    ]);
    expect(s.runtime.outbox).toHaveLength(0);

    // Bob requests a demo: the next run moves him Warm → Sales-ready and emails his owner, only.
    s.activity("bob@beta.com", "Demo Request", "/demo");
    s.runtime.advanceAndRun(DAY);
    expect(history(s).at(-1)).toMatchObject({ key: "bob@beta.com", from: "Warm", to: "Sales-ready" });
    expect(s.runtime.outbox).toHaveLength(1);
    const mail = s.runtime.outbox[0];
    expect(mail.to).toEqual(["jordan@example.com"]);
    expect(mail.cc).toEqual([]);
    expect(mail.bcc).toEqual([]);
    expect(mail.subject).toBe("Leadscore: Bob Ray reached Sales-ready (score 87)");
    expect(mail.htmlBody).toContain("VP Ops at Acme");
    expect(mail.htmlBody).toContain("Demo request +");
    expect(mail.htmlBody).toContain("Demo Request · /demo");
    expect(mail.htmlBody).toMatch(/#gid=\d+&amp;range=A3/);
    expect(mail.body).toMatch(
      /Open the lead's row: https:\/\/docs\.google\.com\/spreadsheets\/d\/[^#]+#gid=\d+&range=A3/,
    );
    expect(lastRun(s)).toMatchObject({ trigger: "schedule", notificationsSent: 1, notificationsPending: 0 });

    // A second run right after, and the next day's: nothing new to say.
    s.script.call("scheduledRun");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);
    expect(lastRun(s).notificationsSent).toBe(0);
  });

  it("announces a lead hovering at the threshold once, and again only after it fell past the re-arm margin", () => {
    const s = scenario([ANN, BOB]);
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR); // baseline
    s.activity("ann@acme.com", "Demo Request");
    s.runtime.advanceAndRun(DAY); // 50 + 40 × 0.93 = 87: announced
    expect(s.runtime.outbox).toHaveLength(1);
    s.runtime.advanceAndRun(DAY); // 85: Hot, within 5 of 86: stays quiet
    s.activity("ann@acme.com", "Demo Request");
    s.runtime.advanceAndRun(DAY); // back to 87
    expect(history(s).map((h) => h.to)).toEqual(["Sales-ready", "Hot", "Sales-ready"]);
    expect(s.runtime.outbox).toHaveLength(1);
    s.runtime.advanceAndRun(5 * DAY); // 50 + 40 × 0.5^(6/10) = 76: below 81, re-armed
    s.activity("ann@acme.com", "Demo Request");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(2);
  });

  it("a manual run between scheduled runs neither hides a change from the schedule nor makes it announce twice", () => {
    const s = scenario([ANN, BOB]);
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("bob@beta.com", "Demo Request");
    s.runtime.advanceAndRun(HOUR);
    s.script.call("menuScoreAll"); // the Tier column now says Sales-ready
    s.script.call("scoreAllNow");
    expect(s.runtime.outbox).toHaveLength(0);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to[0])).toEqual(["jordan@example.com"]);
    s.script.call("menuScoreAll");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);
  });

  it("with no recipient configured, the effective user gets the alert", () => {
    const s = scenario([{ ...BOB, owner: "" }], [], {}, { user: "me@example.org" });
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("bob@beta.com", "Demo Request");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to)).toEqual([["me@example.org"]]);
  });

  it("a scheduled run waits for a manual run's lock, and a run skipped for it is caught up by the next", () => {
    const s = scenario([ANN, BOB]);
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("bob@beta.com", "Demo Request");
    s.runtime.holdLock("document", 30_000); // a manual run finishing within the wait
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(1);

    s.activity("ann@acme.com", "Demo Request");
    s.activity("ann@acme.com", "Webinar Attended"); // 30 points that do not decay: Sales-ready for days
    s.runtime.holdLock("document"); // held past the wait: this run is skipped, without an error
    const runs = s.runtime.advanceAndRun(DAY);
    expect(runs.map((r) => r.error)).toEqual([undefined]);
    expect(s.runtime.outbox).toHaveLength(1);
    const state = s.script.call("getSidebarState") as { lastRun: { note?: string } };
    expect(state.lastRun.note).toMatch(/was skipped: another run was writing/);
    s.runtime.releaseLock("document");
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to[0])).toEqual(["jordan@example.com", "maya@example.com"]);
  });
});

describe("email content and recipients", () => {
  it("escapes every lead field in the HTML body and sends the plain-text alternative", () => {
    const s = scenario([
      {
        email: "x@evil.com",
        first: XSS,
        last: "<i>&'\"",
        title: "VP <script>",
        company: "A&B",
        owner: "maya@example.com",
      },
    ]);
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    s.activity("x@evil.com", "Demo Request", "<svg onload=alert(2)>");
    s.runtime.advanceAndRun(DAY);
    const mail = s.runtime.outbox[0];
    expect(mail.htmlBody).toContain("&lt;img src=x onerror=alert(1)&gt; &lt;i&gt;&amp;&#39;&quot;");
    expect(mail.htmlBody).toContain("VP &lt;script&gt; at A&amp;B");
    expect(mail.htmlBody).toContain("&lt;svg onload=alert(2)&gt;");
    for (const raw of ["<img", "<i>", "<script", "<svg"]) expect(mail.htmlBody).not.toContain(raw);
    expect(mail.body).toContain(`${XSS} <i>&'"`); // plain text: shown as typed, never rendered
    expect(mail.body).not.toContain("&lt;");
    expect(mail.subject).toContain(XSS);
  });

  it("digest: one email per recipient with its own leads only; each: one email per lead and recipient", () => {
    const leads = [
      ANN,
      { ...BOB, owner: "maya@example.com" },
      { ...CY, title: "VP Growth", owner: "jordan@example.com" },
    ];
    for (const mode of ["digest", "each"] as const) {
      const s = scenario(leads, [], { emails: "boss@example.com", mode });
      s.script.call("setSchedule", { kind: "daily", atHour: 8 });
      s.runtime.advanceAndRun(HOUR);
      for (const l of leads) s.activity(l.email, "Demo Request");
      s.runtime.advanceAndRun(DAY);
      const got = s.runtime.outbox.map((m) => ({
        to: m.to.join(),
        leads: leads.filter((l) => m.htmlBody!.includes(l.email)).map((l) => l.email),
      }));
      if (mode === "digest") {
        expect(got).toHaveLength(3);
        expect(got).toContainEqual({
          to: "boss@example.com",
          leads: ["ann@acme.com", "bob@beta.com", "cy@gamma.com"],
        });
        expect(got).toContainEqual({ to: "maya@example.com", leads: ["ann@acme.com", "bob@beta.com"] });
        expect(got).toContainEqual({ to: "jordan@example.com", leads: ["cy@gamma.com"] });
        expect(s.runtime.outbox.find((m) => m.to[0] === "boss@example.com")!.subject).toBe(
          "Leadscore: 3 leads reached Sales-ready",
        );
      } else {
        expect(got).toHaveLength(6);
        expect(got.filter((g) => g.to === "boss@example.com")).toHaveLength(3);
        for (const g of got) expect(g.leads).toHaveLength(1);
        expect(got).toContainEqual({ to: "jordan@example.com", leads: ["cy@gamma.com"] });
      }
    }
  });
});
