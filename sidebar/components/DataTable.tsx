// A read-only data table: the caption goes to aria-label and every column head gets scope="col", so
// screen readers (and the browser tests) can find tables and cells by name. Rows come as children.
import type { ComponentChildren } from "preact";

/** A column head: plain text, or right-aligned numbers (`num`) with an optional tooltip and extra class. */
export type Column = string | { label: ComponentChildren; num?: boolean; title?: string; class?: string };

/** A right-aligned number column. */
export const NUM = (label: string): Column => ({ label, num: true });

interface Props {
  label: string;
  columns: Column[];
  /** Extra class next to "data" (e.g. "rules", "block"). */
  class?: string;
  bodyTestId?: string;
  children: ComponentChildren;
}

export function DataTable({ label, columns, class: extra, bodyTestId, children }: Props) {
  return (
    <table class={extra ? `data ${extra}` : "data"} aria-label={label}>
      <thead>
        <tr>
          {columns.map((col, i) => {
            const c: Exclude<Column, string> = typeof col === "string" ? { label: col } : col;
            return (
              <th
                key={i}
                scope="col"
                class={[c.num && "num", c.class].filter(Boolean).join(" ") || undefined}
                title={c.title}
              >
                {c.label}
              </th>
            );
          })}
        </tr>
      </thead>
      <tbody data-testid={bodyTestId}>{children}</tbody>
    </table>
  );
}
