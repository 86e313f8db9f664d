// Lead keys (trimmed, case-insensitive) → lead ids, for Leads and for every Activity Log row. With
// 100,000 leads and a million activities a Map probe per row is bound by cache misses (its table, the
// key string and the lead's string sit anywhere in a large heap), and one probe's misses cannot overlap
// the next's. Here an ASCII key is hashed with the trim and lower-casing folded in (nothing allocated),
// found in a compact open-addressing table, then compared with the lead's key; each step runs over a
// block of rows so that the cache misses of neighbouring rows overlap. A key whose normalized text is
// not ASCII lives in a Map; any other cell (non-ASCII text, numbers, dates, very long text) is
// normalized and looked up in the one that holds it, so the result is exactly that of normalizing
// (cellText, lower case) and looking up.
import { gridTable } from "./cell-table";
import type { CellTable, CellValue, CodedColumn, Grid } from "./types";
import { cellText } from "./values";

export const UNKNOWN_KEY = -1;
export const BLANK_KEY = -2;
/** Internal: the row takes the normalizing path. */
const SLOW = -3;
/** Longer keys take the normalizing path (and fit the 16-bit length in `span`). */
const MAX_FAST = 4096;
/** Rows per block: a block's key strings are still in cache when its keys are compared. */
const BLOCK = 1024;
/** Whitespace that String.prototype.trim removes, ASCII part: \t \n \v \f \r and space. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Set by foldedHash: whether the text had an ASCII capital. */
let sawUpper = false;

/**
 * FNV-1a over s[lo..hi) two characters at a time (half the multiplications in the chain), with A–Z
 * folded to a–z, mixed and made non-negative; -1 on a non-ASCII character.
 */
function foldedHash(s: string, lo: number, hi: number): number {
  let h = 0x811c9dc5 | 0;
  let seen = 0;
  let upper = 0;
  let i = lo;
  for (; i + 1 < hi; i += 2) {
    let a = s.charCodeAt(i);
    let b = s.charCodeAt(i + 1);
    seen |= a | b;
    // (c - 65) >>> 0 < 26: c is a capital, and + 32 lower-cases it.
    const fa = (a - 65) >>> 0 < 26 ? 32 : 0;
    const fb = (b - 65) >>> 0 < 26 ? 32 : 0;
    a += fa;
    b += fb;
    upper |= fa | fb;
    h = Math.imul(h ^ (a | (b << 8)), 16777619);
  }
  if (i < hi) {
    let a = s.charCodeAt(i);
    seen |= a;
    const fa = (a - 65) >>> 0 < 26 ? 32 : 0;
    a += fa;
    upper |= fa;
    h = Math.imul(h ^ a, 16777619);
  }
  if (seen >= 128) return -1;
  sawUpper = upper !== 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  return (h ^ (h >>> 16)) & 0x7fffffff;
}

/** span value of a key cell that needs no trimming or lower-casing. */
const EXACT = -1;

/** The distinct lead keys of a Leads tab, each with an id 0..size-1 in order of first appearance. */
export class LeadKeys {
  size = 0;
  /** Set by add: whether the last key added was new. */
  added = false;
  /** Per slot: hash, id (-1 = empty). At most half full. */
  readonly slots: Int32Array;
  readonly mask: number;
  /** Normalized key per id ("" for those in `other`). */
  readonly keys: string[] = [];
  /** Normalized keys that are not ASCII. */
  private readonly other = new Map<string, number>();

  constructor(capacity: number) {
    let cap = 16;
    while (cap < capacity * 2) cap *= 2;
    this.mask = cap - 1;
    this.slots = new Int32Array(cap * 2);
    for (let p = 0; p < cap; p++) this.slots[p * 2 + 1] = -1;
  }

  /** The id of a key cell, adding the key if new (see `added`); BLANK_KEY when blank. */
  add(raw: CellValue | undefined): number {
    this.added = false;
    const k = cellText(raw).toLowerCase();
    if (k === "") return BLANK_KEY;
    const h = k.length <= MAX_FAST ? foldedHash(k, 0, k.length) : -1;
    if (h < 0) {
      let id = this.other.get(k);
      if (id === undefined) {
        id = this.newId("");
        this.other.set(k, id);
      }
      return id;
    }
    const at = this.probe(k, h);
    if (this.slots[at + 1] >= 0) return this.slots[at + 1];
    const id = this.newId(k);
    this.slots[at] = h;
    this.slots[at + 1] = id;
    return id;
  }

  /** The id of a key cell; UNKNOWN_KEY when no lead has it, BLANK_KEY when blank. */
  find(raw: CellValue | undefined): number {
    const k = cellText(raw).toLowerCase();
    if (k === "") return BLANK_KEY;
    const h = k.length <= MAX_FAST ? foldedHash(k, 0, k.length) : -1;
    if (h < 0) return this.other.get(k) ?? UNKNOWN_KEY;
    const id = this.slots[this.probe(k, h) + 1];
    return id >= 0 ? id : UNKNOWN_KEY;
  }

  /** Offset of the slot holding normalized key k, or of the empty slot where it would go. */
  private probe(k: string, h: number): number {
    const { slots, mask, keys } = this;
    let p = h & mask;
    for (;;) {
      const at = p * 2;
      const id = slots[at + 1];
      if (id < 0 || (slots[at] === h && keys[id] === k)) return at;
      p = (p + 1) & mask;
    }
  }

  private newId(key: string): number {
    this.keys.push(key);
    this.added = true;
    return this.size++;
  }
}

