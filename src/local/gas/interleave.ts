// Overlapping executions, in a chosen and repeatable order. Apps Script runs executions in parallel (up to
// 30 per user); the script here is synchronous JS in one vm, so overlap is modelled at service calls: at a
// chosen call of a running (outer) execution, another execution starts and runs to its end, then the outer
// one goes on. Each keeps its own lock ownership, start time (6-minute limit) and authorization mode
// (Env.run nests them), so a lock the outer run holds is not the inner run's: the inner run waits its
// timeout on the clock and fails, as when the holder takes longer than the wait
// (developers.google.com/apps-script/reference/lock/lock: tryLock returns false, waitLock throws).
import { type CallCounter, type CallMatch, matches } from "./calls";
import type { Clock } from "./clock";
import type { Env } from "./env";

export interface InterleavePoint {
  /** The inner run starts when the nth call matching this returns (e.g. "Lock.tryLock": the lock is taken)… */
  after?: CallMatch;
  /** …or just before the nth matching call runs (once it is allowed). */
  before?: CallMatch;
  /** Which matching call of the outer run, from 1 (default 1). Calls of inner runs are not counted. */
  nth?: number;
}

export interface InterleaveStep {
  at: InterleavePoint;
  /** Starts the inner execution(s), e.g. `() => rt.fireFormSubmit(…)`; may call `rt.interleave` itself. */
  run: () => unknown;
  /**
   * "serial" (default): the clock time the inner run takes passes for the outer run too, as if it had
   * stalled meanwhile. "parallel": the outer run resumes at the time the inner one started (it ran beside it).
   */
  clock?: "serial" | "parallel";
}

export interface StepOutcome {
  /** Where the step ran, e.g. "after Lock.tryLock #1". */
  at: string;
  result?: unknown;
  /** What the inner run threw (it never reaches the outer run). */
  error?: unknown;
}

export interface Interleaved<T> {
  value: T;
  steps: StepOutcome[];
}

interface Frame {
  steps: InterleaveStep[];
  seen: number[];
  outcomes: (StepOutcome | undefined)[];
  busy: boolean;
}

const describe = (p: InterleavePoint) =>
  `${p.after !== undefined ? "after" : "before"} ${String(p.after ?? p.before)} #${p.nth ?? 1}`;

export class Interleavings {
  private readonly stack: Frame[] = [];

  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    calls: CallCounter,
  ) {
    calls.onStep = (name, phase) => this.reached(name, phase);
  }

  run<T>(outer: () => T, steps: InterleaveStep[]): Interleaved<T> {
    for (const s of steps) {
      const nth = s.at.nth ?? 1;
      if ((s.at.after === undefined) === (s.at.before === undefined))
        throw new Error("interleave: each step needs exactly one of at.after and at.before");
      if (!Number.isInteger(nth) || nth < 1)
        throw new Error(`interleave: at.nth must be 1 or more, got ${nth}`);
    }
    const frame: Frame = {
      steps,
      seen: steps.map(() => 0),
      outcomes: steps.map(() => undefined),
      busy: false,
    };
    this.stack.push(frame);
    let value: T;
    try {
      value = outer();
    } finally {
      this.stack.pop();
    }
    const missed = frame.outcomes.indexOf(undefined);
    if (missed >= 0)
      throw new Error(`interleave: step ${missed + 1} (${describe(steps[missed].at)}) was never reached`);
    return { value, steps: frame.outcomes as StepOutcome[] };
  }

  // Only the innermost interleaving counts, and only calls of a running execution that is not one of
  // its own inner runs.
  private reached(name: string, phase: "before" | "after"): void {
    const frame = this.stack[this.stack.length - 1];
    if (!frame || frame.busy || !this.env.execution) return;
    frame.steps.forEach((step, i) => {
      const match = phase === "after" ? step.at.after : step.at.before;
      if (frame.outcomes[i] || match === undefined || !matches(name, match)) return;
      frame.seen[i]++;
      if (frame.seen[i] === (step.at.nth ?? 1))
        frame.outcomes[i] = this.runStep(frame, step, `${phase} ${name} #${frame.seen[i]}`);
    });
  }

  private runStep(frame: Frame, step: InterleaveStep, at: string): StepOutcome {
    const start = this.clock.now();
    const outcome: StepOutcome = { at };
    frame.busy = true;
    try {
      outcome.result = step.run();
    } catch (error) {
      outcome.error = error;
    } finally {
      frame.busy = false;
      if (step.clock === "parallel") this.clock.set(start);
    }
    return outcome;
  }
}
