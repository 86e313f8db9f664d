// Time-driven triggers: firing those due by the clock, and moving the clock through a span of time.
import type { Clock } from "./clock";
import { AuthMode, EventType } from "./enums";
import type { Executions, FireOptions, TriggerRun } from "./execution";
import type { TriggerRecord, TriggerRegistry } from "./triggers";

/** The event object of a time-driven trigger firing at `now` (fields as Google documents them, in UTC). */
function clockEvent(now: number): Record<string, unknown> {
  const d = new Date(now);
  const startOfYear = Date.UTC(d.getUTCFullYear(), 0, 1);
  return {
    authMode: AuthMode.FULL,
    "day-of-month": d.getUTCDate(),
    "day-of-week": d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    month: d.getUTCMonth() + 1,
    second: d.getUTCSeconds(),
    timezone: "UTC",
    "week-of-year": Math.ceil(((now - startOfYear) / 86400000 + new Date(startOfYear).getUTCDay() + 1) / 7),
    year: d.getUTCFullYear(),
  };
}

export class ClockTriggers {
  constructor(
    private readonly clock: Clock,
    private readonly triggers: TriggerRegistry,
    private readonly executions: Executions,
  ) {}

  private fire(t: TriggerRecord, opts: FireOptions, reschedule = true): TriggerRun {
    const now = this.clock.now();
    const event = clockEvent(now);
    if (reschedule) this.triggers.reschedule(t, now);
    return this.executions.run(
      {
        kind: "installable",
        handler: t.handler,
        eventType: EventType.CLOCK,
        authMode: "FULL",
        event,
        triggerUid: t.uid,
        start: { kind: "installable", owner: t.owner, byKeyboard: false },
      },
      opts,
    );
  }

  /** Fires every time-driven trigger that is due by the clock now (each once), earliest first. */
  runDue(opts: FireOptions): TriggerRun[] {
    const out: TriggerRun[] = [];
    for (const t of this.triggers.due(this.clock.now())) {
      if (!this.triggers.list.includes(t)) continue; // deleted by an earlier handler
      out.push(this.fire(t, opts));
    }
    return out;
  }

  /** Fires every time-driven trigger once now, due or not, leaving its schedule as it is (a local "run now"). */
  runAllNow(opts: FireOptions): TriggerRun[] {
    return this.triggers.list.filter((t) => t.nextAt !== undefined).map((t) => this.fire(t, opts, false));
  }

  /** Moves the clock forward by `ms`, stopping at each due time to fire what is due then. */
  advance(ms: number, opts: FireOptions): TriggerRun[] {
    const end = this.clock.now() + ms;
    const out: TriggerRun[] = [];
    for (;;) {
      const next = this.triggers.earliest();
      if (next === undefined || next > end) break;
      if (next > this.clock.now()) this.clock.set(next);
      out.push(...this.runDue(opts));
    }
    if (this.clock.now() < end) this.clock.set(end);
    return out;
  }
}
