// PropertiesService: string key/value stores per scope, with Google's limits (9 KB a value, 500 KB a store).
import type { Env } from "./env";
import type { PerUser } from "./users";

const MAX_VALUE_BYTES = 9 * 1024;
const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export class Properties {
  constructor(
    private readonly env: Env,
    readonly _map: Map<string, string>,
  ) {}
  private size(extra: Map<string, string>): number {
    let n = 0;
    const merged = new Map([...this._map, ...extra]);
    for (const [k, v] of merged) n += bytes(k) + bytes(v);
    return n;
  }
  private check(entries: Map<string, string>): void {
    for (const [k, v] of entries) {
      if (!k) throw new Error("Invalid argument: key");
      if (bytes(v) > MAX_VALUE_BYTES) throw new Error("Argument too large: value");
    }
    if (this.size(entries) > MAX_STORE_BYTES) {
      throw new Error(
        "You have exceeded the property storage quota. Please remove some properties and try again.",
      );
    }
  }
  getProperty(key: string): string | null {
    return this._map.get(String(key)) ?? null;
  }
  setProperty(key: string, value: unknown): this {
    const entry = new Map([[String(key), String(value)]]);
    this.check(entry);
    this._map.set(String(key), String(value));
    return this;
  }
  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const entries = new Map(Object.entries(properties).map(([k, v]) => [k, String(v)] as [string, string]));
    if (deleteAllOthers) {
      const saved = new Map(this._map);
      this._map.clear();
      try {
        this.check(entries);
      } catch (e) {
        for (const [k, v] of saved) this._map.set(k, v);
        throw e;
      }
    } else this.check(entries);
    for (const [k, v] of entries) this._map.set(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    return this.env.realm.plain(Object.fromEntries(this._map));
  }
  getKeys(): string[] {
    return this.env.realm.plain([...this._map.keys()]);
  }
  deleteProperty(key: string): this {
    this._map.delete(String(key));
    return this;
  }
  deleteAllProperties(): this {
    this._map.clear();
    return this;
  }
}

export class PropertiesService {
  constructor(
    private readonly env: Env,
    readonly _stores: {
      document: Map<string, string>;
      script: Map<string, string>;
      user: PerUser<Map<string, string>>;
    },
  ) {}
  getDocumentProperties(): Properties {
    return this.env.wrap(new Properties(this.env, this._stores.document), "Properties");
  }
  getScriptProperties(): Properties {
    return this.env.wrap(new Properties(this.env, this._stores.script), "Properties");
  }
  /** "A property store that only the current user can access": the effective user's (users.ts). */
  getUserProperties(): Properties {
    const store = this._stores.user.of(this.env.identity.effective);
    return this.env.wrap(new Properties(this.env, store), "Properties");
  }
}
