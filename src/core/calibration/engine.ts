// The one place calibration touches the scoring engine: fitted matrices are judged as the engine scores
// them (rounding, clamps, caps, decay and all), and the report reads the engine's contributions.
export { MATRIX_HEADERS, scoreWorkbook } from "../index";
