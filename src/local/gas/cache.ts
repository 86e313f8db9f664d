// CacheService: string caches per scope, entries expiring by the runtime clock (default 10 min, max 6 h).
import type { Env } from "./env";
import type { PerUser } from "./users";

const MAX_KEY = 250;
const MAX_VALUE_BYTES = 100 * 1024;
const MAX_TTL_S = 21600;

export type CacheMap = Map<string, { value: string; expires: number }>;

export class Cache {
  constructor(
    private readonly env: Env,
    private readonly map: CacheMap,
  ) {}
  private live(key: string): string | null {
    const e = this.map.get(key);
    if (!e) return null;
    if (this.env.clock.now() >= e.expires) {
      this.map.delete(key);
      return null;
    }
    return e.value;
  }
  private store(key: string, value: unknown, ttl?: number): void {
    const k = String(key);
    const v = String(value);
    if (k.length > MAX_KEY) throw new Error("Argument too large: key");
    if (Buffer.byteLength(v, "utf8") > MAX_VALUE_BYTES) throw new Error("Argument too large: value");
    const seconds = Math.min(ttl ?? 600, MAX_TTL_S);
    this.map.set(k, { value: v, expires: this.env.clock.now() + seconds * 1000 });
  }
  get(key: string): string | null {
    return this.live(String(key));
  }
  getAll(keys: string[]): Record<string, string> {
    const out: Record<string, string> = {};
    for (const k of keys) {
      const v = this.live(String(k));
      if (v !== null) out[k] = v;
    }
    return this.env.realm.plain(out);
  }
  put(key: string, value: unknown, expirationInSeconds?: number): void {
    this.store(key, value, expirationInSeconds);
  }
  putAll(values: Record<string, unknown>, expirationInSeconds?: number): void {
    for (const [k, v] of Object.entries(values)) this.store(k, v, expirationInSeconds);
  }
  remove(key: string): void {
    this.map.delete(String(key));
  }
  removeAll(keys: string[]): void {
    for (const k of keys) this.map.delete(String(k));
  }
}

export class CacheService {
  constructor(
    private readonly env: Env,
    readonly _stores: { document: CacheMap; script: CacheMap; user: PerUser<CacheMap> },
  ) {}
  getDocumentCache(): Cache {
    return this.env.wrap(new Cache(this.env, this._stores.document), "Cache");
  }
  getScriptCache(): Cache {
    return this.env.wrap(new Cache(this.env, this._stores.script), "Cache");
  }
  getUserCache(): Cache {
    return this.env.wrap(new Cache(this.env, this._stores.user.of(this.env.identity.effective)), "Cache");
  }
}
