// ScriptApp's installable triggers: builders, the registry, and when each time-driven trigger is due next.
// Times are exact (Google randomises within the hour / ±15 min): a daily atHour(h) trigger fires at h:00
// (or h:nearMinute) in its time zone; everyHours(n)/everyMinutes(n) fire every n hours/minutes after creation.
// Each trigger belongs to the user who created it: "Installable triggers always run under the account of the
// person who created them" and "a given account cannot see triggers installed from a second account"
// (developers.google.com/apps-script/guides/triggers/installable). Limits count per user.
import { AuthMode, EventType, TriggerSource, WeekDay } from "./enums";
import type { Env } from "./env";
import { checkTimeZone, fromWallClock, wallClock } from "./tz";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_TRIGGERS = 20;

export type Schedule =
  | { kind: "minutes"; n: number }
  | { kind: "hours"; n: number }
  | { kind: "days"; n: number; hour?: number; minute: number; tz: string }
  | { kind: "weeks"; n: number; weekday: number; hour: number; minute: number; tz: string }
  | { kind: "month"; day: number; hour: number; minute: number; tz: string }
  | { kind: "once"; at: number };

export interface TriggerRecord {
  uid: string;
  handler: string;
  eventType: string;
  source: string;
  sourceId: string | null;
  schedule?: Schedule;
  /** Next time a clock trigger is due (ms), undefined once a one-off trigger has fired. */
  nextAt?: number;
  createdAt: number;
  /** The effective user of the execution that created it; the trigger runs as this user. */
  owner: string;
}

/** The first due time strictly after `after` for a schedule. */
export function firstDue(s: Schedule, after: number): number | undefined {
  switch (s.kind) {
    case "minutes":
      return after + s.n * MINUTE;
    case "hours":
      return after + s.n * HOUR;
    case "once":
      return s.at;
    case "days": {
      if (s.hour === undefined) return after + s.n * DAY;
      const w = wallClock(after, s.tz);
      let t = fromWallClock(s.tz, w.year, w.month, w.day, s.hour, s.minute);
      for (let d = 1; t <= after; d++) t = fromWallClock(s.tz, w.year, w.month, w.day + d, s.hour, s.minute);
      return t;
    }
    case "weeks": {
      const w = wallClock(after, s.tz);
      for (let d = 0; d <= 7; d++) {
        const t = fromWallClock(s.tz, w.year, w.month, w.day + d, s.hour, s.minute);
        if (t > after && wallClock(t, s.tz).weekday === s.weekday) return t;
      }
      return undefined;
    }
    case "month": {
      const w = wallClock(after, s.tz);
      for (let m = 0; m <= 12; m++) {
        const t = fromWallClock(s.tz, w.year, w.month + m, s.day, s.hour, s.minute);
        if (t > after && wallClock(t, s.tz).day === s.day) return t;
      }
      return undefined;
    }
  }
}

/** The due time after one at `prev`, keeping wall-clock times across DST changes. */
export function nextDue(s: Schedule, prev: number): number | undefined {
  switch (s.kind) {
    case "minutes":
    case "hours":
      return firstDue(s, prev);
    case "once":
      return undefined;
    case "days": {
      if (s.hour === undefined) return prev + s.n * DAY;
      const w = wallClock(prev, s.tz);
      return fromWallClock(s.tz, w.year, w.month, w.day + s.n, s.hour, s.minute);
    }
    case "weeks": {
      const w = wallClock(prev, s.tz);
      return fromWallClock(s.tz, w.year, w.month, w.day + 7 * s.n, s.hour, s.minute);
    }
    case "month":
      return firstDue(s, prev);
  }
}

export class TriggerRegistry {
  readonly list: TriggerRecord[] = [];
  private nextUid = 1000001;
  constructor(private readonly env: Env) {}

  /** The triggers the running execution's user owns: all that ScriptApp shows or can delete. */
  visible(): TriggerRecord[] {
    const user = this.env.identity.effective;
    return this.list.filter((t) => t.owner === user);
  }

  add(rec: Omit<TriggerRecord, "uid" | "createdAt" | "nextAt" | "owner">): TriggerRecord {
    const mine = this.visible();
    if (mine.length >= MAX_TRIGGERS) {
      throw new Error(
        "This script has too many triggers. Triggers must be deleted from the script before more can be added.",
      );
    }
    if (this.env.options.addon) {
      if (mine.some((t) => t.eventType === rec.eventType)) {
        throw new Error(
          `This add-on has created too many ${rec.eventType} triggers in this document for this Google Account user.`,
        );
      }
      const s = rec.schedule;
      if (s && s.kind === "minutes") {
        throw new Error(
          "Add-ons can't create time-based triggers that run more frequently than once per hour.",
        );
      }
    }
    const now = this.env.clock.now();
    const owner = this.env.identity.effective;
    const full: TriggerRecord = { ...rec, uid: String(this.nextUid++), createdAt: now, owner };
    if (rec.schedule) full.nextAt = firstDue(rec.schedule, now);
    this.list.push(full);
    return full;
  }

