// Loading a script into its own vm realm, and the handle through which its global functions are called.
import vm from "node:vm";
import type { AuthMode, Env } from "./env";
import { type GasGlobals, SERVICE_NAMES } from "./globals";
import { bindBuiltins, contextRealm, isBindingClash } from "./realm";

export interface ScriptHandle {
  /** The vm context the script runs in (its global object). */
  readonly context: vm.Context;
  /** True when the script defines a global function with this name. */
  has(name: string): boolean;
  /** Calls a global function as one execution in AuthMode.FULL; returns what it returns. */
  call(name: string, ...args: unknown[]): unknown;
  /** Calls a global function in a given authorization mode (NONE, LIMITED, CUSTOM_FUNCTION, FULL). */
  callAs(authMode: AuthMode, name: string, ...args: unknown[]): unknown;
  /** Names of the global functions the script defines. */
  functions(): string[];
  /** Evaluates code in the script's context. */
  evaluate(code: string): unknown;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Ends an execution: releases the locks it still holds. */
type OnEnd = (executionId: number) => void;

function makeHandle(context: vm.Context, env: Env | null, onEnd: OnEnd): ScriptHandle {
  const reserved = new Set<string>(SERVICE_NAMES);
  const fn = (name: string): ((...args: unknown[]) => unknown) => {
    if (!IDENT.test(name)) throw new Error(`Not a function name: ${name}`);
    const f =
      (context as Record<string, unknown>)[name] ??
      vm.runInContext(`typeof ${name} === "function" ? ${name} : undefined`, context);
    if (typeof f !== "function") throw new Error(`Script function not found: ${name}`);
    return f as (...args: unknown[]) => unknown;
  };
  const callAs = (authMode: AuthMode, name: string, ...args: unknown[]) => {
    const f = fn(name);
    if (!env) return f(...args);
    const adopted = args.map((a) => env.realm.plain(a));
    return env.run(authMode, () => f(...adopted), onEnd);
  };
  return {
    context,
    has(name) {
      if (!IDENT.test(name)) return false;
      return vm.runInContext(`typeof ${name} === "function"`, context) === true;
    },
    call: (name, ...args) => callAs("FULL", name, ...args),
    callAs,
    functions() {
      return Object.keys(context).filter(
        (k) => !reserved.has(k) && typeof (context as Record<string, unknown>)[k] === "function",
      );
    },
    evaluate: (code) => vm.runInContext(code, context),
  };
}

/**
 * Runs `code` in a fresh vm context whose only globals are the services, and points `env` at it. The
 * context's standard built-ins are bound as script-level names first (realm.ts, bindBuiltins), so the
 * script's lookups of Math, Array, … cost what they cost in Apps Script and find the same objects.
 */
export function loadScript(
  env: Env,
  globals: GasGlobals,
  code: string,
  filename: string,
  onEnd: OnEnd,
  bind = true,
): ScriptHandle {
  const context = vm.createContext({ ...globals }, { name: filename });
  const bound = bind ? bindBuiltins(context, code) : [];
  env.realm = contextRealm(context);
  const handle = makeHandle(context, env, onEnd);
  env.callScript = (name, args) => handle.call(name, ...args);
  env.evalInScript = (src) => vm.runInContext(src, context);
  // Global code runs as an execution too (it runs before every trigger in Apps Script).
  try {
    env.run("FULL", () => vm.runInContext(code, context, { filename }), onEnd);
  } catch (error) {
    // The script declares a bound name in a way bindBuiltins did not see: nothing of it ran yet, so
    // load it again without the bindings.
    if (isBindingClash(error, bound)) return loadScript(env, globals, code, filename, onEnd, false);
    throw error;
  }
  return handle;
}

/** Loads code into an EMPTY context (no services, no Date shim): what Apps Script's parse step sees. */
export function loadEmpty(code: string, filename: string): ScriptHandle {
  const context = vm.createContext({}, { name: filename });
  vm.runInContext(code, context, { filename });
  return makeHandle(context, null, () => {});
}
