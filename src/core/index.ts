// The engine's public API. Everything here is pure: no Apps Script globals, no Node APIs.
export type { ActivityIndex } from "./activities";
export { decayWeight } from "./decay";
export { DERIVED_FIELD_NAMES, emailDomain } from "./derived";
export { DEFAULT_GRADES, gradeFor } from "./grades";
export { findColumn, normalizeHeader } from "./headers";
export {
  DEFAULT_GRADE_GROUP,
  DEFAULT_LEAD_KEY,
  DEFAULT_SCORE_CEILING,
  DEFAULT_SCORE_FLOOR,
} from "./known-settings";
export type { NamedList } from "./lists";
export { parseLists } from "./lists";
export type { Rule } from "./matrix";
export { MATRIX_COLUMNS, parseMatrix } from "./matrix";
export type { OpKind } from "./operators";
export { OPERATORS, parseOperator } from "./operators";
export { modelHeaders, outputHeaders } from "./output-headers";
export { formatReasons, signedPoints, topContributions } from "./reasons";
export { roundHalfAwayFromZero, roundTo } from "./rounding";
export type { OutputSource } from "./score";
export { alignedLead, outputRow, scoreWorkbook } from "./score";
export {
  defaultSettings,
  findSettingsTable,
  gradesFromRows,
  parseSettings,
  tiersFromRows,
} from "./settings";
export {
  ACTIVITY_HEADERS,
  defaultListsGrid,
  defaultSettingsGrid,
  EVENT_NAMES,
  FREE_EMAIL_DOMAINS,
  LEADS_HEADERS,
  starterMatrix,
} from "./templates";
export { DEFAULT_TIERS, nextTierFor, tierFor } from "./tiers";
export type { ZoneClock } from "./time";
export { DAY_MS, isValidTimeZone, parseIsoText, parseTimestamp, timestampMs, zoneClock } from "./time";
export * from "./types";
export { cellText, isBlank, parseNumber, parseYesNo } from "./values";
export { prepareWorkbook, validateWorkbook } from "./workbook";
