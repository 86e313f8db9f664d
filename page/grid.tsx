// biome-ignore-all lint/a11y/useSemanticElements: a div-based ARIA grid, so rows can be windowed with spacers and cells sticky.
// biome-ignore-all lint/a11y/useFocusableInteractive: in the grid pattern the cells take focus (roving tabindex), not the rows.
// One tab as an ARIA grid (https://www.w3.org/WAI/ARIA/apg/patterns/grid/): header row = sheet row 1,
// aria-rowindex/aria-colindex as in the sheet. Only the rows in view are in the DOM (large tabs stay
// responsive); the row numbers and column A stay in view while the other columns scroll. Cells are text
// only. Editing like Sheets: Enter, F2, a double-click or typing starts; Enter/Tab commit and move;
// Escape cancels; Delete clears; a pasted block (TSV) lands at the selected cell.
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { TabView } from "../src/local/server/page-api";
import { editText, parseTsv, show } from "./cells";

export interface Cell {
  row: number;
  column: number;
}

interface Props {
  view: TabView;
  editable: boolean;
  sel: Cell | null;
  onSelect(cell: Cell): void;
  onCommit(at: Cell, values: string[][]): void;
  onUndo(): void;
}

const ROW_H = 24;
const OVERSCAN = 8;

export function Grid({ view, editable, sel, onSelect, onCommit, onUndo }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  const [editing, setEditing] = useState<{ cell: Cell; text: string } | null>(null);
  const values = view.values;
  const header = values[0] ?? [];
  const width = values.reduce((w, r) => Math.max(w, r.length), 0);
  const rows = values.length;

  useLayoutEffect(() => {
    const el = scroller.current!;
    const measure = () => setHeight(el.clientHeight);
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the selected cell in view and focused (after keyboard moves and jumps from the sidebar).
  useEffect(() => {
    const el = scroller.current;
    if (!el || !sel || editing) return;
    const y = (sel.row - 1) * ROW_H;
    if (y < el.scrollTop + ROW_H) el.scrollTop = Math.max(0, y - ROW_H);
    else if (y + ROW_H > el.scrollTop + el.clientHeight) el.scrollTop = y + 2 * ROW_H - el.clientHeight;
    const td = el.querySelector<HTMLElement>(`[aria-rowindex="${sel.row}"] [aria-colindex="${sel.column}"]`);
    if (td && el.contains(document.activeElement)) td.focus({ preventScroll: false });
    else td?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [sel?.row, sel?.column, top, editing]);

  const first = Math.max(2, Math.floor(top / ROW_H) - OVERSCAN + 1);
  const last = Math.min(rows, first + Math.ceil(height / ROW_H) + 2 * OVERSCAN);

  const move = (dr: number, dc: number) => {
    if (!sel) return;
    onSelect({
      row: Math.min(Math.max(1, sel.row + dr), Math.max(rows + 1, 2)),
      column: Math.min(Math.max(1, sel.column + dc), Math.max(width, 1)),
    });
  };
  const startEdit = (cell: Cell, text?: string) => {
    if (!editable) return;
    const v = values[cell.row - 1]?.[cell.column - 1];
    setEditing({ cell, text: text ?? editText(v, view.formulas[`${cell.row},${cell.column}`]) });
  };
  // The edit in progress as of now: blur follows Enter, and must not commit it a second time.
  const current = useRef(editing);
  current.current = editing;
  const commit = (dr: number, dc: number, moveAfter = true) => {
    const e = current.current;
    if (!e) return;
    current.current = null;
    onCommit(e.cell, [[e.text]]);
    setEditing(null);
    if (moveAfter) move(dr, dc);
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (editing || !sel) return;
    const k = e.key;
    if ((e.ctrlKey || e.metaKey) && k.toLowerCase() === "z") {
      e.preventDefault();
      onUndo();
    } else if (k === "ArrowDown") move(1, 0);
    else if (k === "ArrowUp") move(-1, 0);
    else if (k === "ArrowRight") move(0, 1);
    else if (k === "ArrowLeft") move(0, -1);
    else if (k === "Tab") move(0, e.shiftKey ? -1 : 1);
    else if (k === "Enter" || k === "F2") startEdit(sel);
    else if ((k === "Delete" || k === "Backspace") && editable) onCommit(sel, [[""]]);
    else if (k.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) startEdit(sel, k);
    else return;
    e.preventDefault();
  };
  const onPaste = (e: ClipboardEvent) => {
    if (editing || !sel || !editable) return;
    const text = e.clipboardData?.getData("text/plain");
    if (!text) return;
    e.preventDefault();
    onCommit(sel, parseTsv(text));
  };

  const protectionAt = (r: number, c: number) =>
    view.protections.find((p) => r >= p.row && r <= p.lastRow && c >= p.column && c <= p.lastColumn);

  const cell = (r: number, c: number, head: boolean) => {
    const v = values[r - 1]?.[c - 1];
    const selected = sel?.row === r && sel.column === c;
    const style = view.styles[`${r},${c}`];
    const protection = protectionAt(r, c);
    const cls = [
      c === 1 ? "key" : "",
      typeof v === "number" ? "n" : "",
      selected ? "selcell" : "",
      protection ? "prot" : "",
    ].join(" ");
    const props = {
      key: c,
      role: (head ? "columnheader" : "gridcell") as "columnheader" | "gridcell",
      "aria-colindex": c,
      "aria-selected": selected,
      "aria-readonly": editable ? undefined : true,
      tabIndex: selected || (!sel && r === 1 && c === 1) ? 0 : -1,
      class: `c ${cls}`,
      title: protection ? `${show(v)} (protected: ${protection.description || "warning on edit"})` : show(v),
      style: style && {
        background: style.background,
        color: style.color,
        fontWeight: style.bold ? 600 : undefined,
      },
      onMouseDown: () => onSelect({ row: r, column: c }),
      onDblClick: () => startEdit({ row: r, column: c }),
    };
    const content =
      editing && editing.cell.row === r && editing.cell.column === c ? (
        <input
          class="editor"
          aria-label={`Edit ${show(header[c - 1]) || `column ${c}`} row ${r}`}
          value={editing.text}
          ref={(el) => {
            // Focus once, caret at the end (typing a character starts the edit with it).
            if (!el || document.activeElement === el) return;
            el.focus();
            el.setSelectionRange(el.value.length, el.value.length);
          }}
          onInput={(e) => setEditing({ ...editing, text: (e.target as HTMLInputElement).value })}
          onKeyDown={(e) => {
            e.stopPropagation();
            if (e.key === "Enter") commit(1, 0);
            else if (e.key === "Tab") {
              e.preventDefault();
              commit(0, e.shiftKey ? -1 : 1);
            } else if (e.key === "Escape") {
              current.current = null;
              setEditing(null);
            }
          }}
          onBlur={() => commit(0, 0, false)}
        />
      ) : (
        show(v)
      );
    return <div {...props}>{content}</div>;
  };

  const columns = Array.from({ length: width }, (_, i) => i + 1);
  const body: preact.JSX.Element[] = [];
  for (let r = first; r <= last; r++)
    body.push(
      <div role="row" aria-rowindex={r} key={r} data-row={r} class={sel?.row === r ? "r sel" : "r"}>
        <div class="c rn" aria-hidden="true">
          {r}
        </div>
        {columns.map((c) => cell(r, c, false))}
      </div>,
    );

  return (
    <div id="grid" class="grid" ref={scroller} onScroll={(e) => setTop((e.target as HTMLElement).scrollTop)}>
      <div
        role="grid"
        class="table"
        aria-label={view.name}
        aria-rowcount={rows}
        aria-colcount={width}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        style={{ width: 48 + width * 150 }}
      >
        {rows > 0 && (
          <div role="row" aria-rowindex={1} data-row={1} class={sel?.row === 1 ? "r head sel" : "r head"}>
            <div class="c rn" aria-hidden="true">
              1
            </div>
            {columns.map((c) => cell(1, c, true))}
          </div>
        )}
        <div class="spacer" aria-hidden="true" style={{ height: (first - 2) * ROW_H }} />
        {body}
        <div class="spacer" aria-hidden="true" style={{ height: Math.max(0, rows - last) * ROW_H }} />
      </div>
      {rows === 0 && <p class="empty">This tab is empty.</p>}
    </div>
  );
}
