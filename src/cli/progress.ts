// Progress on long work, on stderr: shown when stderr is a terminal or with --progress, so that piped
// and tested output stays clean.
import type { CliIo } from "./command";

export type Progress = (step: string) => void;

/** `long`: the work may take long enough for a terminal to show it unasked. */
export function progress(
  io: CliIo,
  forced: boolean | undefined,
  long = true,
  now: () => number = Date.now,
): Progress {
  if (!forced && !(long && io.errIsTTY)) return () => {};
  const start = now();
  return (step) => io.err(`[${((now() - start) / 1000).toFixed(1)} s] ${step}`);
}
