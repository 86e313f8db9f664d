// Notification settings from the Settings tab's Setting | Value rows (outside checks can set them there);
// their names and readers are rows of the one Settings table (known-settings).
import { SETTING, settingValue } from "../known-settings";
import type { CellValue } from "../types";
import type { NotifySettings } from "./types";

/** A plain address (no display name): what MailApp accepts in `to` and what an Owner cell should hold. */
const EMAIL = /^[^\s@,;<>"']+@[^\s@,;<>"']+\.[^\s@,;<>"']+$/;

export function isEmail(text: string): boolean {
  return EMAIL.test(text);
}

/** `values` is Settings.values: keys are normalized setting names. */
export function notificationSettings(values: Record<string, CellValue>): NotifySettings {
  return {
    emails: settingValue(values, SETTING.notifyEmails),
    ownerColumn: settingValue(values, SETTING.ownerColumn),
    mode: settingValue(values, SETTING.notifyMode),
    rearmMargin: settingValue(values, SETTING.rearmMargin),
  };
}
