// Per-user execution quotas: the daily total runtime of triggered executions and the number of executions
// running at once. From developers.google.com/apps-script/guides/services/quotas: "Triggers total runtime
// 90 min / day" (consumer accounts, 6 h Google Workspace), "Simultaneous executions per user 30"; quotas
// are per user and reset 24 hours after the first request. A triggered execution past the daily runtime
// fails with "Service using too much computer time for one day" — at its start when the quota is already
// used up (failure summaries show Start = End), or at its next service call when it runs out mid-run.
import type { Clock } from "./clock";

export type Account = "consumer" | "workspace";

const DAY_MS = 24 * 60 * 60 * 1000;
export const TRIGGER_RUNTIME_MS: Record<Account, number> = {
  consumer: 90 * 60_000,
  workspace: 6 * 60 * 60_000,
};
export const MAX_SIMULTANEOUS = 30;
export const RUNTIME_EXCEEDED = "Service using too much computer time for one day";
// _local_: the quotas page gives the limit (30) but no error text, and no stored Google page quotes one; this
// wording is an unconfirmed stand-in. Tests should match on the limit being enforced, not on this text.
export const TOO_MANY_RUNNING =
  "There are too many scripts running simultaneously for this Google user account.";

interface Window {
  start: number;
  usedMs: number;
}

/** One entered execution, as `enter` returns it and `exit`/`check` take it back. */
export interface QuotaTicket {
  user: string;
  triggered: boolean;
  startedAt: number;
}

export class Quotas {
  private readonly windows = new Map<string, Window>();
  private readonly running = new Map<string, number>();
  private nextTriggered = false;

  constructor(
    private readonly clock: Clock,
    private readonly account: Account,
  ) {}

  get dailyTriggerRuntimeMs(): number {
    return TRIGGER_RUNTIME_MS[this.account];
  }

  /** Marks the next execution entered as a triggered one (the trigger seam calls this before running it). */
  triggering<T>(fn: () => T): T {
    this.nextTriggered = true;
    try {
      return fn();
    } finally {
      this.nextTriggered = false;
    }
  }

  /** An execution starts: refuses it past the simultaneous limit or, when triggered, the daily runtime. */
  enter(user: string): QuotaTicket {
    const triggered = this.nextTriggered;
    this.nextTriggered = false;
    const running = this.running.get(user) ?? 0;
    if (running >= MAX_SIMULTANEOUS) throw new Error(TOO_MANY_RUNNING);
    if (triggered) {
      if (this.remainingMs(user) <= 0) throw new Error(RUNTIME_EXCEEDED);
      this.window(user); // the window opens with the first triggered request
    }
    this.running.set(user, running + 1);
    return { user, triggered, startedAt: this.clock.now() };
  }

  /** An execution ends: a triggered one adds its clock time to the user's daily tally. */
  exit(ticket: QuotaTicket): void {
    this.running.set(ticket.user, (this.running.get(ticket.user) ?? 1) - 1);
    if (ticket.triggered) this.window(ticket.user).usedMs += this.clock.now() - ticket.startedAt;
  }

  /** Before each service call of a running execution: a triggered run stops once the day's runtime is used. */
  check(ticket: QuotaTicket): void {
    if (!ticket.triggered) return;
    if (this.clock.now() - ticket.startedAt > this.remainingMs(ticket.user))
      throw new Error(RUNTIME_EXCEEDED);
  }

  /** Executions of `user` running now. */
  runningNow(user: string): number {
    return this.running.get(user) ?? 0;
  }

  /** Trigger runtime `user` used in the current window, in ms (finished executions only). */
  usedMs(user: string): number {
    return this.current(user)?.usedMs ?? 0;
  }

  remainingMs(user: string): number {
    return this.dailyTriggerRuntimeMs - this.usedMs(user);
  }

  /** Uses up trigger runtime as if `ms` had run (to test near-quota paths). */
  consume(user: string, ms: number): void {
    this.window(user).usedMs += ms;
  }

  private current(user: string): Window | undefined {
    const w = this.windows.get(user);
    if (w && this.clock.now() >= w.start + DAY_MS) {
      this.windows.delete(user);
      return undefined;
    }
    return w;
  }

  private window(user: string): Window {
    let w = this.current(user);
    if (!w) {
      w = { start: this.clock.now(), usedMs: 0 };
      this.windows.set(user, w);
    }
    return w;
  }
}