  /** A trigger saved with the workbook (saved-state.ts), as it was: its id, owner and next due time. */
  restore(rec: TriggerRecord): void {
    this.list.push({ ...rec });
    this.nextUid = Math.max(this.nextUid, Number(rec.uid) + 1);
  }

  remove(uid: string): boolean {
    const i = this.list.findIndex((t) => t.uid === uid);
    if (i < 0) return false;
    this.list.splice(i, 1);
    return true;
  }

  /** Clock triggers due at or before `now`, earliest first. */
  due(now: number): TriggerRecord[] {
    return this.list
      .filter((t) => t.nextAt !== undefined && t.nextAt <= now)
      .sort((a, b) => a.nextAt! - b.nextAt! || Number(a.uid) - Number(b.uid));
  }

  /** Earliest due time of any clock trigger, or undefined. */
  earliest(): number | undefined {
    let min: number | undefined;
    for (const t of this.list)
      if (t.nextAt !== undefined && (min === undefined || t.nextAt < min)) min = t.nextAt;
    return min;
  }

  /** After a firing at `firedAt`: the next due time, skipping runs missed while the clock jumped. */
  reschedule(t: TriggerRecord, now: number): void {
    if (!t.schedule || t.nextAt === undefined) return;
    let next = nextDue(t.schedule, t.nextAt);
    while (next !== undefined && next <= now) next = nextDue(t.schedule, next);
    t.nextAt = next;
  }

  of(eventType: string): TriggerRecord[] {
    return this.list.filter((t) => t.eventType === eventType);
  }
}

export class Trigger {
  constructor(readonly _rec: TriggerRecord) {}
  getHandlerFunction(): string {
    return this._rec.handler;
  }
  getEventType(): string {
    return this._rec.eventType;
  }
  getUniqueId(): string {
    return this._rec.uid;
  }
  getTriggerSource(): string {
    return this._rec.source;
  }
  getTriggerSourceId(): string | null {
    return this._rec.sourceId;
  }
}

export function triggerFacade(env: Env, rec: TriggerRecord): Trigger {
  return env.wrap(new Trigger(rec), "Trigger");
}

const WEEKDAYS: string[] = Object.values(WeekDay);

/** A whole number from lo to hi. */
const whole = (n: number, lo: number, hi = Number.POSITIVE_INFINITY) =>
  Number.isInteger(n) && n >= lo && n <= hi;

export class ClockTriggerBuilder {
  private minutes?: number;
  private hours?: number;
  private days?: number;
  private weeks?: number;
  private hour?: number;
  private minute?: number;
  private weekday?: number;
  private monthDay?: number;
  private tz?: string;
  private once?: number;
  constructor(
    private readonly env: Env,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw new Error("The value passed to everyMinutes must be 1, 5, 10, 15 or 30.");
    this.minutes = n;
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n))
      throw new Error("The value passed to everyHours must be 1, 2, 4, 6, 8 or 12.");
    this.hours = n;
    return this;
  }
  everyDays(n: number): this {
    if (!whole(n, 1)) throw new Error("The value passed to everyDays must be a positive integer.");
    this.days = n;
    return this;
  }
  everyWeeks(n: number): this {
    if (!whole(n, 1)) throw new Error("The value passed to everyWeeks must be a positive integer.");
    this.weeks = n;
    return this;
  }
  atHour(hour: number): this {
    if (!whole(hour, 0, 23)) throw new Error("The hour must be between 0 and 23.");
    this.hour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    if (!whole(minute, 0, 59)) throw new Error("The minute must be between 0 and 59.");
    this.minute = minute;
    return this;
  }
  onWeekDay(day: string): this {
    const i = WEEKDAYS.indexOf(String(day));
    if (i < 0) throw new Error(`Invalid week day: ${day}`);
    this.weekday = i;
    return this;
  }
  onMonthDay(day: number): this {
    if (!whole(day, 1, 31)) throw new Error("The day of the month must be between 1 and 31.");
    this.monthDay = day;
    return this;
  }
  inTimezone(timezone: string): this {
    this.tz = checkTimeZone(String(timezone));
    return this;
  }
  at(date: Date): this {
    this.once = new Date(date).getTime();
    return this;
  }
  atDate(year: number, month: number, day: number): this {
    this.once = fromWallClock(this.tz ?? this.env.options.scriptTimeZone, year, month, day);
    return this;
  }
  after(durationMilliseconds: number): this {
    this.once = this.env.clock.now() + Math.max(0, durationMilliseconds);
    return this;
  }
  private schedule(): Schedule {
    const tz = this.tz ?? this.env.options.scriptTimeZone;
    const minute = this.minute ?? 0;
    if (this.once !== undefined) return { kind: "once", at: this.once };
    if (this.minutes !== undefined) return { kind: "minutes", n: this.minutes };
    if (this.hours !== undefined) return { kind: "hours", n: this.hours };
    if (this.weeks !== undefined || this.weekday !== undefined) {
      return {
        kind: "weeks",
        n: this.weeks ?? 1,
        weekday: this.weekday ?? wallClock(this.env.clock.now(), tz).weekday,
        hour: this.hour ?? 0,
        minute,
        tz,
      };
    }
    if (this.monthDay !== undefined)
      return { kind: "month", day: this.monthDay, hour: this.hour ?? 0, minute, tz };
    if (this.days !== undefined || this.hour !== undefined) {
      return { kind: "days", n: this.days ?? 1, hour: this.hour, minute, tz };
    }
    throw new Error(
      "The clock trigger has no schedule: call everyMinutes, everyHours, everyDays, everyWeeks, at or after.",
    );
  }
  create(): Trigger {
    const rec = this.registry.add({
      handler: this.handler,
      eventType: EventType.CLOCK,
      source: TriggerSource.CLOCK,
      sourceId: null,
      schedule: this.schedule(),
    });
    return triggerFacade(this.env, rec);
  }
}

