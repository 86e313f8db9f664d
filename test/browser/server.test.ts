// The local page server's HTTP contract, without a browser.
import { readFile } from "node:fs/promises";
import { request } from "node:http";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../../src/local/open-session";
import { type LocalServer, sidebarWithShim, startServer } from "../../src/local/server";
import { illegalPath } from "../../src/local/server/json";
import type { ActionResult, PageInfo } from "../../src/local/server/page-api";
import type { LocalSession } from "../../src/local/session";
import { builtPage } from "./helpers";

let server: LocalServer;
const calls: unknown[][] = [];

beforeAll(async () => {
  const fns: Record<string, (...a: unknown[]) => unknown> = {
    echo: (...a) => a,
    boom: () => {
      throw new Error("Sheet is locked");
    },
    when: () => ({ at: new Date(0) }),
    hidden_: () => "private",
    nothing: () => undefined,
  };
  server = await startServer({
    handle: {
      has: (n) => n in fns,
      call: (n, ...a) => {
        calls.push([n, ...a]);
        return fns[n](...a);
      },
    },
    tabs: () => [
      {
        name: "Leads",
        values: [
          ["Name", "Created"],
          ["<b>x</b>", new Date(Date.UTC(2025, 0, 2))],
        ],
      },
    ],
    sidebarHtml: "<!doctype html><html><head><title>t</title></head><body>ok</body></html>",
    pageHtml: await builtPage(),
  });
});
afterAll(() => server.close());

