// A modal dialog (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/): focus moves in, Escape closes.
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface Props {
  title: string;
  role?: "dialog" | "alertdialog";
  width?: number | null;
  onClose(): void;
  children: ComponentChildren;
}

export function Modal({ title, role = "dialog", width, onClose, children }: Props) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const back = document.activeElement as HTMLElement | null;
    box.current?.querySelector<HTMLElement>("[data-autofocus], button, iframe")?.focus();
    return () => back?.focus();
  }, []);
  return (
    <div class="backdrop" onKeyDown={(e) => e.key === "Escape" && onClose()}>
      <div class="modal" role={role} aria-modal="true" aria-label={title} ref={box} style={width ? { width: width + 32 } : undefined}>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
