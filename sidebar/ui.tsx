// Small shared pieces: loading and error notices, and a hook that runs one server call at a time and keeps
// its busy/error/done state, so every panel shows progress and failures the same way.
import type { ComponentChildren } from "preact";
import { useCallback, useRef, useState } from "preact/hooks";
import { errorMessage } from "./rpc";

export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

export function Notice({ kind, children }: { kind: "error" | "ok" | "info"; children: ComponentChildren }) {
  return (
    <div class={`notice ${kind}`} role={kind === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export interface Action {
  busy: boolean;
  error: string | null;
  done: string | null;
  /** Runs `fn`; resolves to its result, or undefined when it failed (the error is kept for display). */
  run<T>(fn: () => Promise<T>, doneMessage?: string): Promise<T | undefined>;
  clear(): void;
}

export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A counter so an older, slower call cannot overwrite the outcome of a newer one.
  const seq = useRef(0);
  const run = useCallback(async <T,>(fn: () => Promise<T>, doneMessage?: string) => {
    const id = ++seq.current;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const value = await fn();
      if (id === seq.current) setDone(doneMessage ?? null);
      return value;
    } catch (e) {
      if (id === seq.current) setError(errorMessage(e));
      return undefined;
    } finally {
      if (id === seq.current) setBusy(false);
    }
  }, []);
  const clear = useCallback(() => {
    setError(null);
    setDone(null);
  }, []);
  return { busy, error, done, run, clear };
}

/** The busy/error/done line under a panel's action buttons. */
export function ActionStatus({ action, busyLabel }: { action: Action; busyLabel: string }) {
  if (action.busy) return <Loading label={busyLabel} />;
  if (action.error) return <Notice kind="error">{action.error}</Notice>;
  if (action.done) return <Notice kind="ok">{action.done}</Notice>;
  return null;
}

/** Parses a number input: "" → null, anything else → a number (NaN when it is not one). */
export function parseNum(text: string): number | null {
  const t = text.trim();
  return t === "" ? null : Number(t);
}

export function fmtNum(n: number | null | undefined): string {
  if (n == null || !Number.isFinite(n)) return "";
  return String(Math.round(n * 100) / 100);
}
