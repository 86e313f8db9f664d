// Values the runtime hands to the script are re-created in the vm context's realm, so `x instanceof Array`
// and `x instanceof Object` hold inside the script as they do in Apps Script. Fakes (class instances and
// their proxies), functions and Dates pass through unchanged.
import vm from "node:vm";
import type { Realm } from "./env";

const ADOPT = `(function (hostObjectProto) {
  function adopt(v) {
    if (Array.isArray(v)) {
      var a = new Array(v.length);
      for (var i = 0; i < v.length; i++) a[i] = adopt(v[i]);
      return a;
    }
    if (v !== null && typeof v === "object") {
      var proto = Object.getPrototypeOf(v);
      if (proto === hostObjectProto || proto === null) {
        var o = {};
        var keys = Object.keys(v);
        for (var k = 0; k < keys.length; k++) o[keys[k]] = adopt(v[keys[k]]);
        return o;
      }
    }
    return v;
  }
  function grid(rows) {
    var out = new Array(rows.length);
    for (var i = 0; i < rows.length; i++) {
      var s = rows[i];
      var r = new Array(s.length);
      for (var j = 0; j < s.length; j++) r[j] = s[j];
      out[i] = r;
    }
    return out;
  }
  return { plain: adopt, grid: grid };
})`;

export function contextRealm(context: vm.Context): Realm {
  const make = vm.runInContext(ADOPT, context) as (proto: object) => Realm;
  return make(Object.prototype);
}

// The standard built-ins a script looks up by name. In a vm context every global name is resolved through
// the context's interceptor (the sandbox object is asked first), about 100× slower than a normal lookup,
// which Apps Script does not pay. A script-level `let` binding per name, holding what the name resolves to
// in the context (its own Array, Object, … and the runtime's Date shim), is found before the global
// object, so lookups are ordinary again and see the same values.
const BUILTINS = [
  "Object",
  "Function",
  "Array",
  "Number",
  "Boolean",
  "String",
  "Symbol",
  "BigInt",
  "Math",
  "JSON",
  "Reflect",
  "Proxy",
  "Promise",
  "Date",
  "RegExp",
  "Error",
  "TypeError",
  "RangeError",
  "SyntaxError",
  "ReferenceError",
  "EvalError",
  "URIError",
  "AggregateError",
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "WeakRef",
  "FinalizationRegistry",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
  "Atomics",
  "Intl",
  "parseInt",
  "parseFloat",
  "isNaN",
  "isFinite",
  "encodeURIComponent",
  "decodeURIComponent",
  "encodeURI",
  "decodeURI",
  "escape",
  "unescape",
];

/**
 * Binds the built-ins in `context` (see BUILTINS) before `code` runs there, leaving out any name `code`
 * declares itself (a global `var`/`function`/`let`/`const`/`class` of the same name would clash with the
 * binding). Returns the names bound. A clash this scan misses (e.g. a destructuring declaration) makes
 * running `code` throw "Identifier 'X' has already been declared" before any of it runs: see
 * isBindingClash.
 */
export function bindBuiltins(context: vm.Context, code: string): string[] {
  const declared = new Set<string>();
  const pattern = new RegExp(
    `\\b(?:var|let|const|class|function\\s*\\*?)\\s*(${BUILTINS.join("|")})(?![\\w$])`,
    "g",
  );
  for (const m of code.matchAll(pattern)) declared.add(m[1]);
  const present = vm.runInContext(
    `(function (names) { return names.filter(function (n) { return typeof globalThis[n] !== "undefined"; }); })`,
    context,
  ) as (names: string[]) => string[];
  const names = [...present(BUILTINS.filter((n) => !declared.has(n)))];
  if (names.length)
    vm.runInContext(`let ${names.map((n) => `${n} = globalThis.${n}`).join(", ")};`, context, {
      filename: "leadscore-builtins.js",
    });
  return names;
}

/** Whether `error` (thrown by running a script after bindBuiltins) is a clash with one of `bound`. */
export function isBindingClash(error: unknown, bound: string[]): boolean {
  // The error is of the context's realm: not `instanceof` the host's SyntaxError.
  const m =
    typeof error === "object" && error !== null && "message" in error
      ? /^Identifier '([^']+)' has already been declared/.exec(String(error.message))
      : null;
  return m !== null && bound.includes(m[1]);
}
