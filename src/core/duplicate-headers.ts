// Two columns with the same header: every lookup by name (rules, the key, the output columns) finds the
// first, so the second is silently unused. Said once per repeated header.
import { columnLetter } from "./a1";
import { headerText, normalizeHeader } from "./headers";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { CellValue } from "./types";

export function warnDuplicateHeaders(tab: string, headers: readonly CellValue[], sink: ProblemSink): void {
  const first = new Map<string, number>();
  for (let c = 0; c < headers.length; c++) {
    const key = normalizeHeader(headers[c]);
    if (key === "") continue;
    const at = first.get(key);
    if (at === undefined) {
      first.set(key, c);
      continue;
    }
    if (at < 0) continue;
    first.set(key, -1);
    const name = headerText(headers, c);
    sink.add(
      problem(
        tab,
        1,
        name,
        `Column ${columnLetter(c + 1)} is headed ${name} like column ${columnLetter(at + 1)}; everything that reads ${name} uses column ${columnLetter(at + 1)} only.`,
        `Rename one of the two columns, or move its cells into the other and delete it.`,
        "warning",
      ),
    );
  }
}
