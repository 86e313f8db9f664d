// The name a user most likely meant: for "did you mean …?" hints on a missing column or setting.
import type { CellValue } from "./types";
import { cellText } from "./values";

/** Lower-case letters and digits only: "E-mail", "e mail" and "EMAIL" all read "email". */
export function looseName(s: CellValue): string {
  return cellText(s)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

/** Levenshtein distance (insertions, deletions, substitutions), two rows of memory. */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `want`, or undefined when none is close: the same letters and digits first,
 * then one holding the other whole ("Email" in "Email Address"), then a few typos (at most a third of the
 * letters, and no more than 3).
 */
export function closestName(want: string, candidates: readonly CellValue[]): string | undefined {
  const w = looseName(want);
  if (w === "") return undefined;
  const named = candidates
    .map((c) => ({ text: cellText(c).trim(), loose: looseName(c) }))
    .filter((c) => c.loose);
  const same = named.find((c) => c.loose === w);
  if (same) return same.text;
  const holding = named.filter((c) => c.loose.includes(w) || (c.loose.length >= 3 && w.includes(c.loose)));
  if (holding.length) return holding.sort((a, b) => a.loose.length - b.loose.length)[0].text;
  const limit = Math.min(3, Math.floor(w.length / 3));
  let best: { text: string; d: number } | undefined;
  for (const c of named) {
    const d = editDistance(w, c.loose);
    if (d <= limit && (!best || d < best.d)) best = { text: c.text, d };
  }
  return best?.text;
}
