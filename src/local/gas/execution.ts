// One trigger execution: which handler runs, for which trigger and event, in which authorization mode.
// Every run is recorded, with its result or error and whom it ran as.
import type { AuthMode, Env } from "./env";
import type { ScriptHandle } from "./script";
import type { Start } from "./users";

export interface TriggerRun {
  kind: "simple" | "installable";
  handler: string;
  eventType: string;
  triggerUid?: string;
  /** The effective user: a trigger's owner, or the user at the keyboard (users.ts). */
  user: string;
  at: Date;
  /** Clock time the run took, and the cells it read and wrote. */
  runtimeMs?: number;
  cells?: { read: number; written: number };
  error?: unknown;
  result?: unknown;
}

export interface FireOptions {
  /** Rethrow the first handler error (default true); false records it in the run and goes on. */
  throwOnError?: boolean;
}

/** What starts an execution. */
export interface ExecutionRequest {
  kind: TriggerRun["kind"];
  handler: string;
  eventType: string;
  authMode: AuthMode;
  /** The event object, without its triggerUid (added for installable triggers). */
  event: Record<string, unknown>;
  triggerUid?: string;
  /** Whom it runs as (users.ts). */
  start: Start;
}

export class Executions {
  /** Every trigger handler run, in order. */
  readonly runs: TriggerRun[] = [];

  constructor(
    private readonly env: Env,
    private readonly loaded: () => ScriptHandle | undefined,
  ) {}

  /** The loaded script; throws when there is none. */
  script(): ScriptHandle {
    const script = this.loaded();
    if (!script) throw new Error("No script loaded: call runtime.load(code) first");
    return script;
  }

  run(req: ExecutionRequest, opts: FireOptions): TriggerRun {
    const script = this.script();
    const { kind, handler, eventType, triggerUid } = req;
    const user = this.env.users.identityFor(req.start).effective;
    const run: TriggerRun = { kind, handler, eventType, triggerUid, user, at: this.env.clock.date() };
    this.runs.push(run);
    const { cells, quotas } = this.env;
    const before = { read: cells.read, written: cells.written };
    try {
      const event = triggerUid ? { ...req.event, triggerUid } : req.event;
      run.result = this.env.startingAs(req.start, () =>
        quotas.triggering(() => script.callAs(req.authMode, handler, event)),
      );
    } catch (e) {
      run.error = e;
      if (opts.throwOnError !== false) throw e;
    } finally {
      run.runtimeMs = this.env.clock.now() - run.at.getTime();
      run.cells = { read: cells.read - before.read, written: cells.written - before.written };
    }
    return run;
  }
}
