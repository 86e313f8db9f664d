// An editable list of text/number rows with a remove button each and an Add button below: the group caps
// and the grades. Each input's aria-label names its row by position ("Cap 2 group"), as the tests expect.
import { editRow, newId, type Row, removeRow } from "../logic/rows";

type TextKey<R> = { [K in keyof R]: R[K] extends string ? K : never }[keyof R] & string;

export interface RowField<R> {
  key: TextKey<R>;
  head: string;
  type: "text" | "number";
  /** The input's aria-label for row `n` (1-based). */
  label: (n: number) => string;
  /** Id of a <datalist> offering suggestions. */
  list?: string;
}

interface Props<R extends Row> {
  rows: R[];
  setRows: (update: (rows: R[]) => R[]) => void;
  fields: RowField<R>[];
  /** The CSS grid class matching the number of fields. */
  grid: "two" | "three";
  removeLabel: (n: number) => string;
  addLabel: string;
  blank: () => Omit<R, "id">;
}

export function EditableRows<R extends Row>({
  rows,
  setRows,
  fields,
  grid,
  removeLabel,
  addLabel,
  blank,
}: Props<R>) {
  return (
    <>
      <div class={`row-grid ${grid} col-heads`} aria-hidden="true">
        {fields.map((f) => (
          <span key={f.key}>{f.head}</span>
        ))}
        <span />
      </div>
      <ul class="rows">
        {rows.map((r, i) => {
          const n = i + 1;
          return (
            <li class={`row row-grid ${grid}`} key={r.id}>
              {fields.map((f) => (
                <input
                  key={f.key}
                  type={f.type}
                  list={f.list}
                  aria-label={f.label(n)}
                  value={r[f.key] as string}
                  onInput={(e) => {
                    const value = e.currentTarget.value;
                    setRows((d) => editRow(d, r.id, { [f.key]: value } as Partial<R>));
                  }}
                />
              ))}
              <button
                type="button"
                class="icon-btn"
                aria-label={removeLabel(n)}
                onClick={() => setRows((d) => removeRow(d, r.id))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <button
          type="button"
          class="btn small"
          onClick={() => setRows((d) => [...d, { ...blank(), id: newId() } as R])}
        >
          {addLabel}
        </button>
      </div>
    </>
  );
}
