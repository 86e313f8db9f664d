// Announce once, re-arm with a margin. A lead entering a notify tier is announced; the tier (and every
// notify tier below it) then stays quiet until the score falls `margin` points below that tier's minimum,
// so a lead hovering at a threshold does not send an email every day. "At least margin points below":
// with margin 5, a Sales-ready minimum of 86 re-arms at 81 or less.
import type { Tier } from "../types";
import { normText } from "../values";

export function tierNamed(name: string, tiers: readonly Tier[]): Tier | undefined {
  const want = normText(name);
  return want ? tiers.find((t) => normText(t.name) === want) : undefined;
}

/** The highest notify tier at or below `tier` ("" when none): what a lead known to be in `tier` has had announced. */
export function quietUpTo(tier: string, tiers: readonly Tier[]): string {
  const t = tierNamed(tier, tiers);
  if (!t) return "";
  let best: Tier | undefined;
  for (const x of tiers)
    if (x.notify && x.minScore <= t.minScore && (!best || x.minScore > best.minScore)) best = x;
  return best?.name ?? "";
}

/** Re-armed = out of the tier and at least `margin` points below its minimum (margin 0: just out of it). */
function stillQuiet(score: number, t: Tier, margin: number): boolean {
  return score >= t.minScore || score > t.minScore - margin;
}

/**
 * The announced marker after re-arming: the highest quiet notify tier the score is still within `margin`
 * of. A marker naming a tier that no longer exists is dropped (the lead may be announced again).
 */
export function rearm(announced: string, score: number, tiers: readonly Tier[], margin: number): string {
  const top = tierNamed(announced, tiers);
  if (!top) return "";
  let best: Tier | undefined;
  for (const t of tiers) {
    if (!t.notify || t.minScore > top.minScore || !stillQuiet(score, t, margin)) continue;
    if (!best || t.minScore > best.minScore) best = t;
  }
  return best?.name ?? "";
}

/** The tier to announce now (or null), given the re-armed marker and the lead's current tier. */
export function toAnnounce(current: Tier, marker: string, tiers: readonly Tier[]): Tier | null {
  if (!current.notify) return null;
  const quiet = tierNamed(marker, tiers);
  return quiet && quiet.minScore >= current.minScore ? null : current;
}
