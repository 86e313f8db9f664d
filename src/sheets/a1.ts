// A1 cell references for links and messages.
import { columnLetter } from "../core/a1";

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}
