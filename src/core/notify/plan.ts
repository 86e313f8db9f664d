// Which emails to send, most important first: a digest per recipient (several leads in one email) or one
// email per lead and recipient. Each email has exactly one recipient, so it costs one unit of MailApp's daily
// recipient quota and no address sees another's leads.

/** An alert waiting for delivery, with the recipients it still has to reach. */
export interface DueAlert {
  key: string;
  score: number;
  /** Recipients not yet sent this alert. */
  to: string[];
}

export interface Outgoing {
  to: string;
  /** Lead keys in the email, highest score first. */
  keys: string[];
  /** Highest score in the email: the send order. */
  topScore: number;
}

/** A digest lists at most this many leads; more leads for one recipient make another email. */
export const MAX_LEADS_PER_EMAIL = 25;

const byScore = (a: DueAlert, b: DueAlert) =>
  b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function planEmails(alerts: readonly DueAlert[], mode: "digest" | "each"): Outgoing[] {
  const sorted = [...alerts].sort(byScore);
  const out: Outgoing[] = [];
  if (mode === "each") {
    for (const a of sorted) for (const to of a.to) out.push({ to, keys: [a.key], topScore: a.score });
  } else {
    const perRecipient = new Map<string, DueAlert[]>();
    for (const a of sorted) {
      for (const to of a.to) {
        const list = perRecipient.get(to) ?? [];
        list.push(a);
        perRecipient.set(to, list);
      }
    }
    for (const [to, list] of perRecipient) {
      for (let i = 0; i < list.length; i += MAX_LEADS_PER_EMAIL) {
        const chunk = list.slice(i, i + MAX_LEADS_PER_EMAIL);
        out.push({ to, keys: chunk.map((a) => a.key), topScore: chunk[0].score });
      }
    }
  }
  // Stable: within equal scores, the order above (score, key, recipient) holds.
  return out
    .map((o, i) => ({ o, i }))
    .sort((a, b) => b.o.topScore - a.o.topScore || a.i - b.i)
    .map(({ o }) => o);
}
