// The send journal: the only record written per email. Before each send the email's alerts are written as
// "in flight"; after the send they move to "sent". The state tab absorbs the journal at its next write.
// An alert still in flight when a run starts was being sent when the previous run died: it counts as sent
// (the email may have gone out, and a duplicate is what the user notices), and the run says so.
import { alertId } from "./ids";
import type { LeadState } from "./types";

export interface Delivery {
  to: string;
  ids: string[];
}

export interface Journal {
  inflight: Delivery | null;
  /** Alert ids sent per recipient since the state tab was last written. */
  sent: Record<string, string[]>;
}

export const emptyJournal = (): Journal => ({ inflight: null, sent: {} });

export function parseJournal(text: string | null): Journal {
  if (!text) return emptyJournal();
  try {
    const j = JSON.parse(text) as Partial<Journal>;
    return { inflight: j.inflight ?? null, sent: j.sent ?? {} };
  } catch {
    return emptyJournal();
  }
}

export function isEmptyJournal(j: Journal): boolean {
  return !j.inflight && Object.keys(j.sent).length === 0;
}

export function withInflight(j: Journal, d: Delivery): Journal {
  return { inflight: d, sent: j.sent };
}

export function withSent(j: Journal, d: Delivery): Journal {
  const sent = { ...j.sent, [d.to]: [...(j.sent[d.to] ?? []), ...d.ids] };
  return { inflight: null, sent };
}

/** Folds the journal into the states (in place): each journaled recipient joins its alert's deliveredTo. */
export function foldJournal(
  states: Iterable<LeadState>,
  j: Journal,
): { delivered: number; unconfirmed: number } {
  const byId = new Map<string, LeadState>();
  for (const s of states) if (s.pending) byId.set(alertId(s.key, s.pending), s);
  let delivered = 0;
  let unconfirmed = 0;
  const add = (to: string, id: string) => {
    const s = byId.get(id);
    if (!s?.pending || s.pending.deliveredTo.includes(to)) return false;
    s.pending.deliveredTo.push(to);
    return true;
  };
  for (const [to, ids] of Object.entries(j.sent)) for (const id of ids) if (add(to, id)) delivered++;
  if (j.inflight) for (const id of j.inflight.ids) if (add(j.inflight.to, id)) unconfirmed++;
  return { delivered, unconfirmed };
}
