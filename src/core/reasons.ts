// Top reasons: the up-to-3 contributions with the largest absolute value, ties in matrix order.
import type { RuleContribution } from "./types";
import { formatPoints } from "./values";

export const MAX_REASONS = 3;

/** "+25" / "−10" (true minus sign, as shown to users). */
export function signedPoints(x: number): string {
  return (x < 0 ? "\u2212" : "+") + formatPoints(Math.abs(x));
}

/** Contributions must be in matrix order; zero contributions are ignored. */
export function topContributions(
  contributions: readonly RuleContribution[],
  n = MAX_REASONS,
): RuleContribution[] {
  const top: RuleContribution[] = [];
  for (const c of contributions) {
    if (c.value === 0) continue;
    const a = Math.abs(c.value);
    let i = top.length;
    // Strictly larger moves ahead, so among equals the earlier rule stays first.
    while (i > 0 && Math.abs(top[i - 1].value) < a) i--;
    if (i < n) {
      top.splice(i, 0, c);
      if (top.length > n) top.pop();
    }
  }
  return top;
}

/** "Demo request +25". */
export function reasonText(c: RuleContribution): string {
  return reasonFor(c.label, c.value);
}

export function reasonFor(label: string, value: number): string {
  return `${label} ${signedPoints(value)}`;
}

export function formatReasons(contributions: readonly RuleContribution[]): string {
  return topContributions(contributions).map(reasonText).join("; ");
}
