// Worker thread entry (build/csv-tail-worker.js): reads a CSV file's second part for readCsvTable (csv-tail.ts).
import { parentPort, workerData } from "node:worker_threads";
import { readCsvTail, type TailRequest } from "./csv-tail";

const tail = readCsvTail(workerData as TailRequest);
// Read between chunks; unref'd, so that the thread ends once its part is posted.
parentPort?.on("message", (column: number) => tail.giveUp(column)).unref();
const part = await tail.part;
// Its arrays move to the reading thread rather than being copied (each has a buffer of its own).
const buffers = new Set<ArrayBuffer>();
for (const view of [
  ...part.distinct.flatMap((d) => (d ? [d.bytes, d.ends] : [])),
  ...part.columns.flatMap((c) => [c.codes, c.bytes, c.ends, c.instants]),
])
  if (view) buffers.add(view.buffer as ArrayBuffer);
parentPort?.postMessage(part, [...buffers]);