export class SpreadsheetTriggerBuilder {
  private eventType?: string;
  constructor(
    private readonly env: Env,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
    private readonly sourceId: string,
  ) {}
  onOpen(): this {
    this.eventType = EventType.ON_OPEN;
    return this;
  }
  onEdit(): this {
    this.eventType = EventType.ON_EDIT;
    return this;
  }
  onChange(): this {
    this.eventType = EventType.ON_CHANGE;
    return this;
  }
  onFormSubmit(): this {
    this.eventType = EventType.ON_FORM_SUBMIT;
    return this;
  }
  create(): Trigger {
    if (!this.eventType)
      throw new Error("The spreadsheet trigger has no event: call onOpen, onEdit, onChange or onFormSubmit.");
    const rec = this.registry.add({
      handler: this.handler,
      eventType: this.eventType,
      source: TriggerSource.SPREADSHEETS,
      sourceId: this.sourceId,
    });
    return triggerFacade(this.env, rec);
  }
}

export class TriggerBuilder {
  constructor(
    private readonly env: Env,
    private readonly registry: TriggerRegistry,
    private readonly handler: string,
  ) {}
  timeBased(): ClockTriggerBuilder {
    return this.env.wrap(
      new ClockTriggerBuilder(this.env, this.registry, this.handler),
      "ClockTriggerBuilder",
    );
  }
  forSpreadsheet(sheet: string | { getId(): string }): SpreadsheetTriggerBuilder {
    const id = typeof sheet === "string" ? sheet : sheet.getId();
    return this.env.wrap(
      new SpreadsheetTriggerBuilder(this.env, this.registry, this.handler, id),
      "SpreadsheetTriggerBuilder",
    );
  }
}

export class ScriptApp {
  readonly AuthMode = AuthMode;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly AuthorizationStatus = Object.freeze({ REQUIRED: "REQUIRED", NOT_REQUIRED: "NOT_REQUIRED" });
  readonly InstallationSource = Object.freeze({
    APPS_MARKETPLACE_DOMAIN_ADD_ON: "APPS_MARKETPLACE_DOMAIN_ADD_ON",
    NONE: "NONE",
    WEB_STORE_ADD_ON: "WEB_STORE_ADD_ON",
  });
  constructor(
    private readonly env: Env,
    private readonly registry: TriggerRegistry,
    private readonly scriptId: string,
  ) {}
  newTrigger(functionName: string): TriggerBuilder {
    if (typeof functionName !== "string" || !functionName) throw new Error("Invalid argument: functionName");
    return this.env.wrap(new TriggerBuilder(this.env, this.registry, functionName), "TriggerBuilder");
  }
  /** "Gets all installable triggers associated with the current project and current user." */
  getProjectTriggers(): Trigger[] {
    return this.env.realm.plain(this.registry.visible().map((t) => triggerFacade(this.env, t)));
  }
  /** Triggers this user installed for the document (one document here). */
  getUserTriggers(_document?: unknown): Trigger[] {
    return this.getProjectTriggers();
  }
  getScriptTriggers(): Trigger[] {
    return this.getProjectTriggers();
  }
  deleteTrigger(trigger: Trigger): void {
    const t = trigger as Trigger | undefined;
    if (!t?._rec) throw new Error("Invalid argument: trigger");
    // Another user's trigger cannot be listed, so it cannot be deleted (_local_ message: a Trigger object
    // can only cross users in a test).
    if (t._rec.owner !== this.env.identity.effective) throw new Error("Invalid argument: trigger");
    this.registry.remove(t._rec.uid);
  }
  getScriptId(): string {
    return this.scriptId;
  }
  getOAuthToken(): string {
    return "local-oauth-token";
  }
  getInstallationSource(): string {
    return "NONE";
  }
  getAuthorizationInfo(_authMode?: string): unknown {
    return this.env.realm.plain({
      getAuthorizationStatus: () => "NOT_REQUIRED",
      getAuthorizationUrl: () => null,
      getAuthorizedScopes: () => [],
    });
  }
}
