// Counts every service call by "Class.method" name, injects failures, and lets a guard veto calls
// (authorization modes, execution time limit). All fakes report here through `counted()`.

export type CallMatch = string | RegExp;

interface Injection {
  remaining: number;
  match?: CallMatch;
  message?: string;
}

export const matches = (name: string, match?: CallMatch) =>
  match === undefined
    ? true
    : typeof match === "string"
      ? name === match || name.startsWith(match)
      : match.test(name);

export class CallCounter {
  private counts = new Map<string, number>();
  private injections: Injection[] = [];
  private paused = 0;
  /** Called before each counted call; throws to refuse it. */
  guard?: (name: string) => void;
  /** Called after counting, e.g. to let time pass per call. */
  onCall?: (name: string) => void;
  /** Called once a call is allowed ("before" it runs) and when it returns ("after"): interleave.ts. */
  onStep?: (name: string, phase: "before" | "after") => void;

  record(name: string): void {
    if (this.paused) return;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.onCall?.(name);
    this.guard?.(name);
    for (let i = 0; i < this.injections.length; i++) {
      const inj = this.injections[i];
      if (!matches(name, inj.match)) continue;
      if (inj.remaining > 0) {
        inj.remaining--;
        continue;
      }
      this.injections.splice(i, 1);
      throw new Error(inj.message ?? `Injected failure at ${name}`);
    }
    this.onStep?.(name, "before");
  }

  /** A counted call returned. */
  returned(name: string): void {
    if (!this.paused) this.onStep?.(name, "after");
  }

  /** The (n+1)-th call matching `match` (exact name, name prefix, or RegExp; any call if omitted) throws, once. */
  failAfter(n: number, match?: CallMatch, message?: string): void {
    this.injections.push({ remaining: n, match, message });
  }

  clearFailures(): void {
    this.injections = [];
  }

  pendingFailures(): number {
    return this.injections.length;
  }

  /** Number of calls, all or those whose name starts with `prefix` (e.g. "Range.", "SpreadsheetApp"). */
  total(prefix?: CallMatch): number {
    let n = 0;
    for (const [name, count] of this.counts) if (matches(name, prefix)) n += count;
    return n;
  }

  count(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  /** Counts by name, sorted by name. */
  byName(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const name of [...this.counts.keys()].sort()) out[name] = this.counts.get(name)!;
    return out;
  }

  reset(): void {
    this.counts.clear();
  }

  /** False inside `quiet` (test inspection): nothing is counted or charged. */
  get counting(): boolean {
    return this.paused === 0;
  }

  /** Runs `fn` without counting, guards or injected failures (for test inspection through the fakes). */
  quiet<T>(fn: () => T): T {
    this.paused++;
    try {
      return fn();
    } finally {
      this.paused--;
    }
  }
}

/**
 * Wraps a fake so each method call through the wrapper is recorded as "<cls>.<method>". Methods run on the
 * raw object, so fakes calling each other internally are not counted; a method returning its own object
 * (builders) returns the wrapper, so chained calls are counted too. Names starting with "_" are internal.
 */
export function counted<T extends object>(target: T, cls: string, calls: CallCounter): T {
  const proxy: T = new Proxy(target, {
    get(t, prop) {
      const value = Reflect.get(t, prop, t) as unknown;
      if (
        typeof value !== "function" ||
        typeof prop !== "string" ||
        prop[0] === "_" ||
        prop === "constructor"
      ) {
        return value;
      }
      const name = `${cls}.${prop}`;
      const fn = value as (...args: unknown[]) => unknown;
      return function (this: unknown, ...args: unknown[]) {
        calls.record(name);
        const result = fn.apply(t, args);
        calls.returned(name);
        return result === t ? proxy : result;
      };
    },
  });
  return proxy;
}
