// Who gets a lead's alert: every "Notify emails" address plus the lead's owner (when the Owner cell holds an
// email address); with neither, the user the add-on runs as. Nobody else ever gets lead data.
import { isEmail } from "./settings";
import type { NotifySettings } from "./types";

export function notifyAddresses(settings: NotifySettings): { valid: string[]; invalid: string[] } {
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const e of settings.emails) (isEmail(e) ? valid : invalid).push(e);
  return { valid: dedupe(valid), invalid };
}

/**
 * Lower-case, de-duplicated recipients for one lead; [] when there is nobody to tell. `fallback` (the
 * effective user) is asked for only when neither Notify emails nor an owner address exist.
 */
export function recipientsFor(owner: string, notify: readonly string[], fallback: () => string): string[] {
  const list = [...notify];
  const o = owner.trim();
  if (isEmail(o)) list.push(o);
  if (list.length === 0) {
    const f = fallback().trim();
    if (isEmail(f)) list.push(f);
  }
  return dedupe(list);
}

function dedupe(list: readonly string[]): string[] {
  return [...new Set(list.map((e) => e.toLowerCase()))];
}
