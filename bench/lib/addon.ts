// Loads the built add-on (dist/Code.js) into the local Apps Script runtime, as the end-to-end tests do.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRuntime, type LocalRuntime, type ScriptHandle, type TabValues } from "../../src/local/gas";

// build/bench/<name>.js → <repo>/dist
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

export interface Addon {
  runtime: LocalRuntime;
  script: ScriptHandle;
}

/**
 * Node's vm resolves every global name (Math, Number, Object, …) of the loaded script through the
 * context's interceptor, about 100× slower than a plain lookup; Apps Script has no such cost. Binding
 * the built-ins as script-level constants first removes that local-only overhead (the add-on's own code
 * is unchanged), so figures taken this way are closer to what the script itself costs.
 */
export const BIND_BUILTINS = [
  "Math",
  "Number",
  "String",
  "Object",
  "Array",
  "Date",
  "JSON",
  "Map",
  "Set",
  "RegExp",
  "Int32Array",
  "Uint8Array",
  "Uint16Array",
  "Float64Array",
]
  .map((name) => `const ${name} = globalThis.${name};`)
  .join(" ");

export interface LoadOptions {
  /** Prepend BIND_BUILTINS to dist/Code.js (default false: the file as built). */
  bindBuiltins?: boolean;
}

export function loadAddon(tabs: TabValues[], now: Date, options: LoadOptions = {}): Addon {
  const code = dist("Code.js");
  if (!existsSync(code)) throw new Error(`${code} is missing: run npm run build first`);
  const sidebar = existsSync(dist("sidebar.html")) ? readFileSync(dist("sidebar.html"), "utf8") : "";
  const runtime = createRuntime({ now, files: { sidebar } });
  runtime.loadTabs(tabs);
  const source = readFileSync(code, "utf8");
  const script = runtime.load(options.bindBuiltins ? `${BIND_BUILTINS}\n${source}` : source);
  return { runtime, script };
}
