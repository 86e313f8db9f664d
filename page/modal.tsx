// A modal dialog: the native <dialog> opened with showModal(), so focus moves in and stays, the page
// behind is inert and Escape closes (https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/).
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

interface Props {
  title: string;
  /** alertdialog for a message that needs an answer (an alert, the protected-range warning). */
  alert?: boolean;
  width?: number | null;
  onClose(): void;
  children: ComponentChildren;
}

export function Modal({ title, alert, width, onClose, children }: Props) {
  const box = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = box.current!;
    d.showModal();
    d.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => d.close();
  }, []);
  return (
    <dialog
      class="modal"
      ref={box}
      role={alert ? "alertdialog" : undefined}
      aria-label={title}
      style={width ? { width: width + 32 } : undefined}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2>{title}</h2>
      {children}
    </dialog>
  );
}
