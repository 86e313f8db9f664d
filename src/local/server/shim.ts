// The google.script.run / google.script.host stand-in injected into the sidebar on the local page. It mimics
// the real one where the sidebar could notice: handlers run asynchronously, arguments must be JSON-safe
// (a Date or a function throws at the call, as in Apps Script), a server error reaches the failure handler
// as an Error carrying the server's message, and a name ending in "_" is private.
// Plain ES5-ish browser code kept in a string: it is inlined into the served HTML, never bundled.
export const SHIM_JS = `(function () {
  "use strict";
  function check(v, path) {
    if (v === null || typeof v === "string" || typeof v === "boolean") return;
    if (typeof v === "number") { if (!isFinite(v)) throw new Error("Failed due to illegal value in property: " + path); return; }
    if (v === undefined) return;
    if (Array.isArray(v)) { for (var i = 0; i < v.length; i++) check(v[i], path + "." + i); return; }
    if (typeof v === "object" && Object.prototype.toString.call(v) === "[object Object]") {
      for (var k in v) if (Object.prototype.hasOwnProperty.call(v, k)) check(v[k], path + "." + k);
      return;
    }
    throw new Error("Failed due to illegal value in property: " + path);
  }
  function notifyPage(msg) {
    try { if (window.parent !== window) window.parent.postMessage(msg, location.origin); } catch (e) {}
  }
  function invoke(name, args, ok, fail, user) {
    for (var i = 0; i < args.length; i++) check(args[i], String(i));
    var body = JSON.stringify({ args: args.map(function (a) { return a === undefined ? null : a; }) });
    fetch("/rpc/" + encodeURIComponent(name), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: body
    }).then(function (res) {
      return res.text().then(function (text) {
        var data = {};
        try { data = text ? JSON.parse(text) : {}; } catch (e) { data = { message: text }; }
        if (!res.ok) throw new Error(data.message || ("Server error " + res.status));
        return data.result;
      });
    }, function () {
      throw new Error("NetworkError: Connection failure due to HTTP 0");
    }).then(function (result) {
      notifyPage({ type: "leadscore:rpc", name: name, args: JSON.parse(body).args, ok: true });
      if (ok) ok(result, user); 
    }, function (err) {
      notifyPage({ type: "leadscore:rpc", name: name, ok: false, message: err.message });
      if (fail) fail(err, user); else console.error(err);
    });
  }
  function runner(ok, fail, user) {
    return new Proxy({}, {
      get: function (_, prop) {
        if (typeof prop !== "string") return undefined;
        if (prop === "withSuccessHandler") return function (h) { return runner(h, fail, user); };
        if (prop === "withFailureHandler") return function (h) { return runner(ok, h, user); };
        if (prop === "withUserObject") return function (u) { return runner(ok, fail, u); };
        if (prop === "then") return undefined;
        return function () {
          if (/_$/.test(prop)) throw new TypeError("google.script.run." + prop + " is not a function");
          invoke(prop, Array.prototype.slice.call(arguments), ok, fail, user);
        };
      }
    });
  }
  window.google = window.google || {};
  window.google.script = {
    run: runner(null, null, undefined),
    host: {
      origin: location.origin,
      close: function () { notifyPage({ type: "leadscore:close" }); },
      setHeight: function () {},
      setWidth: function () {},
      editor: { focus: function () { notifyPage({ type: "leadscore:focus" }); } }
    },
    url: { getLocation: function (cb) { cb({ hash: "", parameter: {}, parameters: {} }); } }
  };
})();`;
