// A controllable clock, and the Date the script sees: `new Date()` and `Date.now()` follow the clock.

export class Clock {
  private ms: number;
  constructor(start: Date = new Date()) {
    this.ms = start.getTime();
  }
  now(): number {
    return this.ms;
  }
  date(): Date {
    return new Date(this.ms);
  }
  set(date: Date | number): void {
    this.ms = typeof date === "number" ? date : date.getTime();
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`Clock.advance needs a non-negative number of ms, got ${ms}`);
    this.ms += ms;
  }
}

/**
 * A Date constructor for the vm context. It shares the host Date.prototype, so every date it makes IS a
 * host Date (and host dates pass `instanceof Date` inside the context): dates flow in and out unchanged.
 * Only the no-argument forms read the clock.
 */
export function makeDateShim(clock: Clock): DateConstructor {
  const HostDate = Date;
  function ClockDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return new HostDate(clock.now()).toString();
    const params = args.length === 0 ? [clock.now()] : args;
    return Reflect.construct(HostDate, params, new.target) as Date;
  }
  Object.defineProperty(ClockDate, "prototype", { value: HostDate.prototype, writable: false });
  Object.defineProperty(ClockDate, "name", { value: "Date" });
  const shim = ClockDate as unknown as DateConstructor & { now: () => number };
  shim.now = () => clock.now();
  (shim as { parse: typeof Date.parse }).parse = HostDate.parse;
  (shim as { UTC: typeof Date.UTC }).UTC = HostDate.UTC;
  return shim;
}
