// DuckDB, called synchronously. The bundle calls `BigQuery.Jobs.query` as a plain function, as Apps Script
// does, but @duckdb/node-api is asynchronous: DuckDB runs in a worker thread with its own event loop, and
// the calling thread blocks on Atomics.wait until the worker has posted the answer, then takes it off the
// port with receiveMessageOnPort (both synchronous). Loaded lazily: a runtime that never queries starts no
// worker, and the worker is unref'd so that it never keeps the process alive.
import { createRequire } from "node:module";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";

/** A column of a result, with DuckDB's type name (VARCHAR, DOUBLE, BIGINT, BOOLEAN, TIMESTAMP…). */
export interface DuckColumn {
  name: string;
  type: string;
}

export interface DuckResult {
  columns: DuckColumn[];
  /** Values as DuckDB's JSON form gives them: strings, numbers (BIGINT as text), booleans, null. */
  rows: unknown[][];
}

/** A table to create: columns all VARCHAR, from rows of text, or a CSV file read as text. */
export type DuckTable =
  | { name: string; columns: string[]; rows: (string | null)[][] }
  | { name: string; csv: string };

type Request = { kind: "query"; sql: string } | { kind: "load"; table: DuckTable } | { kind: "close" };

type Reply = { ok: true; result?: DuckResult } | { ok: false; message: string };

// The worker's code: plain CommonJS, evaluated as a string so that it needs no file of its own in the
// bundle. Values are turned into JSON-safe forms there (BIGINT as text, DuckDB's own value classes via
// toString), so that they cross the port as plain data.
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { DuckDBInstance } = require(workerData.duckdb);
let connection;
async function db() {
  if (!connection) connection = await (await DuckDBInstance.create(":memory:")).connect();
  return connection;
}
const plain = (v) =>
  v === null || v === undefined ? null
  : typeof v === "bigint" ? v.toString()
  : typeof v === "object" ? String(v)
  : v;
const quote = (s) => '"' + s.replace(/"/g, '""') + '"';
async function handle(req) {
  const c = await db();
  if (req.kind === "query") {
    const reader = await c.runAndReadAll(req.sql);
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => String(t));
    return { columns: names.map((name, i) => ({ name, type: types[i] })), rows: reader.getRows().map((r) => r.map(plain)) };
  }
  if (req.kind === "load") {
    const t = req.table;
    if ("csv" in t) {
      const path = "'" + t.csv.replace(/'/g, "''") + "'";
      await c.run("CREATE OR REPLACE TABLE " + quote(t.name) + " AS SELECT * FROM read_csv(" + path + ", all_varchar = true, header = true, delim = ',', quote = '\\"', escape = '\\"', null_padding = true)");
      return undefined;
    }
    await c.run("CREATE OR REPLACE TABLE " + quote(t.name) + " (" + t.columns.map((n) => quote(n) + " VARCHAR").join(", ") + ")");
    const appender = await c.createAppender(t.name);
    for (const row of t.rows) {
      for (let i = 0; i < t.columns.length; i++) {
        const v = row[i];
        if (v === null || v === undefined) appender.appendNull(); else appender.appendVarchar(v);
      }
      appender.endRow();
    }
    appender.closeSync();
    return undefined;
  }
  if (connection) connection.closeSync();
  return undefined;
}
parentPort.on("message", async ({ req, port, signal }) => {
  let reply;
  try {
    reply = { ok: true, result: await handle(req) };
  } catch (e) {
    reply = { ok: false, message: e && e.message ? e.message : String(e) };
  }
  port.postMessage(reply);
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** Longer than Apps Script's 6-minute execution limit: a query still running then is stuck. */
const WAIT_MS = 10 * 60_000;

export class SyncDuckDb {
  private worker?: Worker;

  /** Runs one statement and returns its rows; DuckDB's error message is thrown as an Error. */
  query(sql: string): DuckResult {
    return this.send({ kind: "query", sql }).result ?? { columns: [], rows: [] };
  }

  load(table: DuckTable): void {
    this.send({ kind: "load", table });
  }

  /** Ends the worker (a runtime that queried keeps it until then, or until the process ends). */
  close(): void {
    if (!this.worker) return;
    this.send({ kind: "close" });
    void this.worker.terminate();
    this.worker = undefined;
  }

  private send(req: Request): Reply & { ok: true } {
    const worker = this.start();
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ req, port: port2, signal }, [port2 as MessagePort]);
    // Blocks this thread only; the worker's loop runs on. (No event of this thread, such as the worker's
    // exit, can be seen while it waits, hence a bound on the wait rather than an exit handler.)
    if (Atomics.wait(signal, 0, 0, WAIT_MS) === "timed-out") {
      throw new Error(`The local DuckDB worker did not answer within ${WAIT_MS / 60_000} minutes.`);
    }
    const message = receiveMessageOnPort(port1)?.message as Reply | undefined;
    port1.close();
    if (!message) throw new Error("The local DuckDB worker sent no answer.");
    if (!message.ok) throw new Error(message.message);
    return message;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const duckdb = createRequire(import.meta.url).resolve("@duckdb/node-api");
    const worker = new Worker(WORKER, { eval: true, workerData: { duckdb } });
    worker.unref();
    this.worker = worker;
    return worker;
  }
}
