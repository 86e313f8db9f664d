// The one place calibration touches the scoring engine: fitted matrices are judged as the engine scores
// them (rounding, clamps, caps, decay and all), and the report reads the engine's contributions and lists
// the rules the engine parses. Derived features (Email Domain, Lists) reuse the engine's own definitions so
// a fitted rule fires exactly when the feature it was fitted on is on. (Cells, headers, dates and Settings
// are read with the core's readers directly, as every layer reads them.)
export { emailDomain } from "../derived";
export { MATRIX_COLUMNS, scoreWorkbook } from "../index";
export { parseLists } from "../lists";
export { parseMatrix } from "../matrix";
export { FREE_EMAIL_DOMAINS } from "../templates";
