// The workbook input scored with another Scoring Matrix. Not `{ ...input, matrix }`: a spread reads every
// getter, and the CLI's Activity Log grid is one (made from its column store only if something asks).
import type { Grid, WorkbookInput } from "./types";

export function withMatrix(input: WorkbookInput, matrix: Grid | undefined): WorkbookInput {
  const own = Object.getOwnPropertyDescriptors(input);
  return Object.defineProperties({} as WorkbookInput, {
    ...own,
    matrix: { value: matrix, enumerable: true, writable: true, configurable: true },
  });
}
