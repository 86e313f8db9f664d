// Grades: from the grade group's clamped total, the grade with the greatest Min Points ≤ it;
// below every grade → the lowest grade.
import type { EngagementBand, Grade } from "./types";

export const DEFAULT_GRADES: readonly Grade[] = [
  { name: "F", minPoints: 0 },
  { name: "D", minPoints: 10 },
  { name: "C", minPoints: 20 },
  { name: "B", minPoints: 30 },
  { name: "A", minPoints: 40 },
];

/** `grades` must be non-empty and ascending by minPoints (parseSettings guarantees both). */
export function gradeFor(points: number, grades: readonly Grade[]): Grade {
  let found = grades[0];
  for (let i = 1; i < grades.length; i++) {
    if (grades[i].minPoints <= points) found = grades[i];
  }
  return found;
}

/**
 * Priority's engagement band (Settings' `Engagement Band | Min Points`): the band with the greatest Min
 * Points ≤ the engagement total (every group but the grade group, after caps); below all → the lowest.
 * `bands` must be non-empty and ascending by minPoints.
 */
export function engagementBandFor(engagement: number, bands: readonly EngagementBand[]): EngagementBand {
  let found = bands[0];
  for (let i = 1; i < bands.length; i++) {
    if (bands[i].minPoints <= engagement) found = bands[i];
  }
  return found;
}
