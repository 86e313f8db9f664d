// The people sharing the spreadsheet: who is at the keyboard, and whom each execution runs as.
// Google's rules (developers.google.com/apps-script/guides/triggers/installable, reference/base/session):
// - "Installable triggers always run under the account of the person who created them": the effective
//   user of a trigger's run is its owner, whoever caused the event.
// - getActiveUser(): "the user's email address is not available in any context that allows a script to
//   run without that user's authorization, like a simple onOpen(e) or onEdit(e) trigger", and "these
//   restrictions generally do not apply if the developer runs the script themselves". So the active user
//   is blank ("") whenever the run is not authorized by the person at the keyboard (see identityFor).

/** Who an execution runs as: the effective user (whose authority, whose triggers and user properties) and
 * the active user as getActiveUser() reports it ("" when Google withholds it). */
export interface Identity {
  effective: string;
  active: string;
}

/** How an execution starts, for the identity rules above. */
export type Start =
  | { kind: "direct" } // menu item, sidebar RPC, script editor: the user at the keyboard, authorized
  | { kind: "simple" } // simple trigger (onOpen/onEdit): the user at the keyboard, unauthorized
  | { kind: "installable"; owner: string; byKeyboard: boolean }; // a trigger: its owner

export class Users {
  /** The spreadsheet's owner (and the script's developer): option `user`. */
  readonly owner: string;
  /** Everyone who can edit: the owner first, then option `users`. */
  readonly editors: readonly string[];
  /** The user whose actions the runtime's methods perform now (rt.as switches it). */
  private keyboard: string;

  constructor(owner: string, others: readonly string[] = []) {
    this.owner = owner;
    this.editors = [owner, ...others.filter((e) => e !== owner)];
    this.keyboard = owner;
  }

  get atKeyboard(): string {
    return this.keyboard;
  }

  /** `email`, when it is an editor of the spreadsheet; throws otherwise. */
  check(email: string): string {
    if (!this.editors.includes(email)) {
      throw new Error(`${email} is not an editor of this spreadsheet; editors: ${this.editors.join(", ")}`);
    }
    return email;
  }

  /** Runs `fn` with `email` at the keyboard (an editor of the spreadsheet). */
  actAs<T>(email: string, fn: () => T): T {
    this.check(email);
    const outer = this.keyboard;
    this.keyboard = email;
    try {
      return fn();
    } finally {
      this.keyboard = outer;
    }
  }

  /** The identity of an execution started now. */
  identityFor(start: Start): Identity {
    const me = this.keyboard;
    if (start.kind === "direct") return { effective: me, active: me };
    if (start.kind === "simple") return { effective: me, active: me === this.owner ? me : "" };
    // A trigger fired by someone else's action runs without that person's authorization: blank active
    // user. A time-driven or form trigger has no one at the keyboard: its owner is the active user too.
    const active = !start.byKeyboard || start.owner === me ? start.owner : "";
    return { effective: start.owner, active };
  }
}

/** A store per user, made on first use (user properties, user caches). */
export class PerUser<T> {
  private readonly stores = new Map<string, T>();
  constructor(private readonly make: () => T) {}
  of(email: string): T {
    let store = this.stores.get(email);
    if (!store) {
      store = this.make();
      this.stores.set(email, store);
    }
    return store;
  }
  /** Every user's store made so far (what a saved workbook keeps, saved-state.ts). */
  entries(): IterableIterator<[string, T]> {
    return this.stores.entries();
  }
}
