// Loads the built add-on (dist/Code.js) into the local Apps Script runtime, as the end-to-end tests do.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createRuntime,
  type LocalRuntime,
  type LocalRuntimeOptions,
  type ScriptHandle,
  type TabValues,
} from "../../src/local/gas";

// build/bench/<name>.js → <repo>/dist
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

export interface Addon {
  runtime: LocalRuntime;
  script: ScriptHandle;
}

/**
 * Loads dist/Code.js as built. The runtime binds the standard built-ins in the script's context first
 * (src/local/gas/realm.ts): Node's vm would otherwise resolve every global name (Math, Number, …) through
 * the context's interceptor, about 100× slower than a normal lookup, a cost Apps Script does not have.
 */
export function loadAddon(tabs: TabValues[], now: Date, options: LocalRuntimeOptions = {}): Addon {
  const code = dist("Code.js");
  if (!existsSync(code)) throw new Error(`${code} is missing: run npm run build first`);
  const sidebar = existsSync(dist("sidebar.html")) ? readFileSync(dist("sidebar.html"), "utf8") : "";
  const runtime = createRuntime({ now, files: { sidebar }, ...options });
  runtime.loadTabs(tabs);
  const source = readFileSync(code, "utf8");
  const script = runtime.load(source);
  return { runtime, script };
}
