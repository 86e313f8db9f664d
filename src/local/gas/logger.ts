// Logger and console: recorded in the runtime's logs (and echoed to the host when asked).
import { inspect } from "node:util";
import type { Env, LogEntry } from "./env";

const text = (v: unknown) => (typeof v === "string" ? v : inspect(v, { depth: 4, breakLength: 120 }));

export class Logger {
  constructor(private readonly env: Env) {}
  /** log(data) or log(format, ...values) with %s placeholders. */
  log(format: unknown, ...values: unknown[]): this {
    let msg = text(format);
    if (values.length) {
      let i = 0;
      msg = msg.replace(/%s/g, () => (i < values.length ? text(values[i++]) : "%s"));
    }
    this.env.log("Logger", msg);
    return this;
  }
  getLog(): string {
    return this.env.logs
      .filter((l) => l.level === "Logger")
      .map((l) => l.message)
      .join("\n");
  }
  clear(): void {
    for (let i = this.env.logs.length - 1; i >= 0; i--)
      if (this.env.logs[i].level === "Logger") this.env.logs.splice(i, 1);
  }
}

/** A console for the vm context (not a counted service, as in Apps Script). */
export function makeConsole(env: Env): Pick<Console, "log" | "info" | "warn" | "error" | "debug"> {
  const at =
    (level: LogEntry["level"]) =>
    (...args: unknown[]) =>
      env.log(level, args.map(text).join(" "));
  return { log: at("log"), info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
}
