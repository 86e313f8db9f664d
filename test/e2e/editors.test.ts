// Two editors of one spreadsheet, through the BUILT dist/Code.js. Installable triggers belong to the editor
// who made them and cannot be seen or deleted by another, so the document state says who runs each
// feature, and every triggered run checks it first: a trigger no longer wanted deletes itself.
import { describe, expect, it } from "vitest";
import type { SidebarState } from "../../src/contract";
import { DAY, HOUR, history, scenario, scoreOf, T0 } from "../notifications/helpers";

const ANA = "ana@example.com";
const BEN = "ben@example.com";
const VP = { email: "vp@acme.com", first: "Val", title: "VP Sales", owner: "rep@example.com" };
const BOB = { email: "bob@beta.com", first: "Bob", title: "VP Ops", owner: "rep@example.com" };

function editors() {
  const s = scenario(
    [VP, BOB],
    [["vp@acme.com", "Demo Request", new Date(T0.getTime() - DAY)]],
    {},
    {
      user: ANA,
      users: [BEN],
    },
  );
  const rt = s.runtime;
  const ben = rt.as(BEN);
  ben.fireOpen(); // B's menu
  const state = (who = rt.as(ANA)) => who.call("getSidebarState") as SidebarState;
  /** The handlers of the triggers each editor can list with ScriptApp.getProjectTriggers(). */
  const visible = (email: string) =>
    rt.env.users.actAs(email, () =>
      (
        s.script.evaluate(
          "ScriptApp.getProjectTriggers().map(function (t) { return t.getHandlerFunction(); })",
        ) as string[]
      ).slice(),
    );
  const owners = (handler: string) =>
    rt.triggers.list.filter((t) => t.handler === handler).map((t) => t.owner);
  return { s, rt, ben, state, visible, owners };
}

describe("several editors: the schedule", () => {
  it("B sees that the schedule runs under A and turns it off; A's trigger then deletes itself and does nothing", () => {
    const { s, rt, ben, state, visible, owners } = editors();
    s.script.call("menuScoreAll");
    s.script.call("setSchedule", { kind: "hourly" });
    expect(owners("scheduledRun")).toEqual([ANA]);
    expect(state(ben)).toMatchObject({ schedule: { kind: "hourly" }, runsUnder: { schedule: ANA } });
    expect(visible(BEN)).toEqual([]);
    expect(visible(ANA)).toEqual(["scheduledRun"]);

    // While on, A's trigger does the work (the first run records the tiers as known).
    rt.advanceAndRun(HOUR);
    expect(rt.runs.at(-1)).toMatchObject({ handler: "scheduledRun", user: ANA });
    const firstRun = JSON.parse(rt.properties.document.get("leadscore.lastRun")!);
    expect(firstRun.note).toMatch(/First scheduled run/);

    ben.call("setSchedule", null);
    expect(state(ben)).toMatchObject({ schedule: null, runsUnder: { schedule: null } });
    expect(owners("scheduledRun")).toEqual([ANA]); // B could not reach it

    // Bob requests a demo: a run would rescore him to Sales-ready and email his owner.
    const before = scoreOf(s, "bob@beta.com");
    s.activity("bob@beta.com", "Demo Request", "/demo");
    const runs = rt.advanceAndRun(3 * HOUR);
    expect(runs.map((r) => [r.handler, r.user, r.error])).toEqual([["scheduledRun", ANA, undefined]]);
    expect(owners("scheduledRun")).toEqual([]);
    expect(scoreOf(s, "bob@beta.com")).toBe(before);
    expect(rt.outbox).toHaveLength(0);
    expect(history(s)).toEqual([]);
    expect(JSON.parse(rt.properties.document.get("leadscore.lastRun")!)).toEqual(firstRun);
  });

  it("B turning the schedule on takes it over: A's trigger retires without work, B's runs", () => {
    const { s, rt, ben, state, owners } = editors();
    s.script.call("menuScoreAll");
    s.script.call("setSchedule", { kind: "hourly" });
    rt.advanceAndRun(HOUR / 2);
    ben.call("setSchedule", { kind: "hourly" }); // B's first firing is half an hour after A's
    expect(owners("scheduledRun")).toEqual([ANA, BEN]);
    expect(state()).toMatchObject({ runsUnder: { schedule: BEN } });

    const writes = () => rt.calls.count("Range.setValues");
    const lastRun = () => rt.properties.document.get("leadscore.lastRun");
    let before = [writes(), lastRun()];
    expect(rt.advanceAndRun(HOUR / 2).map((r) => [r.handler, r.user])).toEqual([["scheduledRun", ANA]]);
    expect([writes(), lastRun()]).toEqual(before);
    expect(owners("scheduledRun")).toEqual([BEN]);

    before = [writes(), lastRun()];
    expect(rt.advanceAndRun(HOUR / 2).map((r) => [r.handler, r.user])).toEqual([["scheduledRun", BEN]]);
    expect(writes()).toBeGreaterThan(before[0] as number);
    expect(JSON.parse(lastRun()!).note).toMatch(/First scheduled run/);

    // Bob requests a demo: one run an hour, so one email.
    s.activity("bob@beta.com", "Demo Request", "/demo");
    expect(rt.advanceAndRun(3 * HOUR).map((r) => r.user)).toEqual([BEN, BEN, BEN]);
    expect(rt.outbox.map((m) => m.subject)).toEqual([expect.stringMatching(/Bob Doe reached Sales-ready/)]);
  });
});

