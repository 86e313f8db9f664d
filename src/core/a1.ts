// A1 notation's column letters (1 → "A", 27 → "AA"), shared by the add-on's links and the local runtime.
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
