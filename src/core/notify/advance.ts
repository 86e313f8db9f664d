// One scheduled run's bookkeeping, pure: compare every scored lead with what the add-on last knew,
// produce Score History rows, decide new announcements, and carry undelivered alerts forward.
import { tierFor } from "../tiers";
import type { Tier } from "../types";
import { normText } from "../values";
import { quietUpTo, rearm, tierNamed, toAnnounce } from "./rearm";
import type { LeadState, RunLead, TierChange } from "./types";

/** States of leads missing from the Leads tab are kept this long (a row broken for a while must not re-announce). */
export const FORGET_AFTER_DAYS = 90;

export interface AdvanceInput {
  /**
   * Known states by normalized key; null on the first run (no state yet), which records every lead's tier
   * now as known: no history rows, no announcements. (Not the Leads tab's old Tier column: a first run that
   * failed after rewriting it would make its retry see something else.)
   */
  previous: Map<string, LeadState> | null;
  leads: readonly RunLead[];
  tiers: readonly Tier[];
  margin: number;
  /** ISO time of this run. */
  now: string;
}

export interface AdvanceResult {
  /** Every lead's new state, Leads order first, then remembered leads missing from this run. */
  states: LeadState[];
  changes: TierChange[];
  /** Keys announced by this run. */
  announced: string[];
}

export function advance(input: AdvanceInput): AdvanceResult {
  const { previous, tiers, margin, now } = input;
  const states: LeadState[] = [];
  const changes: TierChange[] = [];
  const announced: string[] = [];
  const seen = new Set<string>();
  for (const lead of input.leads) {
    // Keys compare as the engine's KeyIndex does (normText: trimmed, case-insensitive, inner spaces kept),
    // not as headers do, so a state row belongs to exactly the lead the engine scored.
    const key = normText(lead.key);
    if (!key || seen.has(key)) continue; // duplicate keys: the first row speaks for the lead
    seen.add(key);
    const current = tierNamed(lead.tier, tiers) ?? tierFor(lead.score, tiers);
    const prev: LeadState | undefined = previous
      ? previous.get(key)
      : {
          key,
          name: lead.name,
          tier: current.name,
          score: lead.score,
          announced: quietUpTo(current.name, tiers),
          pending: null,
          seen: now,
        };
    if (!prev || normText(prev.tier) !== normText(current.name)) {
      changes.push({
        key: lead.key,
        oldTier: prev?.tier ?? "",
        newTier: current.name,
        oldScore: prev ? prev.score : null,
        newScore: lead.score,
        reasons: lead.reasons,
      });
    }
    const marker = rearm(prev?.announced ?? "", lead.score, tiers, margin);
    // An undelivered alert stays until delivered, even if the lead has cooled since (the email shows the
    // score now); a new announcement for the lead replaces it.
    let pending = prev?.pending ?? null;
    const announce = toAnnounce(current, marker, tiers);
    if (announce) {
      pending = { tier: announce.name, queuedAt: now, deliveredTo: [] };
      announced.push(key);
    }
    states.push({
      key,
      name: lead.name,
      tier: current.name,
      score: lead.score,
      announced: announce ? announce.name : marker,
      pending,
      seen: now,
    });
  }
  const forgetBefore = Date.parse(now) - FORGET_AFTER_DAYS * 86_400_000;
  for (const [key, s] of previous ?? []) {
    if (!seen.has(key) && Date.parse(s.seen) >= forgetBefore) states.push(s);
  }
  return { states, changes, announced };
}
