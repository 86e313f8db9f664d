// A rule's Points cell: a number, `reset` (an activity rule that starts its group's activities over), or
// frequency bands (`1-3: 5, 4+: 10`: points by how many activities are counted), each number a cell edit away.
import type { CellValue } from "./types";
import { cellText, isBlank, normText, parseNumber } from "./values";

/**
 * Largest |Points| a rule may give. Sums stay exact and finite: a million activities at this size total
 * 1e15, below 2^53, where 1e308 overflowed to Infinity and blanked every score it touched.
 */
export const MAX_POINTS = 1e9;

/** Counts from `min` to `max` (Infinity for `n+`) give `points`. */
export interface CountBand {
  min: number;
  max: number;
  points: number;
}

export type PointsCell =
  | { kind: "points"; points: number }
  | { kind: "reset" }
  | { kind: "bands"; bands: CountBand[] }
  | { kind: "error"; message: string; fix: string };

export const RESET_WORD = "reset";

const BAND_FIX =
  "Write bands as count: points, separated by commas, e.g. 1-3: 5, 4+: 10 (a range, a single count such as 2: 8, or n+ for n and more).";

/** Splits before each `count:` so that a point value's thousands comma (1-3: 1,200) is not a separator. */
const BAND_SPLIT = /\s*[,;]\s*(?=\d+\s*(?:[-–]\s*\d+\s*|\+\s*)?:)/;
const BAND = /^(\d+)\s*(?:[-–]\s*(\d+)|(\+))?\s*:\s*(.*)$/;

export function parsePointsCell(v: CellValue): PointsCell {
  if (normText(v) === RESET_WORD) return { kind: "reset" };
  const text = cellText(v);
  if (typeof v === "string" && text.includes(":")) return parseBands(text);
  const points = parseNumber(v);
  // Text such as 1e999 is no number (parseNumber) but is beyond the bound too, which says more.
  if (Math.abs(points) > MAX_POINTS || Math.abs(Number(text)) === Infinity) return beyond(text);
  if (Number.isNaN(points)) {
    return {
      kind: "error",
      message: isBlank(v) ? "Points is empty." : `Points "${text}" is not a number.`,
      fix: "Enter a number such as 10 or -5 (decimals are fine), reset, or bands such as 1-3: 5, 4+: 10.",
    };
  }
  return { kind: "points", points };
}

function beyond(text: string): PointsCell {
  return {
    kind: "error",
    message: `Points "${text}" is beyond ±1,000,000,000.`,
    fix: "Enter points between -1000000000 and 1000000000; a lead's score is a sum of points, so tens or hundreds are plenty.",
  };
}

function parseBands(text: string): PointsCell {
  const bands: CountBand[] = [];
  for (const part of text.split(BAND_SPLIT)) {
    const m = BAND.exec(part.trim());
    if (!m)
      return { kind: "error", message: `Points "${text}": "${part.trim()}" is not a band.`, fix: BAND_FIX };
    const min = Number(m[1]);
    const max = m[3] ? Number.POSITIVE_INFINITY : m[2] !== undefined ? Number(m[2]) : min;
    const points = parseNumber(m[4]);
    if (Math.abs(points) > MAX_POINTS) return beyond(text);
    if (Number.isNaN(points)) {
      return { kind: "error", message: `Points "${text}": "${m[4]}" is not a number.`, fix: BAND_FIX };
    }
    if (min < 1 || max < min) {
      return {
        kind: "error",
        message: `Points "${text}": the band "${part.trim()}" is not a count range of 1 or more.`,
        fix: "Counts start at 1 and a range goes low-high, e.g. 1-3.",
      };
    }
    bands.push({ min, max, points });
  }
  bands.sort((a, b) => a.min - b.min);
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].min <= bands[i - 1].max) {
      return {
        kind: "error",
        message: `Points "${text}": the bands overlap at ${bands[i].min}.`,
        fix: "Give each count one band, e.g. 1-3: 5, 4+: 10.",
      };
    }
  }
  return { kind: "bands", bands };
}

/** The points of the band `count` falls in; 0 in no band. */
export function bandPoints(bands: readonly CountBand[], count: number): number {
  for (const b of bands) if (count >= b.min && count <= b.max) return b.points;
  return 0;
}

/** "1-3: 5, 4+: 10" as the engine read it (messages, explanations). */
export function bandsText(bands: readonly CountBand[]): string {
  return bands
    .map((b) => {
      const counts =
        b.max === Number.POSITIVE_INFINITY ? `${b.min}+` : b.max === b.min ? `${b.min}` : `${b.min}-${b.max}`;
      return `${counts}: ${b.points}`;
    })
    .join(", ");
}
