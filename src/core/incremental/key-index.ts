// Lead key → Leads rows, kept in hash buckets (one text cell each), so that a run finds the rows of an
// activity's lead by reading one cell instead of the key column. A key with no rows is in the Activity Log
// but not in Leads: a lead added with it later has history the states never saw.
import { normText } from "../values";

/** Keys per bucket the index aims at (a bucket cell then holds about 1 KB). */
const PER_BUCKET = 32;

export function bucketCount(leads: number): number {
  return Math.max(16, Math.ceil(leads / PER_BUCKET));
}

/** FNV-1a over the normalized key's UTF-16 units. */
export function bucketOf(key: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

export type Bucket = Map<string, number[]>;

export function decodeBucket(text: string): Bucket | null {
  if (text === "") return new Map();
  try {
    const parsed = JSON.parse(text) as Record<string, number[]>;
    return new Map(Object.entries(parsed));
  } catch {
    return null;
  }
}

export function encodeBucket(bucket: Bucket): string {
  return bucket.size === 0 ? "" : JSON.stringify(Object.fromEntries(bucket));
}

/** The buckets of a whole workbook: each scored row under its key, and the log's keys no lead has. */
export function buildBuckets(keys: readonly string[], orphans: Iterable<string>, buckets: number): string[] {
  const maps: Bucket[] = Array.from({ length: buckets }, () => new Map());
  keys.forEach((key, r) => {
    if (key === "") return;
    const m = maps[bucketOf(key, buckets)];
    const rows = m.get(key);
    if (rows) rows.push(r + 1);
    else m.set(key, [r + 1]);
  });
  for (const key of orphans) {
    const m = maps[bucketOf(key, buckets)];
    if (!m.has(key)) m.set(key, []);
  }
  return maps.map(encodeBucket);
}

export const indexKey: (v: Parameters<typeof normText>[0]) => string = normText;
