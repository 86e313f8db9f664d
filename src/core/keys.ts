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
let _touchSink = 0;
/** Longer keys take the Map (and fit the 16-bit length in `span`). */
const MAX_FAST = 4096;

/** Whitespace that String.prototype.trim removes, ASCII part: \t \n \v \f \r and space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Set by foldedHash: whether the text had an ASCII capital. */
let sawUpper = false;

/** FNV-1a of s[lo..hi) with A–Z folded to a–z, mixed and made non-negative; -1 on a non-ASCII char. */
function foldedHash(s: string, lo: number, hi: number): number {
  let h = 0x811c9dc5 | 0;
  let upper = false;
  for (let i = lo; i < hi; i++) {
    let c = s.charCodeAt(i);
    if (c >= 128) return -1;
    if (c >= 65 && c <= 90) {
      c += 32;
      upper = true;
    }
    h = Math.imul(h ^ c, 16777619);
  }
  sawUpper = upper;
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/**
 * Replaces each string with a flat copy (its characters in one object, not behind a slice or a
 * concatenation), the copies made one after another so that they sit together in memory. One JSON
 * round trip makes them all in native code, about twice as fast as copying them one by one.
 */
function flatCopies(strings: string[]): void {
  const copies = JSON.parse(JSON.stringify(strings)) as string[];
  for (let i = 0; i < strings.length; i++) strings[i] = copies[i];
}

/** span value of a key cell that needs no trimming or lower-casing. */
const EXACT = -1;

/**
 * The lead keys (flat copies, index = id) and an open-addressing table of their ids, at most half full.
 * Built apart from resolveKeys so that the callback's captured variables stay out of its hot loops.
 */
function keyTable(groups: ReadonlyMap<string, number>) {
  // Lead keys as flat strings (compact to compare, copied below), ids in a table at most half full.
  const keys = new Array<string>(groups.size).fill("");
  let cap = 16;
  while (cap < groups.size * 2) cap *= 2;
  const mask = cap - 1;
  const slotId = new Int32Array(cap).fill(-1);
  const slotHash = new Int32Array(cap);
  // forEach, not `for…of` over the entries: that makes a [key, id] pair per lead (before the loop is
  // optimized, also an iterator result), all garbage at once.
  groups.forEach((id, k) => {
    // Non-ASCII and very long keys are only ever found through the Map.
    const h = k.length <= MAX_FAST ? foldedHash(k, 0, k.length) : -1;
    if (h < 0) return;
    keys[id] = k;
    let p = h & mask;
    while (slotId[p] >= 0) p = (p + 1) & mask;
    slotId[p] = id;
    slotHash[p] = h;
  });
  flatCopies(keys);
  return { keys, mask, slotId, slotHash };
}

/**
 * Group id per grid row (row 0 and missing rows: UNKNOWN_KEY) for the key cells in column `col`:
 * `groups.get(cellText(cell).toLowerCase())`, UNKNOWN_KEY when absent, BLANK_KEY when blank.
 * `groups` maps normalized keys to ids 0..size-1.
 */
export function resolveKeys(grid: Grid, col: number, groups: ReadonlyMap<string, number>): Int32Array {
  const { keys, mask, slotId, slotHash } = keyTable(groups);
  const n = grid.length;
  const out = new Int32Array(n).fill(UNKNOWN_KEY);
  /** EXACT, or (start of the trimmed key << 16) | its length. */
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
    const h = lo < 0x7fff && hi - lo <= MAX_FAST ? foldedHash(raw, lo, hi) : -1;
    out[r] = h < 0 ? SLOW : h;
    span[r] = lo === 0 && hi === raw.length && !sawUpper ? EXACT : (lo << 16) | (hi - lo);
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
  // Pass 3: compare the text; hash collisions and the rest take the Map. Each block first touches its
  // candidates' keys in a loop of independent loads, so their cache misses overlap instead of queueing
  // behind the comparisons.
  const memo = new Map<CellValue | undefined, number>();
  const BLOCK = 1024;
  let touched = 0;
  for (let b0 = 1; b0 < n; b0 += BLOCK) {
    const b1 = Math.min(b0 + BLOCK, n);
    for (let r = b0; r < b1; r++) {
      const id = out[r];
      if (id >= 0) touched ^= keys[id].length;
    }
    for (let r = b0; r < b1; r++) {
      const id = out[r];
      if (id >= 0) {
        const raw = grid[r][col] as string;
        const key = keys[id];
        const sp = span[r];
        if (sp === EXACT) {
          if (raw === key) continue;
        } else if (key.length === (sp & 0xffff)) {
          const lo = sp >>> 16;
          let i = 0;
          for (; i < key.length; i++) {
            let c = raw.charCodeAt(lo + i);
            if (c >= 65 && c <= 90) c += 32;
            if (c !== key.charCodeAt(i)) break;
          }
          if (i === key.length) continue;
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
  }
  _touchSink = touched; // an observable store keeps the touching loops from being optimized away
  return out;
}
