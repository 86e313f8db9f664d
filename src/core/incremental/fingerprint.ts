// What the lead states were built from, as one short hash: the matrix, Settings, Lists, both header rows
// and the time zone. Any difference means the states may be wrong, and the run reads everything again.
import { normalizeHeader } from "../headers";
import { SETTING } from "../known-settings";
import type { CellValue, Grid } from "../types";
import { STATE_VERSION } from "./lead-state";

export interface FingerprintInput {
  matrix: Grid | undefined;
  settings: Grid | undefined;
  lists: Grid | undefined;
  leadHeader: readonly CellValue[];
  activityHeader: readonly CellValue[] | undefined;
  timeZone: string;
}

const SCORED_AT = normalizeHeader(SETTING.scoredAt.name);

/** Settings without the "Scored at" value the add-on itself writes at every full run. */
function withoutScoredAt(settings: Grid | undefined): Grid | undefined {
  return settings?.map((row) => {
    const at = row.findIndex((c) => typeof c === "string" && normalizeHeader(c) === SCORED_AT);
    return at < 0 ? row : row.map((c, i) => (i === at + 1 ? "" : c));
  });
}

function hash(text: string, seed: number): string {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

export function stateFingerprint(f: FingerprintInput): string {
  const text = JSON.stringify([
    STATE_VERSION,
    f.matrix ?? null,
    withoutScoredAt(f.settings) ?? null,
    f.lists ?? null,
    f.leadHeader,
    f.activityHeader ?? null,
    f.timeZone,
  ]);
  // Two seeds: 64 bits make an accidental match of two different workbooks negligible.
  return `${hash(text, 0x811c9dc5)}.${hash(text, 0x12345678)}`;
}
