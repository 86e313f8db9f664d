// Exactly once across failures: the runtime injects a failure after any service call of a run; the retry
// must send every alert once in all (no duplicate, nothing lost) and write each tier change once.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, history, type Scenario, scenario, T0 } from "./helpers";

const LEADS = [
  { email: "ann@acme.com", first: "Ann", title: "VP Sales", owner: "maya@example.com" },
  { email: "bob@beta.com", first: "Bob", title: "VP Ops", owner: "jordan@example.com" },
  { email: "cy@gamma.com", first: "Cy", owner: "priya@example.com" },
];

/** Baseline taken; Ann and Bob have just requested demos, so the next run announces both. */
function armed(): Scenario {
  const s = scenario(LEADS);
  s.script.call("setSchedule", { kind: "daily", atHour: 8 });
  s.runtime.advanceAndRun(HOUR);
  s.activity("ann@acme.com", "Demo Request");
  s.activity("bob@beta.com", "Demo Request");
  s.runtime.advanceAndRun(DAY - 2 * HOUR); // just before the next run
  return s;
}

const sentTo = (s: Scenario) => s.runtime.outbox.map((m) => m.to.join()).sort();
const pending = (s: Scenario) =>
  JSON.parse(s.runtime.properties.document.get("leadscore.lastRun") ?? "{}").notificationsPending;

function expectDeliveredOnce(s: Scenario) {
  expect(sentTo(s)).toEqual(["jordan@example.com", "maya@example.com"]);
  const ups = history(s).filter((h) => h.to === "Sales-ready");
  expect(ups.map((h) => h.key).sort()).toEqual(["ann@acme.com", "bob@beta.com"]);
  expect(pending(s)).toBe(0);
}

describe("exactly once", () => {
  it("a failure between sendEmail and recording it sends no duplicate on the retry", () => {
    const s = armed();
    // The first call after the first sendEmail fails: the email went out, its journal entry did not.
    const onCall = s.runtime.calls.onCall;
    let armedOnce = false;
    s.runtime.calls.onCall = (name) => {
      onCall?.(name);
      if (name === "MailApp.sendEmail" && !armedOnce) {
        armedOnce = true;
        s.runtime.failAfter(1, undefined, "Injected: crash after send");
      }
    };
    const [run] = s.runtime.advanceAndRun(2 * HOUR, { throwOnError: false });
    expect(String(run.error)).toMatch(/crash after send/);
    expect(s.runtime.outbox).toHaveLength(1);

    s.runtime.clock.advance(60_000);
    s.script.call("scheduledRun"); // the retry
    expectDeliveredOnce(s);
    const note = JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!).note;
    expect(note).toMatch(/1 alert from an interrupted run may not have been delivered/);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox).toHaveLength(2);
  });

  it("a send that fails loses nothing: the alert stays pending and goes out on the next run", () => {
    const s = armed();
    s.runtime.failAfter(0, "MailApp.sendEmail", "Injected: mail server error");
    s.runtime.advanceAndRun(2 * HOUR);
    expect(s.runtime.outbox).toHaveLength(1);
    const last = JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!);
    expect(last).toMatchObject({ notificationsSent: 1, notificationsPending: 1 });
    expect(last.note).toMatch(/1 email failed \(Injected: mail server error\); retried next run/);
    expect(s.runtime.peek(() => s.script.call("getSidebarState")) as { pending: unknown[] }).toMatchObject({
      pending: [{ tier: "Sales-ready" }],
    });
    s.runtime.advanceAndRun(DAY);
    expectDeliveredOnce(s);
  });

  it("a failure after any single service call of a run, then a retry, delivers every alert once", () => {
    const clean = armed();
    const before = clean.runtime.calls.total();
    clean.runtime.advanceAndRun(2 * HOUR);
    const calls = clean.runtime.calls.total() - before;
    expectDeliveredOnce(clean);
    expect(calls).toBeGreaterThan(30);

    const hit = new Set<string>();
    for (let k = 0; k < calls; k++) {
      const s = armed();
      const names: string[] = [];
      const onCall = s.runtime.calls.onCall;
      s.runtime.calls.onCall = (name) => {
        onCall?.(name);
        names.push(name);
      };
      s.runtime.failAfter(k);
      const [run] = s.runtime.advanceAndRun(2 * HOUR, { throwOnError: false });
      hit.add(`${names[k]}${run.error ? "" : " (caught)"}`);
      s.runtime.calls.clearFailures();
      s.runtime.clock.advance(60_000);
      s.script.call("scheduledRun");
      try {
        expectDeliveredOnce(s);
      } catch (e) {
        throw new Error(`failure injected at call ${k} (${names[k]}): ${(e as Error).message}`);
      }
    }
    // The sweep hit the parts that matter: a failed send is caught (the run goes on), the rest stop the run.
    for (const name of [
      "MailApp.sendEmail (caught)",
      "Properties.setProperty",
      "Range.setValues",
      "Range.getValues",
    ]) {
      expect(hit).toContain(name);
    }
  });
});

