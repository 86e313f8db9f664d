// Notifications waiting to be sent (kept in document properties so no run loses them).
import type { PendingNotification } from "../addon/api";
import { readState } from "./state";

export const PENDING_KEY = "leadscore.pending";

export function pendingNotifications(): PendingNotification[] {
  return readState<PendingNotification[]>(PENDING_KEY) ?? [];
}
