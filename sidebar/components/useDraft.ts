// The local, editable copy of saved settings that every settings form keeps.
import { useEffect, useState } from "preact/hooks";

/**
 * Returns [draft, setDraft, reset]. The draft is rebuilt from `make` only when `savedKey` (the saved value,
 * serialised) changes, so a save in another panel does not wipe edits in progress here.
 */
export function useDraft<T>(
  make: () => T,
  savedKey: string,
): [T, (next: T | ((d: T) => T)) => void, () => void] {
  const [draft, setDraft] = useState(make);
  const reset = () => setDraft(make());
  useEffect(reset, [savedKey]);
  return [draft, setDraft, reset];
}
