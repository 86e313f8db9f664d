// Lead keys of the Activity Log, resolved to lead groups for all rows at once. With 100,000 leads and a
// million activities, a Map probe per row is bound by cache misses (the table and the lead's key string
// sit anywhere in a large heap), and one probe's misses cannot overlap the next's. Here each pass is a
// tight loop over typed arrays: hash every key (trim and ASCII lower-casing folded in, nothing
// allocated), find candidates in a compact open-addressing table, then verify each candidate against
// the lead's characters in one flat buffer. Text the fold cannot handle exactly (non-ASCII, non-text
// cells, very long keys) takes the Map, so the result is the same as normalizing and looking up.
import type { CellValue, Grid } from "./types";
import { cellText } from "./values";

export const UNKNOWN_KEY = -1;
export const BLANK_KEY = -2;
/** Internal: the row takes the Map path. */
const SLOW = -3;

/** Whitespace that String.prototype.trim removes, ASCII part: \t \n \v \f \r and space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** FNV-1a of s[lo..hi) with A–Z folded to a–z, mixed and made non-negative; -1 on a non-ASCII char. */
function foldedHash(s: string, lo: number, hi: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = lo; i < hi; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return -1;
    if (c >= 65 && c <= 90) c += 32;
    h = Math.imul(h ^ c, 16777619);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/**
 * Group id per grid row (row 0 and missing rows: UNKNOWN_KEY) for the key cells in column `col`:
 * `groups.get(cellText(cell).toLowerCase())`, UNKNOWN_KEY when absent, BLANK_KEY when blank.
 * `groups` maps normalized keys to ids 0..size-1.
 */
export function resolveKeys(grid: Grid, col: number, groups: ReadonlyMap<string, number>): Int32Array {
  // Lead keys: characters in one buffer, ids in a table at most half full.
  const nKeys = groups.size;
  const off = new Int32Array(nKeys + 1);
  for (const [k, id] of groups) off[id + 1] = k.length;
  for (let i = 0; i < nKeys; i++) off[i + 1] += off[i];
  const chars = new Uint16Array(off[nKeys]);
  let cap = 16;
  while (cap < nKeys * 2) cap *= 2;
  const mask = cap - 1;
  const slotId = new Int32Array(cap).fill(-1);
  const slotHash = new Int32Array(cap);
  for (const [k, id] of groups) {
    for (let i = 0, o = off[id]; i < k.length; i++) chars[o + i] = k.charCodeAt(i);
    const h = foldedHash(k, 0, k.length);
    if (h < 0) continue; // non-ASCII keys are only ever found through the Map
    let p = h & mask;
    while (slotId[p] >= 0) p = (p + 1) & mask;
    slotId[p] = id;
    slotHash[p] = h;
  }

  const n = grid.length;
  const out = new Int32Array(n).fill(UNKNOWN_KEY);
  /** (start of the trimmed key << 16) | its length. */
  const span = new Int32Array(n);
  // Pass 1: hash (kept in `out` until pass 2 replaces it with a candidate id).
  for (let r = 1; r < n; r++) {
    const raw = grid[r]?.[col];
    if (typeof raw !== "string") {
      out[r] = SLOW;
      continue;
    }
    let lo = 0;
    let hi = raw.length;
    while (lo < hi && isAsciiSpace(raw.charCodeAt(lo))) lo++;
    while (hi > lo && isAsciiSpace(raw.charCodeAt(hi - 1))) hi--;
    if (lo === hi) {
      out[r] = BLANK_KEY;
      continue;
    }
    const h = lo < 0x7fff && hi - lo < 0x10000 ? foldedHash(raw, lo, hi) : -1;
    out[r] = h < 0 ? SLOW : h;
    span[r] = (lo << 16) | (hi - lo);
  }
  // Pass 2: the first slot holding the same hash (verified below), or UNKNOWN_KEY.
  for (let r = 1; r < n; r++) {
    const h = out[r];
    if (h < 0) continue;
    let p = h & mask;
    let id = slotId[p];
    while (id >= 0 && slotHash[p] !== h) {
      p = (p + 1) & mask;
      id = slotId[p];
    }
    out[r] = id >= 0 ? id : UNKNOWN_KEY;
  }
  // Pass 3: compare characters; hash collisions and the rest take the Map.
  const memo = new Map<CellValue | undefined, number>();
  for (let r = 1; r < n; r++) {
    const id = out[r];
    if (id >= 0) {
      const raw = grid[r][col] as string;
      const lo = span[r] >>> 16;
      const len = span[r] & 0xffff;
      const o = off[id];
      if (off[id + 1] - o === len) {
        let i = 0;
        for (; i < len; i++) {
          let c = raw.charCodeAt(lo + i);
          if (c >= 65 && c <= 90) c += 32;
          if (c !== chars[o + i]) break;
        }
        if (i === len) continue;
      }
    } else if (id !== SLOW) continue;
    const raw = grid[r]?.[col];
    let g = memo.get(raw);
    if (g === undefined) {
      const k = cellText(raw).toLowerCase();
      g = k === "" ? BLANK_KEY : (groups.get(k) ?? UNKNOWN_KEY);
      memo.set(raw, g);
    }
    out[r] = g;
  }
  return out;
}
