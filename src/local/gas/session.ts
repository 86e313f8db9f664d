// Session: the effective/active user and the script time zone.
import type { Env } from "./env";
import { userFacade } from "./spreadsheet/protection";

export class Session {
  constructor(private readonly env: Env) {}
  getActiveUser(): unknown {
    return userFacade(this.env, this.env.options.user);
  }
  getEffectiveUser(): unknown {
    return userFacade(this.env, this.env.options.user);
  }
  getScriptTimeZone(): string {
    return this.env.options.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return "en";
  }
  getTemporaryActiveUserKey(): string {
    return `local-key-${this.env.options.user}`;
  }
}
