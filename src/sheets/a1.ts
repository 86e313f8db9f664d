// A1 notation helpers for links and messages.
export function columnLetter(column: number): string {
  let n = column;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}
