// One lead's scoring state (docs/design/incremental-state.md): what is left of its activity history once
// everything that can no longer count is dropped, as of a time P. Evaluated at any T ≥ P it gives the same
// counts and weights as walking the whole history, in the same order and with the same arithmetic, so the
// scores agree to the last bit. Kept as one short text cell per lead.
import { DAY_MS } from "../time";

/** How an activity rule's candidates are kept (fixed by the rule, see ruleKeep). */
export interface SlotRule {
  maxCount: number;
  withinDays: number;
  /** Days; 0 = no decay. */
  halfLife: number;
}

export interface LeadState {
  /** Epoch ms the lists were last pruned at: evaluation needs T ≥ asOf. */
  asOf: number;
  /** Per static lead rule (model order): 1 when the lead's row matches it. */
  leadBits: string;
  /** The Created cell as epoch ms (NaN when blank or not a date), for Days Since Created. */
  created: number;
  /** Indexed activities (any event) at or before asOf, and the newest of them (NaN when none). */
  pastCount: number;
  lastPast: number;
  /** Indexed activities after asOf (future-dated), newest first. */
  future: number[];
  /** Per activity rule slot: matching activities that still count, or will, newest first. */
  slots: number[][];
  /** Per slot: activities at or before asOf folded into a count (rules with no cap, window or decay). */
  folded: number[];
}

/** A rule with no cap, no window and no decay counts every past activity at weight 1: a count suffices. */
function folds(rule: SlotRule): boolean {
  return (
    rule.maxCount === Number.POSITIVE_INFINITY &&
    rule.withinDays === Number.POSITIVE_INFINITY &&
    rule.halfLife <= 0
  );
}

/** Inserts `ts` into a newest-first list (after equal timestamps: ties weigh alike). */
function insertNewestFirst(list: number[], ts: number): void {
  let i = list.length;
  while (i > 0 && list[i - 1] < ts) i--;
  list.splice(i, 0, ts);
}

/**
 * Drops what can never count at any T ≥ p: past activities beyond the cap or the window (the cap's
 * newest ones are all at or before T, so an older one stays beyond it; ages only grow). Folding rules
 * keep a count of the past ones instead.
 */
function pruneSlot(
  list: number[],
  rule: SlotRule,
  p: number,
  folded: number,
): { list: number[]; folded: number } {
  const kept: number[] = [];
  let past = 0;
  for (const ts of list) {
    if (ts > p) {
      kept.push(ts);
      continue;
    }
    if (folds(rule)) {
      folded++;
      continue;
    }
    if (past >= rule.maxCount || (p - ts) / DAY_MS > rule.withinDays) continue;
    past++;
    kept.push(ts);
  }
  return { list: kept, folded };
}

/** A lead with no activity, as of `asOf`. */
export function emptyState(
  asOf: number,
  rules: readonly SlotRule[],
  leadBits: string,
  created: number,
): LeadState {
  return {
    asOf,
    leadBits,
    created,
    pastCount: 0,
    lastPast: Number.NaN,
    future: [],
    slots: rules.map(() => []),
    folded: rules.map(() => 0),
  };
}

/** Adds one indexed activity at `ts` that the slots in `matched` count (then prunes at the state's asOf). */
export function addActivity(
  state: LeadState,
  rules: readonly SlotRule[],
  ts: number,
  matched: readonly number[],
): void {
  if (ts > state.asOf) insertNewestFirst(state.future, ts);
  else {
    state.pastCount++;
    if (!(state.lastPast >= ts)) state.lastPast = ts;
  }
  for (const j of matched) {
    insertNewestFirst(state.slots[j], ts);
    const pruned = pruneSlot(state.slots[j], rules[j], state.asOf, state.folded[j]);
    state.slots[j] = pruned.list;
    state.folded[j] = pruned.folded;
  }
}

/** Moves the state forward to `t` ≥ its asOf: the form a fresh build at `t` has. */
export function advance(state: LeadState, rules: readonly SlotRule[], t: number): void {
  if (t < state.asOf) throw new RangeError("A lead state cannot move back in time.");
  state.asOf = t;
  const future: number[] = [];
  for (const ts of state.future) {
    if (ts > t) future.push(ts);
    else {
      state.pastCount++;
      if (!(state.lastPast >= ts)) state.lastPast = ts;
    }
  }
  state.future = future;
  for (let j = 0; j < rules.length; j++) {
    const pruned = pruneSlot(state.slots[j], rules[j], t, state.folded[j]);
    state.slots[j] = pruned.list;
    state.folded[j] = pruned.folded;
  }
}

