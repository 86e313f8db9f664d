// rt.as(email): the user actions of the runtime, performed with another editor at the keyboard.
import type { CellValue } from "../../core/types";
import type { AuthMode } from "./env";
import type { FireOptions, TriggerRun } from "./execution";
import type { Users } from "./users";

/** What a user at the keyboard can do (LocalRuntime implements it). */
export interface UserActions {
  call(name: string, ...args: unknown[]): unknown;
  clickMenu(caption: string): unknown;
  edit(a1: string, value: unknown, opts?: FireOptions): TriggerRun[];
  fireEdit(range: string, oldValue?: CellValue, opts?: FireOptions): TriggerRun[];
  fireChange(changeType?: string, opts?: FireOptions): TriggerRun[];
  fireOpen(authMode?: AuthMode, opts?: FireOptions): TriggerRun[];
}

export class UserView implements UserActions {
  constructor(
    private readonly users: Users,
    readonly email: string,
    private readonly rt: UserActions,
  ) {
    users.check(email);
  }
  private act<T>(fn: () => T): T {
    return this.users.actAs(this.email, fn);
  }
  call(name: string, ...args: unknown[]): unknown {
    return this.act(() => this.rt.call(name, ...args));
  }
  clickMenu(caption: string): unknown {
    return this.act(() => this.rt.clickMenu(caption));
  }
  edit(a1: string, value: unknown, opts?: FireOptions): TriggerRun[] {
    return this.act(() => this.rt.edit(a1, value, opts));
  }
  fireEdit(range: string, oldValue?: CellValue, opts?: FireOptions): TriggerRun[] {
    return this.act(() => this.rt.fireEdit(range, oldValue, opts));
  }
  fireChange(changeType?: string, opts?: FireOptions): TriggerRun[] {
    return this.act(() => this.rt.fireChange(changeType, opts));
  }
  fireOpen(authMode?: AuthMode, opts?: FireOptions): TriggerRun[] {
    return this.act(() => this.rt.fireOpen(authMode, opts));
  }
}
