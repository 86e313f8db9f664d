// The local, editable copy of saved settings that every settings form keeps.
import { useEffect, useRef, useState } from "preact/hooks";

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
  // The draft was made from this key: an effect runs after the first paint, so resetting on mount would
  // overwrite what was typed into a panel in the moment after it opened.
  const madeFrom = useRef(savedKey);
  useEffect(() => {
    if (madeFrom.current === savedKey) return;
    madeFrom.current = savedKey;
    reset();
  }, [savedKey]);
  return [draft, setDraft, reset];
}