/** Scratch of slotTotals: count and summed weight per slot. */
export interface SlotTotals {
  count: Int32Array;
  weight: Float64Array;
}

/**
 * Counts and weights at T ≥ asOf, exactly as BoundMatrix.evaluate walks a lead's activities: newest first,
 * skipping future ones, up to the cap inside the window, weight 0.5^(age / half-life) (1 when not decayed).
 */
export function slotTotals(state: LeadState, rules: readonly SlotRule[], t: number, out: SlotTotals): void {
  for (let j = 0; j < rules.length; j++) {
    const rule = rules[j];
    const hl = rule.halfLife;
    let count = 0;
    let weight = 0;
    for (const ts of state.slots[j]) {
      if (ts > t) continue;
      const age = (t - ts) / DAY_MS;
      if (count >= rule.maxCount || age > rule.withinDays) continue;
      count++;
      if (hl > 0 && age > 0) weight += 0.5 ** (age / hl);
      else weight += 1;
    }
    // Folded activities weigh 1 each, and so does every other of this rule's: the sum is an integer either way.
    out.count[j] = count + state.folded[j];
    out.weight[j] = weight + state.folded[j];
  }
}

/** Activity Count and Days Since Last Activity at T ≥ asOf, as derived-columns.ts computes them. */
export function activitySummary(state: LeadState, t: number): { count: number; daysSinceLast: number } {
  let count = state.pastCount;
  let last = state.lastPast;
  for (const ts of state.future) {
    if (ts > t) continue;
    count++;
    if (!(last >= ts)) last = ts;
  }
  return { count, daysSinceLast: Number.isNaN(last) ? Number.NaN : (t - last) / DAY_MS };
}

// The text form: fields separated by "|", lists by ",", a folded count before "~". Integral epoch ms are
// written in base 36 (exact up to 2^53); anything else as "!" and JavaScript's round-trip decimal.
export const STATE_VERSION = 1;

function encodeTs(ts: number): string {
  if (Number.isNaN(ts)) return "";
  return Number.isSafeInteger(ts) ? ts.toString(36) : `!${String(ts)}`;
}

function decodeTs(text: string): number {
  if (text === "") return Number.NaN;
  if (text.startsWith("!")) return Number(text.slice(1));
  return parseInt(text, 36);
}

const list = (text: string) => (text === "" ? [] : text.split(",").map(decodeTs));

export function encodeState(s: LeadState): string {
  const slots = s.slots.map(
    (l, j) => (s.folded[j] > 0 ? `${s.folded[j].toString(36)}~` : "") + l.map(encodeTs).join(","),
  );
  return [
    encodeTs(s.asOf),
    s.leadBits,
    encodeTs(s.created),
    s.pastCount.toString(36),
    encodeTs(s.lastPast),
    s.future.map(encodeTs).join(","),
    ...slots,
  ].join("|");
}

/** null when the text is not a state for `slotCount` slots (then the caller reads everything again). */
export function decodeState(text: string, slotCount: number, leadRuleCount: number): LeadState | null {
  const f = text.split("|");
  if (f.length !== 6 + slotCount || f[1].length !== leadRuleCount || !/^[01]*$/.test(f[1])) return null;
  const folded: number[] = [];
  const slots = f.slice(6).map((field) => {
    const at = field.indexOf("~");
    folded.push(at < 0 ? 0 : parseInt(field.slice(0, at), 36));
    return list(at < 0 ? field : field.slice(at + 1));
  });
  const state: LeadState = {
    asOf: decodeTs(f[0]),
    leadBits: f[1],
    created: decodeTs(f[2]),
    pastCount: parseInt(f[3], 36),
    lastPast: decodeTs(f[4]),
    future: list(f[5]),
    slots,
    folded,
  };
  const numbers = [state.asOf, state.pastCount, ...folded, ...state.future, ...slots.flat()];
  return numbers.every((x) => Number.isFinite(x)) ? state : null;
}

export function copyState(s: LeadState): LeadState {
  return { ...s, future: s.future.slice(), slots: s.slots.map((l) => l.slice()), folded: s.folded.slice() };
}
