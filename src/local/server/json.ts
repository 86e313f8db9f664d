// JSON for the local bridge. Tab values: Dates become ISO strings (how the page shows them). RPC results:
// google.script.run refuses Dates, functions and other non-plain values, so the bridge refuses them too —
// a server function that works locally but returns a Date would fail in Sheets.

/** Path of the first value google.script.run could not return, or null when `v` is plain JSON. */
export function illegalPath(v: unknown, path = "result"): string | null {
  if (v === null || v === undefined || typeof v === "string" || typeof v === "boolean") return null;
  if (typeof v === "number") return Number.isFinite(v) ? null : path;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const p = illegalPath(v[i], `${path}[${i}]`);
      if (p) return p;
    }
    return null;
  }
  // Cross-realm safe (values from the vm context have other prototypes): look at the tag, not instanceof.
  if (typeof v === "object" && Object.prototype.toString.call(v) === "[object Object]") {
    for (const [k, x] of Object.entries(v)) {
      const p = illegalPath(x, `${path}.${k}`);
      if (p) return p;
    }
    return null;
  }
  return path;
}

/** Serialises tab values; Date cells (from any realm) become ISO strings via their toJSON. */
export function tabsJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
}
