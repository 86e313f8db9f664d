// The menu bar: Extensions ▸ <add-on> ▸ the items the add-on's onOpen added, as WAI-ARIA menus
// (https://www.w3.org/WAI/ARIA/apg/patterns/menubar/): arrow keys move, Escape closes.
import { useEffect, useRef, useState } from "preact/hooks";
import type { MenuEntry } from "../src/local/server/page-api";

interface Props {
  menu: { title: string; items: MenuEntry[] };
  onPick(caption: string): void;
}

export function MenuBar({ menu, onPick }: Props) {
  const [open, setOpen] = useState(0); // 0 closed, 1 Extensions open, 2 the add-on's submenu open too
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => bar.current?.contains(e.target as Node) || setOpen(0);
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  useEffect(() => {
    if (open === 2) bar.current?.querySelector<HTMLElement>(".sub [role=menuitem]")?.focus();
    if (open === 1) bar.current?.querySelector<HTMLElement>(".ext [role=menuitem]")?.focus();
  }, [open]);
  const focusNext = (e: KeyboardEvent, dir: number) => {
    const items = Array.from(
      (e.currentTarget as HTMLElement)
        .closest("[role=menu]")!
        .querySelectorAll<HTMLElement>(":scope > .li > [role=menuitem]"),
    );
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + dir + items.length) % items.length]?.focus();
  };
  const keys = (e: KeyboardEvent, level: number) => {
    if (e.key === "ArrowDown") focusNext(e, 1);
    else if (e.key === "ArrowUp") focusNext(e, -1);
    else if (e.key === "Escape" || (e.key === "ArrowLeft" && level === 2)) setOpen(level - 1);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };
  const pick = (caption: string) => {
    setOpen(0);
    onPick(caption);
  };
  return (
    <div class="menubar" role="menubar" aria-label="Menu" ref={bar}>
      <div class="menu-root">
        <button
          type="button"
          role="menuitem"
          aria-haspopup="menu"
          aria-expanded={open > 0}
          onClick={() => setOpen(open ? 0 : 1)}
          onKeyDown={(e) => {
            if (e.key !== "ArrowDown" && e.key !== "Enter") return;
            e.preventDefault();
            setOpen(1);
          }}
        >
          Extensions
        </button>
        {open > 0 && (
          <div class="ext" role="menu" aria-label="Extensions">
            <div class="li" role="none">
              <button
                type="button"
                role="menuitem"
                aria-haspopup="menu"
                aria-expanded={open === 2}
                onClick={() => setOpen(open === 2 ? 1 : 2)}
                onKeyDown={(e) => {
                  if (e.key === "ArrowRight" || e.key === "Enter") {
                    e.preventDefault();
                    setOpen(2);
                  } else keys(e, 1);
                }}
              >
                {menu.title}
                <span aria-hidden="true"> ▸</span>
              </button>
              {open === 2 && (
                <div class="sub" role="menu" aria-label={menu.title}>
                  {menu.items.map((item, i) =>
                    "separator" in item ? (
                      <hr key={i} />
                    ) : (
                      <div class="li" key={i} role="none">
                        <button
                          type="button"
                          role="menuitem"
                          onClick={() => pick(item.caption)}
                          onKeyDown={(e) => keys(e, 2)}
                        >
                          {item.caption}
                        </button>
                      </div>
                    ),
                  )}
                </div>
              )}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}
