// Session: the effective/active user of the running execution (users.ts) and the script time zone.
import type { Env } from "./env";
import { userFacade } from "./spreadsheet/protection";

export class Session {
  constructor(private readonly env: Env) {}
  /** "If security policies do not allow access to the user's identity, User.getEmail() returns a blank string." */
  getActiveUser(): unknown {
    return userFacade(this.env, this.env.identity.active);
  }
  /** "If the script is running under an installable trigger, this returns the user who created the trigger." */
  getEffectiveUser(): unknown {
    return userFacade(this.env, this.env.identity.effective);
  }
  getScriptTimeZone(): string {
    return this.env.options.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return "en";
  }
  getTemporaryActiveUserKey(): string {
    return `local-key-${this.env.identity.active}|${this.env.identity.effective}`;
  }
}