describe("several editors: automatic scoring", () => {
  const title = (row: number) => `Leads!D${row}`;

  it("B turns off A's automatic scoring: A's triggers no longer rescore and delete themselves", () => {
    const { s, rt, ben, state, visible, owners } = editors();
    s.script.call("menuScoreAll");
    s.script.call("menuToggleAutoScoring");
    expect(state(ben)).toMatchObject({ autoScoring: true, runsUnder: { autoScoring: ANA } });
    expect(visible(BEN)).toEqual([]);

    // On: B's edit runs A's trigger, as A, and rescores the row.
    ben.edit(title(3), "Analyst");
    expect(rt.runs.slice(-1).map((r) => [r.handler, r.user, r.error])).toEqual([
      ["onEditAutoScore", ANA, undefined],
    ]);
    expect(scoreOf(s, "bob@beta.com")).toBe(0);

    ben.clickMenu("Turn automatic scoring on/off");
    expect(state(ben)).toMatchObject({ autoScoring: false, runsUnder: { autoScoring: null } });
    expect(owners("onEditAutoScore")).toEqual([ANA]);

    ben.edit(title(3), "VP Ops");
    expect(scoreOf(s, "bob@beta.com")).toBe(0);
    expect(owners("onEditAutoScore")).toEqual([]);
    rt.fireChange("INSERT_ROW");
    expect(owners("onChangeAutoScore")).toEqual([]);
    expect(owners("debouncedRescore")).toEqual([]);
    const leads = s.values("Leads").length;
    rt.fireFormSubmit({ Email: ["new@lead.com"], "Job Title": ["VP"] });
    expect(owners("onFormSubmitIntake")).toEqual([]);
    expect(s.values("Leads")).toHaveLength(leads);
    expect(rt.triggers.list).toEqual([]);
  });

  it("both turn it on: one rescore per edit, under the last to turn it on", () => {
    const { s, rt, ben, state, owners } = editors();
    s.script.call("menuScoreAll");
    s.script.call("menuToggleAutoScoring");
    // B's menu sees it on and would turn it off; B turns it on again to take it over.
    ben.clickMenu("Turn automatic scoring on/off");
    ben.clickMenu("Turn automatic scoring on/off");
    expect(state()).toMatchObject({ autoScoring: true, runsUnder: { autoScoring: BEN } });
    expect(owners("onEditAutoScore")).toEqual([ANA, BEN]);

    const writes = () => rt.calls.count("Range.setValues");
    let before = writes();
    const runs = rt.edit(title(3), "Analyst");
    const bothFired = writes() - before;
    expect(runs.map((r) => [r.handler, r.user])).toEqual([
      ["onEditAutoScore", ANA],
      ["onEditAutoScore", BEN],
    ]);
    expect(scoreOf(s, "bob@beta.com")).toBe(0);
    expect(owners("onEditAutoScore")).toEqual([BEN]);

    before = writes();
    rt.edit(title(3), "VP Ops");
    expect(writes() - before).toBe(bothFired);
    expect(bothFired).toBeGreaterThan(0);
    expect(scoreOf(s, "bob@beta.com")).toBe(50);
  });

  it("a rescore queued under A is done once after B takes over, whichever follow-up runs first", () => {
    const { s, rt, ben, owners } = editors();
    s.script.call("menuScoreAll");
    s.script.call("menuToggleAutoScoring");
    rt.fireChange("INSERT_ROW"); // A's change trigger queues a rescore of everything, follow-up in 30 s
    expect(owners("debouncedRescore")).toEqual([ANA]);
    rt.clock.advance(1_000);
    ben.clickMenu("Turn automatic scoring on/off"); // off
    ben.clickMenu("Turn automatic scoring on/off"); // on, under B, whose follow-up is due 1 s after A's
    expect(owners("debouncedRescore")).toEqual([ANA, BEN]);
    const queued = () => [...rt.properties.document.keys()].filter((k) => k.startsWith("leadscore.pending."));
    const lastRun = () => rt.properties.document.get("leadscore.lastRun");
    expect(queued()).toHaveLength(1);
    const before = lastRun();

    // The queued work is not a feature's trigger work: A's follow-up does it, under the lock, once.
    expect(rt.advanceAndRun(29_000).map((r) => [r.handler, r.user])).toEqual([["debouncedRescore", ANA]]);
    expect(queued()).toEqual([]);
    const after = lastRun();
    expect(after).not.toBe(before);
    expect(JSON.parse(after!).trigger).toBe("edit");

    // B's follow-up finds nothing left to do: no second rescore.
    expect(rt.advanceAndRun(1_000).map((r) => [r.handler, r.user])).toEqual([["debouncedRescore", BEN]]);
    expect(lastRun()).toBe(after);
    expect(owners("debouncedRescore")).toEqual([]);
  });
});

