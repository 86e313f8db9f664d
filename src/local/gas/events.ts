// Document events a user causes (open, edit, change, form submit, install): each runs the simple trigger
// if the script defines it, then every installable trigger for the event. Script writes never fire them.
// The simple trigger runs as the user at the keyboard; each installable trigger, whoever owns it, as its
// owner (users.ts), with e.user the active user of that run.
import type { CellValue } from "../../core/types";
import type { Clock } from "./clock";
import { AuthMode, EventType } from "./enums";
import type { AuthMode as AuthModeName, Env } from "./env";
import type { ExecutionRequest, Executions, FireOptions, TriggerRun } from "./execution";
import { formatDate } from "./format-date";
import { userFacade } from "./spreadsheet/protection";
import type { Range } from "./spreadsheet/range";
import type { Workbook } from "./spreadsheet/workbook";
import type { TriggerRegistry } from "./triggers";
import type { Start } from "./users";

const FORM_RESPONSES = "Form Responses 1";

export class DocumentEvents {
  constructor(
    private readonly env: Env,
    private readonly clock: Clock,
    private readonly workbook: Workbook,
    private readonly triggers: TriggerRegistry,
    private readonly executions: Executions,
  ) {}

  /** The user an event names: the active user of the run it starts ("" when Google withholds it). */
  private user(start: Start): unknown {
    return userFacade(this.env, this.env.users.identityFor(start).active);
  }

  private fire(
    eventType: string,
    simple: string | undefined,
    event: Record<string, unknown>,
    opts: FireOptions,
    simpleMode: AuthModeName = "LIMITED",
  ): TriggerRun[] {
    const script = this.executions.script();
    const out: TriggerRun[] = [];
    // A form submission has no one at the keyboard: the respondent is not a user of the script.
    const byKeyboard = eventType !== EventType.ON_FORM_SUBMIT;
    const withUser = (start: Start) => ("user" in event ? { ...event, user: this.user(start) } : event);
    if (simple && script.has(simple)) {
      const start: Start = { kind: "simple" };
      const simpleEvent = { ...withUser(start), authMode: simpleMode };
      const req: ExecutionRequest = {
        kind: "simple",
        handler: simple,
        eventType,
        authMode: simpleMode,
        event: simpleEvent,
        start,
      };
      out.push(this.executions.run(req, opts));
    }
    for (const t of this.triggers.of(eventType)) {
      const start: Start = { kind: "installable", owner: t.owner, byKeyboard };
      out.push(
        this.executions.run(
          {
            kind: "installable",
            handler: t.handler,
            eventType,
            authMode: "FULL",
            event: { ...withUser(start), authMode: AuthMode.FULL },
            triggerUid: t.uid,
            start,
          },
          opts,
        ),
      );
    }
    return out;
  }

  /** The edit event for a range the user edited (after the new value is in place). */
  edited(range: Range, oldValue: CellValue | undefined, opts: FireOptions): TriggerRun[] {
    const { range: r, value } = this.workbook.edited(range);
    // user: set per run, the active user of the run it starts (fire).
    const event: Record<string, unknown> = { range: r, source: this.workbook.facade, user: null };
    if (range._numRows === 1 && range._numColumns === 1) {
      if (value !== undefined) event.value = value;
      if (oldValue !== undefined && oldValue !== "") event.oldValue = this.workbook.eventText(oldValue);
    }
    return this.fire(EventType.ON_EDIT, "onEdit", event, opts);
  }

  /** A user edit: writes `value` (a single value or a grid) as if typed, then fires onEdit. */
  edit(range: Range, value: unknown, opts: FireOptions): TriggerRun[] {
    const old = this.workbook.typeIn(range, value);
    return this.edited(range, old, opts);
  }

  change(changeType: string, opts: FireOptions): TriggerRun[] {
    const event = { changeType, source: this.workbook.facade, user: null };
    return this.fire(EventType.ON_CHANGE, undefined, event, opts);
  }

  formSubmit(
    namedValues: Record<string, string | string[]>,
    values: unknown[] | undefined,
    opts: FireOptions & { sheet?: string },
  ): TriggerRun[] {
    const named: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(namedValues))
      named[k] = Array.isArray(v) ? v.map(String) : [String(v)];
    const stamp = formatDate(this.clock.date(), this.workbook.timeZone, "M/d/yyyy H:mm:ss");
    const answers = Object.values(named).map((v) => v.join(", "));
    const rowValues = values ?? [stamp, ...answers];
    const event: Record<string, unknown> = { namedValues: named, values: rowValues.map((v) => String(v)) };
    const sheetName = opts.sheet ?? (this.workbook.hasSheet(FORM_RESPONSES) ? FORM_RESPONSES : undefined);
    if (sheetName) {
      event.range = this.workbook.appendFormResponse(sheetName, this.clock.date(), rowValues);
      event.source = this.workbook.facade;
    }
    return this.fire(EventType.ON_FORM_SUBMIT, undefined, event, opts);
  }

  open(authMode: AuthModeName, opts: FireOptions): TriggerRun[] {
    const event = { source: authMode === "NONE" ? undefined : this.workbook.facade, user: null };
    return this.fire(EventType.ON_OPEN, "onOpen", event, opts, authMode);
  }

  install(opts: FireOptions): TriggerRun[] {
    if (!this.executions.script().has("onInstall")) return [];
    const event = { authMode: AuthMode.FULL };
    const req: ExecutionRequest = {
      kind: "simple",
      handler: "onInstall",
      eventType: "ON_INSTALL",
      authMode: "FULL",
      event,
      start: { kind: "direct" },
    };
    return [this.executions.run(req, opts)];
  }
}
