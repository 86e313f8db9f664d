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
