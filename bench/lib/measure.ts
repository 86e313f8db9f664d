// Small measuring helpers shared by the benches (bench/lib is not a bench entry of its own).

import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";

/**
 * CPU time of this process's main thread in ms (Linux schedstat; NaN elsewhere). Unlike wall time it does
 * not grow while other processes hold the CPU, so before/after comparisons survive a busy machine.
 */
export function mainThreadCpuMs(): number {
  try {
    const [runNs] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, "utf8").split(" ");
    return Number(runNs) / 1e6;
  } catch {
    return Number.NaN;
  }
}

/** Peak resident memory of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export const fmtInt = (x: number): string => Math.round(x).toLocaleString("en-US");

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
export const fmtS = (ms: number): string => `${(ms / 1000).toFixed(3)} s`;

/** "load average 1.23 (2 CPUs)": benches print it so that figures can be read against the machine state. */
export function machineState(): string {
  const cpus = spawnSync("nproc", { encoding: "utf8" }).stdout?.trim() || "?";
  return `load average ${loadavg()[0].toFixed(2)} (${cpus} CPUs), Node ${process.version}`;
}

export interface Timed<T> {
  value: T;
  wallMs: number;
  /** Main thread only. */
  cpuMs: number;
  /** All threads of the process (GC helpers included). */
  processCpuMs: number;
}

const processCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Runs `f` once, timing wall clock and main-thread CPU. */
export function timed<T>(f: () => T): Timed<T> {
  const c0 = mainThreadCpuMs();
  const p0 = processCpuMs();
  const t0 = performance.now();
  const value = f();
  const wallMs = performance.now() - t0;
  return { value, wallMs, cpuMs: mainThreadCpuMs() - c0, processCpuMs: processCpuMs() - p0 };
}

/** "1.234 s wall, 0.987 s CPU (main thread), 1.100 s CPU (all threads)". */
export function fmtTimed(t: Timed<unknown>): string {
  return `${fmtS(t.wallMs)} wall, ${fmtS(t.cpuMs)} CPU main thread, ${fmtS(t.processCpuMs)} CPU all threads`;
}
