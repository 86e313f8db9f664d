// LockService. "Another run" holding a lock is either simulated with LockState.holdByOther(), or a real
// execution of the script that an interleaved one (interleave.ts) overlaps. Waiting advances the clock, so a
// lock the simulated holder releases within the timeout is acquired; a lock held by a running execution
// cannot be released while the waiter runs, so tryLock/waitLock time out. Locks are released when a run
// ends. The waitLock message is the one Apps Script throws (reference/lock/lock: "timing out with an
// exception").
import type { Env } from "./env";

export type LockScope = "document" | "script" | "user";

interface Holder {
  /** Execution id of the holder in this runtime, or -1 for a simulated other run. */
  execution: number;
  /** When a simulated holder lets go (ms since epoch); Infinity for never. */
  until: number;
}

export class LockState {
  private holders = new Map<LockScope, Holder>();
  constructor(private readonly env: Env) {}

  /** Simulates another execution holding the lock for `ms` (default: until released with releaseOther). */
  holdByOther(scope: LockScope = "document", ms = Number.POSITIVE_INFINITY): void {
    this.holders.set(scope, { execution: -1, until: this.env.clock.now() + ms });
  }
  releaseOther(scope: LockScope = "document"): void {
    if (this.holders.get(scope)?.execution === -1) this.holders.delete(scope);
  }
  isHeld(scope: LockScope): boolean {
    this.expire(scope);
    return this.holders.has(scope);
  }
  private expire(scope: LockScope): void {
    const h = this.holders.get(scope);
    if (h && h.execution === -1 && this.env.clock.now() >= h.until) this.holders.delete(scope);
  }
  private current(): number {
    return this.env.execution?.id ?? 0;
  }
  holds(scope: LockScope): boolean {
    this.expire(scope);
    return this.holders.get(scope)?.execution === this.current();
  }
  acquire(scope: LockScope, timeoutMs: number): boolean {
    this.expire(scope);
    const me = this.current();
    const h = this.holders.get(scope);
    if (!h || h.execution === me) {
      this.holders.set(scope, { execution: me, until: Number.POSITIVE_INFINITY });
      return true;
    }
    const wait = h.execution === -1 ? h.until - this.env.clock.now() : Number.POSITIVE_INFINITY;
    if (wait <= timeoutMs) {
      this.env.clock.advance(Math.max(0, wait));
      this.holders.set(scope, { execution: me, until: Number.POSITIVE_INFINITY });
      return true;
    }
    this.env.clock.advance(Math.max(0, timeoutMs));
    return false;
  }
  release(scope: LockScope): void {
    if (this.holders.get(scope)?.execution === this.current()) this.holders.delete(scope);
  }
  /** Called when an execution ends: Apps Script releases its locks. */
  releaseExecution(id: number): void {
    for (const [scope, h] of this.holders) if (h.execution === id) this.holders.delete(scope);
  }
}

export class Lock {
  constructor(
    private readonly state: LockState,
    private readonly scope: LockScope,
  ) {}
  tryLock(timeoutInMillis: number): boolean {
    return this.state.acquire(this.scope, Math.max(0, Number(timeoutInMillis) || 0));
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.state.acquire(this.scope, Math.max(0, Number(timeoutInMillis) || 0))) {
      throw new Error("Lock timeout: another process was holding the lock for too long.");
    }
  }
  releaseLock(): void {
    this.state.release(this.scope);
  }
  hasLock(): boolean {
    return this.state.holds(this.scope);
  }
}

export class LockService {
  constructor(
    private readonly env: Env,
    private readonly state: LockState,
  ) {}
  getDocumentLock(): Lock {
    return this.env.wrap(new Lock(this.state, "document"), "Lock");
  }
  getScriptLock(): Lock {
    return this.env.wrap(new Lock(this.state, "script"), "Lock");
  }
  getUserLock(): Lock {
    return this.env.wrap(new Lock(this.state, "user"), "Lock");
  }
}
