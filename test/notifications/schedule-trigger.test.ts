// The schedule's trigger: exactly one time-driven trigger when on (replaced, never duplicated), none when off.
import { describe, expect, it } from "vitest";
import { DAY, HOUR, scenario } from "./helpers";

describe("schedule trigger", () => {
  it("turning the schedule on, switching it and off leaves exactly 1 or 0 triggers (add-on rules enforced)", () => {
    const s = scenario(
      [{ email: "ann@acme.com", title: "VP" }],
      [],
      {},
      { addon: true, timeZone: "Europe/Berlin" },
    );
    const triggers = () => s.runtime.triggers.list.filter((t) => t.handler === "scheduledRun");
    const state = (x: unknown) => (x as { schedule: unknown }).schedule;

    expect(state(s.script.call("setSchedule", { kind: "daily", atHour: 8 }))).toEqual({
      kind: "daily",
      atHour: 8,
    });
    expect(triggers()).toHaveLength(1);
    expect(triggers()[0].schedule).toMatchObject({ kind: "days", n: 1, hour: 8, tz: "Europe/Berlin" });
    s.script.call("setSchedule", { kind: "daily", atHour: 8 });
    expect(triggers()).toHaveLength(1);
    s.script.call("setSchedule", { kind: "everyHours", hours: 4 });
    expect(triggers()).toHaveLength(1);
    expect(triggers()[0].schedule).toEqual({ kind: "hours", n: 4 });
    s.script.call("setSchedule", { kind: "hourly" });
    expect(triggers()).toHaveLength(1);
    expect(triggers()[0].schedule).toEqual({ kind: "hours", n: 1 });
    expect(() => s.script.call("setSchedule", { kind: "everyHours", hours: 3 })).toThrow(/1, 2, 4, 6, 8, 12/);
    expect(triggers()).toHaveLength(1); // a refused change keeps the schedule that was on

    expect(state(s.script.call("setSchedule", null))).toBeNull();
    expect(triggers()).toHaveLength(0);
    expect(s.runtime.advanceAndRun(2 * DAY)).toEqual([]);
    s.script.call("setSchedule", null);
    expect(triggers()).toHaveLength(0);

    s.script.call("setSchedule", { kind: "everyHours", hours: 6 });
    expect(s.runtime.advanceAndRun(DAY).map((r) => r.handler)).toEqual(Array(4).fill("scheduledRun"));
    expect(s.runtime.triggers.list).toHaveLength(1);
    s.script.call("setSchedule", { kind: "daily", atHour: 23 });
    expect(s.runtime.advanceAndRun(DAY + HOUR).map((r) => r.handler)).toEqual(["scheduledRun"]);
    expect(s.runtime.triggers.list).toHaveLength(1);
  });

  it("the sidebar state shows the schedule and the last run", () => {
    const s = scenario([{ email: "ann@acme.com", title: "VP" }]);
    s.script.call("setSchedule", { kind: "everyHours", hours: 2 });
    s.runtime.advanceAndRun(2 * HOUR);
    const state = s.runtime.peek(() => s.script.call("getSidebarState")) as {
      schedule: unknown;
      lastRun: Record<string, unknown>;
      pending: unknown[];
    };
    expect(state.schedule).toEqual({ kind: "everyHours", hours: 2 });
    expect(state.lastRun).toMatchObject({
      trigger: "schedule",
      leadsScored: 1,
      notificationsSent: 0,
      notificationsPending: 0,
    });
    expect(state.pending).toEqual([]);
  });
});
