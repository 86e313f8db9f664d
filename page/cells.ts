// How a cell reads on the page and in the edit box (like Sheets' formula bar), and TSV for paste.

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/;

/** A cell's text: booleans TRUE/FALSE, ISO date-times as "yyyy-mm-dd hh:mm:ssZ". */
export function show(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (typeof v === "string" && ISO.test(v)) return v.replace(/\.\d+Z$|Z$/, "Z").replace("T", " ");
  return String(v);
}

/** What the edit box starts with: the formula if any, else the value as typed (ISO date-times kept). */
export function editText(v: unknown, formula: string | undefined): string {
  if (formula) return formula;
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v === null || v === undefined ? "" : String(v);
}

/** Tab-separated rows as spreadsheets put them on the clipboard (quoted fields may hold tabs and newlines). */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  const body = text.replace(/\r\n?/g, "\n").replace(/\n$/, "");
  while (i <= body.length) {
    const ch = body[i];
    if (field === "" && ch === '"') {
      const close = /"(?!")/g;
      close.lastIndex = i + 1;
      const m = close.exec(body.replace(/""/g, "\0\0"));
      if (m && (body[m.index + 1] === "\t" || body[m.index + 1] === "\n" || m.index + 1 === body.length)) {
        field = body.slice(i + 1, m.index).replace(/""/g, '"');
        i = m.index + 1;
        continue;
      }
    }
    if (ch === "\t" || ch === "\n" || ch === undefined) {
      row.push(field);
      field = "";
      if (ch !== "\t") {
        rows.push(row);
        row = [];
      }
    } else field += ch;
    i++;
  }
  const width = Math.max(...rows.map((r) => r.length));
  return rows.map((r) => [...r, ...Array(width - r.length).fill("")]);
}

export const letters = (column: number): string => {
  let s = "";
  for (let c = column; c > 0; c = Math.floor((c - 1) / 26)) s = String.fromCharCode(65 + ((c - 1) % 26)) + s;
  return s;
};