describe("exactly once on the first run", () => {
  it("a failure after any call of the first run leaves the same baseline after the retry", () => {
    const setUp = () => {
      const s = scenario(LEADS, [["ann@acme.com", "Demo Request", new Date(T0.getTime() - DAY)]]);
      s.script.call("menuScoreAll"); // Ann: Sales-ready (87) on the Leads tab
      s.runtime.clock.advance(DAY); // a day later she has cooled to Hot (85)
      s.script.call("setSchedule", { kind: "daily", atHour: 8 }); // first run in 30 minutes
      return s;
    };
    const nextDay = (s: Scenario) => {
      s.activity("ann@acme.com", "Webinar Attended"); // back to Sales-ready: a change from the baseline
      s.runtime.advanceAndRun(DAY);
      return { history: history(s), sent: sentTo(s) };
    };
    const expected = {
      history: [{ key: "ann@acme.com", from: "Hot", to: "Sales-ready", oldScore: 85, newScore: 100 }],
      sent: ["maya@example.com"],
    };
    const clean = setUp();
    const before = clean.runtime.calls.total();
    clean.runtime.advanceAndRun(HOUR);
    const calls = clean.runtime.calls.total() - before;
    expect(history(clean)).toEqual([]);
    expect(clean.runtime.sheet("Leadscore State").isSheetHidden()).toBe(true);
    expect(nextDay(clean)).toEqual(expected);
    for (let k = 0; k < calls; k++) {
      const s = setUp();
      s.runtime.failAfter(k);
      s.runtime.advanceAndRun(HOUR, { throwOnError: false });
      s.runtime.calls.clearFailures();
      s.script.call("scheduledRun");
      expect(history(s), `failure at call ${k}`).toEqual([]);
      expect(nextDay(s), `failure at call ${k}`).toEqual(expected);
    }
  });
});

describe("quota", () => {
  it("with 2 left of the daily quota and 5 alerts, sends the 2 highest scores, keeps 3 pending, sends them the next day", () => {
    const owners = ["a", "b", "c", "d", "e"].map((x) => `${x}.owner@example.com`);
    const leads = owners.map((owner, i) => ({
      email: `lead${i}@corp.com`,
      first: `L${i}`,
      title: "VP",
      owner,
    }));
    const s = scenario(leads, [], {}, { mailQuota: 100 });
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    // Demo requests of different ages: lead0 newest (highest score) … lead4 oldest.
    const at = s.runtime.clock.now() + DAY - HOUR;
    leads.forEach((l, i) => {
      s.activity(l.email, "Demo Request", "", new Date(at - i * 6 * HOUR));
    });
    s.runtime.mail.consume(98); // other mail today: 2 recipients left until the 24-hour window rolls over
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to[0])).toEqual([owners[0], owners[1]]);
    const last = JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!);
    expect(last).toMatchObject({ notificationsSent: 2, notificationsPending: 3 });
    expect(last.note).toMatch(/Daily email quota reached: 3 alerts wait for the next run/);
    const state = s.runtime.peek(() => s.script.call("getSidebarState")) as { pending: { key: string }[] };
    expect(state.pending.map((p) => p.key)).toEqual(["lead2@corp.com", "lead3@corp.com", "lead4@corp.com"]);

    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to[0])).toEqual(owners);
    expect(JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!)).toMatchObject({
      notificationsSent: 3,
      notificationsPending: 0,
    });
  });

  it("stops sending before the 6-minute limit and keeps the rest for the next run", () => {
    const owners = Array.from({ length: 8 }, (_, i) => `owner${i}@example.com`);
    const leads = owners.map((owner, i) => ({ email: `lead${i}@corp.com`, title: "VP", owner }));
    // Each email takes 70 s of the run's time: five fit before the 5-minute sending deadline.
    const s = scenario(leads, [], {}, { callCostMs: (name) => (name === "MailApp.sendEmail" ? 70_000 : 0) });
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    s.runtime.advanceAndRun(HOUR);
    for (const l of leads) s.activity(l.email, "Demo Request");
    const [run] = s.runtime.advanceAndRun(DAY);
    expect(run.error).toBeUndefined();
    expect(s.runtime.outbox).toHaveLength(5);
    const last = JSON.parse(s.runtime.properties.document.get("leadscore.lastRun")!);
    expect(last).toMatchObject({ notificationsSent: 5, notificationsPending: 3 });
    expect(last.note).toMatch(/Out of time: 3 alerts wait for the next run/);
    s.runtime.advanceAndRun(DAY);
    expect(s.runtime.outbox.map((m) => m.to[0]).sort()).toEqual([...owners].sort());
  });

  it("never throws when the quota is used up: everything waits", () => {
    const s = armed();
    s.runtime.mail.consume(100);
    const [run] = s.runtime.advanceAndRun(2 * HOUR);
    expect(run.error).toBeUndefined();
    expect(s.runtime.outbox).toHaveLength(0);
    expect(pending(s)).toBe(2);
  });
});