/**
 * Lead id per table row (row 0 and missing rows: UNKNOWN_KEY) for the key cells in column `col`;
 * UNKNOWN_KEY when no lead has the key, BLANK_KEY when blank. A block of rows at a time: hash them
 * (reading each key once), then look up and compare while the block's keys are still in cache.
 */
export function resolveKeys(
  table: CellTable,
  col: number,
  leadKeys: LeadKeys,
  coded?: CodedColumn,
): Int32Array {
  if (coded) return resolveCoded(table, col, leadKeys, coded);
  const n = table.length;
  const out = new Int32Array(n).fill(UNKNOWN_KEY);
  // Per block row: the hash, then the candidate id; and EXACT or the key's span (lo << 16 | length).
  const cand = new Int32Array(BLOCK);
  const span = new Int32Array(BLOCK);
  // The candidate key's length, read in a pass of its own (below).
  const keyLength = new Int32Array(BLOCK);
  const { slots, mask, keys } = leadKeys;
  for (let b0 = 1; b0 < n; b0 += BLOCK) {
    const b1 = Math.min(b0 + BLOCK, n);
    for (let r = b0; r < b1; r++) {
      const raw = table.cell(r, col);
      const i = r - b0;
      cand[i] = SLOW;
      if (typeof raw !== "string") continue;
      let lo = 0;
      let hi = raw.length;
      while (lo < hi && isAsciiSpace(raw.charCodeAt(lo))) lo++;
      while (hi > lo && isAsciiSpace(raw.charCodeAt(hi - 1))) hi--;
      if (lo === hi) cand[i] = BLANK_KEY;
      else if (lo < 0x7fff && hi - lo <= MAX_FAST) {
        const h = foldedHash(raw, lo, hi);
        if (h < 0) continue;
        cand[i] = h;
        span[i] = lo === 0 && hi === raw.length && !sawUpper ? EXACT : (lo << 16) | (hi - lo);
      }
    }
    // The first slot holding the same hash (its key is compared below), or UNKNOWN_KEY. Independent
    // loads row after row, so that the cache misses of neighbouring rows overlap.
    for (let i = 0; i < b1 - b0; i++) {
      const h = cand[i];
      if (h < 0) continue;
      let at = (h & mask) * 2;
      let id = slots[at + 1];
      while (id >= 0 && slots[at] !== h) {
        at = (at + 2) & (mask * 2 + 1);
        id = slots[at + 1];
      }
      cand[i] = id >= 0 ? id : UNKNOWN_KEY;
    }
    // Read the candidates' key lengths the same way (touching each key string) before the comparisons
    // queue behind their misses.
    for (let i = 0; i < b1 - b0; i++) {
      const id = cand[i];
      if (id >= 0) keyLength[i] = keys[id].length;
    }
    for (let r = b0; r < b1; r++) {
      const i = r - b0;
      const id = cand[i];
      if (id >= 0) {
        const raw = table.cell(r, col) as string;
        const key = keys[id];
        const sp = span[i];
        const length = keyLength[i];
        if (sp === EXACT) {
          if (raw === key) {
            out[r] = id;
            continue;
          }
        } else if (length === (sp & 0xffff)) {
          const lo = sp >>> 16;
          let k = 0;
          for (; k < length; k++) {
            let c = raw.charCodeAt(lo + k);
            if (c >= 65 && c <= 90) c += 32;
            if (c !== key.charCodeAt(k)) break;
          }
          if (k === length) {
            out[r] = id;
            continue;
          }
        }
      } else if (id === UNKNOWN_KEY || id === BLANK_KEY) {
        out[r] = id;
        continue;
      }
      // Another key with the same hash (rare), or a cell the fold cannot take: normalize and look up.
      out[r] = leadKeys.find(table.cell(r, col));
    }
  }
  return out;
}

/** Values resolved at a time by resolveCoded, through one reused grid of one-cell rows. */
const VALUE_CHUNK = 4096;

/**
 * resolveKeys on a column its reader coded: each distinct value resolved once, then each row by its code
 * (a row without one reads its cell). Rows then read an array of codes and a table of a lead id per
 * value, not a key string each, scattered in the heap.
 */
function resolveCoded(
  table: CellTable,
  col: number,
  leadKeys: LeadKeys,
  { codes, values }: CodedColumn,
): Int32Array {
  // byValue[c]: the lead id of code c (values[c - 1]), resolved as the rows of a small grid (row 0 unread).
  const byValue = new Int32Array(values.length + 1).fill(UNKNOWN_KEY);
  const chunk: Grid = Array.from({ length: VALUE_CHUNK + 1 }, () => [""]);
  const chunkTable = gridTable(chunk);
  for (let v0 = 0; v0 < values.length; v0 += VALUE_CHUNK) {
    const m = Math.min(VALUE_CHUNK, values.length - v0);
    chunk.length = m + 1;
    for (let i = 1; i <= m; i++) chunk[i][0] = values[v0 + i - 1];
    byValue.set(resolveKeys(chunkTable, 0, leadKeys).subarray(1), v0 + 1);
  }
  const n = table.length;
  const out = new Int32Array(n).fill(UNKNOWN_KEY);
  const coded = Math.min(n, codes.length);
  for (let r = 1; r < n; r++) {
    const c = r < coded ? codes[r] : 0;
    out[r] = c > 0 ? byValue[c] : leadKeys.find(table.cell(r, col));
  }
  return out;
}