describe("several editors: follow-ups and older documents", () => {
  it("a checkpoint's follow-up runs only for the editor whose run left the checkpoint", () => {
    const { s, rt } = editors();
    const followUp = (email: string) =>
      rt.env.users.actAs(email, () =>
        s.script.evaluate('ScriptApp.newTrigger("continueScoring").timeBased().after(60000).create(); 0'),
      );
    const checkpoint = { asOf: T0.toISOString(), nextRow: 2, trigger: "manual", owner: BEN };
    rt.properties.document.set("leadscore.checkpoint", JSON.stringify(checkpoint));
    followUp(ANA); // left over from an older checkpoint of A's
    expect(rt.advanceAndRun(61_000).map((r) => [r.handler, r.user])).toEqual([["continueScoring", ANA]]);
    expect(scoreOf(s, "vp@acme.com")).toBeUndefined();
    expect(rt.triggers.list).toEqual([]);

    followUp(BEN);
    expect(rt.advanceAndRun(61_000).map((r) => [r.handler, r.user])).toEqual([["continueScoring", BEN]]);
    expect(scoreOf(s, "vp@acme.com")).toBe(87); // 50 + 40 × 0.5^(1/10), as of the checkpoint
    expect(rt.properties.document.get("leadscore.checkpoint")).toBeUndefined();
  });

  it("a schedule turned on before owners were recorded is claimed by the first trigger to fire", () => {
    const { s, rt, ben, state, owners } = editors();
    s.script.call("setSchedule", { kind: "hourly" });
    ben.call("setSchedule", { kind: "hourly" });
    rt.properties.document.delete("leadscore.schedule.owner");
    expect(state()).toMatchObject({ runsUnder: { schedule: null } });
    expect(rt.advanceAndRun(HOUR).map((r) => r.user)).toEqual([ANA, BEN]);
    expect(state()).toMatchObject({ runsUnder: { schedule: ANA } });
    expect(owners("scheduledRun")).toEqual([ANA]);
  });
});
