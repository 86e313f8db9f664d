// Problems: what is wrong in the user's data and where; each entry selects the offending cell.
import type { Problem } from "../../src/core/types";
import { call } from "../rpc";
import { ActionStatus, useAction } from "../ui";
import type { PanelProps } from "./types";

function where(p: Problem): string {
  if (p.row === 0) return p.tab;
  return p.column ? `${p.tab}, row ${p.row}, ${p.column}` : `${p.tab}, row ${p.row}`;
}

export function Problems({ state }: PanelProps) {
  const action = useAction();
  const sorted = [...state.problems].sort((a, b) =>
    a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1,
  );
  return (
    <section aria-labelledby="h-problems">
      <h2 id="h-problems">Problems</h2>
      {sorted.length === 0 ? (
        <p class="muted">No problems found in the workbook.</p>
      ) : (
        <p class="muted">
          {sorted.length} {sorted.length === 1 ? "problem" : "problems"}. Fix them in the sheet, then score
          again.
        </p>
      )}
      <ActionStatus action={action} busyLabel="Selecting…" />
      <ul class="list" data-testid="problems">
        {sorted.map((p, i) => (
          <li key={`${p.tab}:${p.row}:${p.column}:${i}`}>
            <div>
              <span class={`sev ${p.severity}`}>{p.severity}</span>
              <span class="where">{where(p)}</span>
            </div>
            <div>{p.message}</div>
            {p.fix && <div class="muted">Fix: {p.fix}</div>}
            <div class="actions" style={{ marginTop: "4px" }}>
              <button
                type="button"
                class="btn small"
                aria-label={`Go to ${where(p)}`}
                onClick={() => action.run(() => call("selectCell", p.tab, p.row, p.column))}
              >
                Go to cell
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
