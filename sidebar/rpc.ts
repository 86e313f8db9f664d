// Typed promise wrapper over google.script.run. The same code runs in Apps Script and in the local page,
// where the local server injects a google.script.run shim that posts to /rpc/<name>.
import type { SidebarApi } from "../src/contract";

type Handler = (value: unknown) => void;

interface ScriptRunner {
  withSuccessHandler(h: Handler): ScriptRunner;
  withFailureHandler(h: (error: unknown) => void): ScriptRunner;
  [name: string]: unknown;
}

declare global {
  interface Window {
    google?: { script?: { run?: ScriptRunner; host?: { close(): void } } };
  }
}

function runner(): ScriptRunner {
  const run = window.google?.script?.run;
  if (!run) throw new Error("google.script.run is not available: open the sidebar from the Sheets menu.");
  return run;
}

/** google.script.run hands failures over as Error-like objects or strings; keep only the message. */
export function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof e.message === "string" && e.message)
    return e.message;
  if (typeof e === "string" && e) return e;
  return "The server call failed.";
}

export function call<K extends keyof SidebarApi>(
  name: K,
  ...args: Parameters<SidebarApi[K]>
): Promise<ReturnType<SidebarApi[K]>> {
  return new Promise((resolve, reject) => {
    try {
      const r = runner()
        .withSuccessHandler((v) => resolve(v as ReturnType<SidebarApi[K]>))
        .withFailureHandler((e) => reject(new Error(errorMessage(e))));
      const fn = r[name];
      if (typeof fn !== "function") throw new Error(`The server has no function ${name}.`);
      fn.apply(r, args);
    } catch (e) {
      reject(new Error(errorMessage(e)));
    }
  });
}
