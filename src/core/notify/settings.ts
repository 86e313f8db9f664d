// Notification settings from the Settings tab's Setting | Value rows (outside checks can set them there).
import type { CellValue } from "../types";
import { cellText, normText, parseNumber } from "../values";
import type { NotifySettings } from "./types";

export const NOTIFY_SETTINGS = {
  emails: "Notify emails",
  ownerColumn: "Owner column",
  mode: "Notify mode",
  rearmMargin: "Re-arm margin",
} as const;

export const DEFAULT_REARM_MARGIN = 5;

/** A plain address (no display name): what MailApp accepts in `to` and what an Owner cell should hold. */
const EMAIL = /^[^\s@,;<>"']+@[^\s@,;<>"']+\.[^\s@,;<>"']+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** `values` is Settings.values: keys are normalized setting names. */
export function notificationSettings(values: Record<string, CellValue>): NotifySettings {
  const get = (name: string) => values[name.toLowerCase()];
  const margin = parseNumber(get(NOTIFY_SETTINGS.rearmMargin) ?? "");
  return {
    emails: cellText(get(NOTIFY_SETTINGS.emails) ?? "")
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    ownerColumn: cellText(get(NOTIFY_SETTINGS.ownerColumn) ?? "") || "Owner",
    mode: normText(get(NOTIFY_SETTINGS.mode) ?? "") === "each" ? "each" : "digest",
    rearmMargin: Number.isNaN(margin) || margin < 0 ? DEFAULT_REARM_MARGIN : margin,
  };
}
