// A short id per alert (lead key + tier + queued time) for the send journal, which must stay far below the
// 9 KB limit of one document property. Two 32-bit FNV-1a hashes with different offsets: 64 bits, so a
// collision among the few thousand alerts pending at once is practically impossible.
import type { PendingAlert } from "./types";

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function alertId(key: string, alert: Pick<PendingAlert, "tier" | "queuedAt">): string {
  const text = `${key}\u0001${alert.tier.toLowerCase()}\u0001${alert.queuedAt}`;
  return fnv1a(text, 0x811c9dc5).toString(36) + fnv1a(text, 0x050c5d1f).toString(36).padStart(7, "0");
}