function post(name: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(new URL(`/rpc/${name}`, server.url), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

/** A raw request, so the Host header can be forged (fetch does not allow that). */
function rawGet(path: string, host: string): Promise<number> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { Host: host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

describe("local server", () => {
  it("binds to 127.0.0.1", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("calls functions with JSON args and returns their result", async () => {
    const res = await post("echo", { args: [1, "a", { b: [true, null] }] });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: [1, "a", { b: [true, null] }] });
    expect(await (await post("nothing", { args: [] })).json()).toEqual({});
  });

  it("turns a thrown error into HTTP 500 with its message", async () => {
    const res = await post("boom", { args: [] });
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: "Sheet is locked" });
  });

  it("refuses results google.script.run could not carry (Date)", async () => {
    const res = await post("when", { args: [] });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { message: string }).message).toContain("result.at");
  });

  it("refuses private, unknown and non-JSON calls", async () => {
    const before = calls.length;
    expect((await post("hidden_", { args: [] })).status).toBe(404);
    expect((await post("missing", { args: [] })).status).toBe(404);
    expect((await post("echo", { args: [] }, { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await post("echo", { args: [] }, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await post("echo", { args: "x" })).status).toBe(400);
    expect((await fetch(new URL("/rpc/echo", server.url))).status).toBe(405);
    expect(calls.length).toBe(before);
  });

  it("rejects a foreign Host header (DNS rebinding)", async () => {
    const port = new URL(server.url).port;
    expect(await rawGet("/api/tabs", `127.0.0.1:${port}`)).toBe(200);
    expect(await rawGet("/api/tabs", `localhost:${port}`)).toBe(200);
    expect(await rawGet("/api/tabs", `evil.example:${port}`)).toBe(403);
  });

  it("serves tabs as JSON with ISO dates, whole or one by one", async () => {
    const all = await (await fetch(new URL("/api/tabs", server.url))).json();
    expect(all).toEqual([
      {
        name: "Leads",
        values: [
          ["Name", "Created"],
          ["<b>x</b>", "2025-01-02T00:00:00.000Z"],
        ],
      },
    ]);
    const one = await (await fetch(new URL("/api/tabs?tab=Leads", server.url))).json();
    expect(one).toEqual(all[0]);
    expect(await (await fetch(new URL("/api/tabs?summary=1", server.url))).json()).toEqual([
      { name: "Leads", rows: 2, columns: 2 },
    ]);
    expect((await fetch(new URL("/api/tabs?tab=Nope", server.url))).status).toBe(404);
  });

  it("serves the page and the sidebar with the shim first in <head>", async () => {
    const page = await (await fetch(server.url)).text();
    expect(page).toContain('id="app"');
    expect(page).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    const sidebar = await (await fetch(new URL("/sidebar", server.url))).text();
    expect(sidebar.indexOf("window.google.script")).toBeGreaterThan(sidebar.indexOf("<head>"));
    expect(sidebar.indexOf("window.google.script")).toBeLessThan(sidebar.indexOf("<title>"));
    expect(sidebarWithShim("<p>no head</p>")).toMatch(/^<script>/);
  });
});

describe("illegalPath", () => {
  it("accepts plain JSON and names the first illegal value", () => {
    expect(illegalPath({ a: [1, "x", null, true, { b: 2 }] })).toBeNull();
    expect(illegalPath({ a: [1, new Date()] })).toBe("result.a[1]");
    expect(illegalPath(() => 1)).toBe("result");
    expect(illegalPath({ n: Number.NaN })).toBe("result.n");
  });
});

describe("the workbook endpoints", () => {
  let wb: LocalServer;
  let session: LocalSession;
  beforeAll(async () => {
    const root = resolve(import.meta.dirname, "../..");
    session = await openSession({
      demo: join(root, "examples/demo"),
      timeZone: "UTC",
      code: await readFile(join(root, "dist/Code.js"), "utf8"),
      sidebarHtml: "<p>sidebar</p>",
      fixedClock: true,
    });
    wb = await startServer({
      handle: session.script,
      tabs: () => session.runtime.tabs(),
      sidebarHtml: "<p>sidebar</p>",
      pageHtml: await builtPage(),
      session,
    });
  });
  afterAll(() => wb.close());

  const api = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(new URL(path, wb.url), {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    });

  it("edits through the runtime and refuses anything but same-origin JSON with valid fields", async () => {
    const edit = { tab: "Lists", row: 2, column: 1, values: [["x"]] };
    expect((await api("/api/edit", edit, { Origin: "http://evil.example" })).status).toBe(403);
    expect((await api("/api/edit", edit, { "Content-Type": "text/plain" })).status).toBe(415);
    expect((await api("/api/edit", { ...edit, tab: "Nope" })).status).toBe(404);
    expect((await api("/api/edit", { ...edit, row: 0 })).status).toBe(400);
    expect((await api("/api/edit", { ...edit, values: [["a"], ["b", "c"]] })).status).toBe(400);
    expect((await api("/api/edit", { ...edit, values: [[1]] })).status).toBe(400);
    expect((await api("/api/advance", { days: 3 })).status).toBe(400);
    expect((await api("/api/nope", {})).status).toBe(404);
    // Only a server started with newWorkbook (npm start) creates workbooks from a path.
    expect((await api("/api/new-workbook", { from: "/tmp/contacts.csv" })).status).toBe(404);
    expect(session.runtime.values("Lists")[1][0]).not.toBe("x");
    const res = await api("/api/edit", edit);
    expect(res.status).toBe(200);
    expect(session.runtime.values("Lists")[1][0]).toBe("x");
    expect(((await res.json()) as { status: { unsaved: boolean } }).status.unsaved).toBe(true);
  });

  it("says the demo is not saved, and serves dialogs sandboxed", async () => {
    const save = await api("/api/save", {});
    expect(save.status).toBe(500);
    expect(((await save.json()) as { message: string }).message).toMatch(/in memory/);
    const info = (await (await fetch(new URL("/api/page", wb.url))).json()) as PageInfo;
    expect(info.status.canSave).toBe(false);
    expect(info.status.note).toMatch(/in memory.*fixed date/);
    expect(info.menu?.items.map((i) => ("caption" in i ? i.caption : "-"))).toEqual(
      session.runtime.ui.menus[0].items.map((i) => (i.kind === "item" ? i.caption : "-")),
    );
    const r = (await (
      await api("/api/menu", {
        caption: "Explain selected lead",
        selection: { tab: "Leads", row: 2, column: 1 },
      })
    ).json()) as ActionResult;
    const dialog = r.events.find((e) => e.kind === "dialog");
    expect(dialog).toBeDefined();
    const html = await fetch(new URL(`/api/dialog?id=${dialog && "id" in dialog ? dialog.id : -1}`, wb.url));
    expect(html.headers.get("content-security-policy")).toBe("sandbox allow-scripts");
    expect(await html.text()).toContain(String(session.runtime.values("Leads")[1][0]));
  });
});
