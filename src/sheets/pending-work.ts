// Work a run could not do because another run held the document lock: a form response, an edit, a rescore
// of everything. It is kept durably in document properties, one property per item under a key no other run
// can pick (time, then a UUID), so runs that queue at the same moment (without the lock) never overwrite
// each other; the run that holds the lock does the items it read and deletes exactly those. Items hold
// references (the response's row, the edited rows), never rows: each stays near 100 bytes, far below the
// 9 KB a value and 500 KB a store that document properties allow.
const PREFIX = "leadscore.pending.";

export type PendingItem =
  /** A form response, by its row in the responses tab (read again when done, so an edit of it counts). */
  | { kind: "form"; sheet: string; row: number }
  /** A form response with no responses tab: its answers (a form has a handful of short ones). */
  | { kind: "form"; answers: Record<string, string[]> }
  /** An edit of Leads or the Activity Log: the leads these rows touch are rescored. */
  | { kind: "edit"; tab: string; firstRow: number; lastRow: number }
  /** The matrix, Settings, Lists or a header changed: every lead is rescored. */
  | { kind: "all" };

export interface Pending<I extends PendingItem = PendingItem> {
  key: string;
  item: I;
}

export type PendingOf<K extends PendingItem["kind"]> = Pending<Extract<PendingItem, { kind: K }>>;

const store = () => PropertiesService.getDocumentProperties();

export function queueWork(item: PendingItem): void {
  // Zero-padded time first, so keys sort in the order the work arrived.
  const key = `${PREFIX}${String(Date.now()).padStart(15, "0")}.${Utilities.getUuid()}`;
  store().setProperty(key, JSON.stringify(item));
}

/** Every queued item, oldest first (one read of the store). */
export function pendingWork(): Pending[] {
  const all = store().getProperties();
  const out: Pending[] = [];
  for (const key of Object.keys(all).sort()) {
    if (!key.startsWith(PREFIX)) continue;
    try {
      out.push({ key, item: JSON.parse(all[key]) as PendingItem });
    } catch {
      // Not ours to guess at: leave it.
    }
  }
  return out;
}

export function ofKind<K extends PendingItem["kind"]>(items: Pending[], kind: K): PendingOf<K>[] {
  return items.filter((p) => p.item.kind === kind) as PendingOf<K>[];
}

/** Deletes the items done (by key: items queued since are kept). */
export function donePending(keys: readonly string[]): void {
  const props = store();
  for (const key of keys) props.deleteProperty(key);
}
