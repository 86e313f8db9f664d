// Service-call budget: a scheduled run makes the same number of calls for 10 or 1,000 leads (the state tab
// and Score History are read once and written once), plus a fixed few per email sent.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, type Scenario, scenario } from "./helpers";

function leads(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    email: `lead${i}@corp${i % 50}.com`,
    first: `Lead${i}`,
    title: i % 3 === 0 ? "VP" : "Analyst",
    owner: `owner${Math.floor(i / 6)}@example.com`,
  }));
}

function callsOfRun(s: Scenario, ms: number): Record<string, number> {
  s.runtime.calls.reset();
  s.runtime.advanceAndRun(ms);
  return s.runtime.calls.byName();
}

function setUp(n: number): Scenario {
  const s = scenario(leads(n));
  s.script.call("setSchedule", { kind: "daily", atHour: 8 });
  s.runtime.advanceAndRun(HOUR);
  return s;
}

describe("service calls of a scheduled run", () => {
  it("do not grow with the number of leads, and each email costs three calls", () => {
    const small = setUp(10);
    const large = setUp(1000);
    const quiet = callsOfRun(small, DAY);
    expect(callsOfRun(large, DAY)).toEqual(quiet);
    expect(quiet["MailApp.getRemainingDailyQuota"]).toBeUndefined(); // nothing due: MailApp untouched

    // One alert (one email), then two alerts for two owners (two emails).
    const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    const runWith = (s: Scenario, keys: string[]) => {
      for (const k of keys) s.activity(k, "Demo Request");
      return callsOfRun(s, DAY);
    };
    const one = runWith(small, ["lead0@corp0.com"]);
    expect(runWith(large, ["lead0@corp0.com"])).toEqual(one);
    const two = runWith(small, ["lead3@corp3.com", "lead6@corp6.com"]);
    expect(runWith(large, ["lead3@corp3.com", "lead6@corp6.com"])).toEqual(two);
    expect(one["MailApp.sendEmail"]).toBe(1);
    expect(two["MailApp.sendEmail"]).toBe(2);
    // Per email: journal "in flight", sendEmail, journal "sent".
    expect(total(two) - total(one)).toBe(3);
    // Per run with mail: the quota, the link and name, the properties store, Score History's append, and
    // the state tab's second write (deliveries) with the journal reset.
    expect(total(one) - 3 - total(quiet)).toBe(13);
    console.info(
      `scheduled run: ${total(quiet)} calls with no alert, ${total(one)} with one email, ${total(two)} with two`,
    );
  });
});
