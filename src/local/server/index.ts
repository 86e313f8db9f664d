// The local page server (node:http only): the workbook tabs, the real sidebar, and the google.script.run
// bridge to the local runtime. Bound to 127.0.0.1, and it checks Host and Origin, because it exposes the
// add-on's server functions: a web page in another tab must not be able to call them.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { LocalSession } from "../session";
import { illegalPath, tabsJson } from "./json";
import { SHIM_JS } from "./shim";
import { RouteError, workbookGet, workbookPost } from "./workbook-routes";

export interface RpcHandle {
  call(name: string, ...args: unknown[]): unknown;
  /** Whether the loaded script has a global function `name` (the runtime's handle may offer this). */
  has?(name: string): boolean;
  /** The loaded script's global function names (alternative to `has`). */
  functionNames?(): readonly string[];
}

export interface LocalTab {
  name: string;
  values: unknown[][];
}

export interface ServerOptions {
  handle: RpcHandle;
  tabs: () => LocalTab[];
  sidebarHtml: string;
  /** The workbook page (built/page.html, see scripts/build-sidebar.mjs). */
  pageHtml: string;
  /** The editable workbook behind the page; without it the page only shows the tabs. */
  session?: LocalSession;
  /**
   * Creates a workbook around the export at `from` (a path on this machine) and opens it: the page's
   * "New workbook from an export…". The server then serves the new session (tabs, sidebar, endpoints).
   */
  newWorkbook?: (from: string) => Promise<{ session: LocalSession; report: string[] }>;
  /** 0 (default) picks any free port. */
  port?: number;
  host?: "127.0.0.1";
  /** Functions the sidebar may call; default: every function whose name does not end in "_". */
  allow?: readonly string[];
}

export interface LocalServer {
  url: string;
  close(): Promise<void>;
}

const MAX_BODY = 1 << 20;
const NAME = /^[A-Za-z_$][\w$]*$/;

const HttpError = RouteError;

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    "Content-Type": `${type}; charset=utf-8`,
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
  });
  res.end(body);
}

/**
 * An add-on dialog. The page shows it in a sandboxed iframe (no same-origin): like Sheets, which serves
 * HtmlService output from another origin, it cannot reach the page or call the server.
 */
function sendDialog(res: ServerResponse, html: string): void {
  res.setHeader("Content-Security-Policy", "sandbox allow-scripts");
  send(res, 200, "text/html", html);
}

const sendJson = (res: ServerResponse, status: number, body: string) =>
  send(res, status, "application/json", body);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, "Request too large."));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The sidebar with the google.script.run shim in front of every other script. */
export function sidebarWithShim(sidebarHtml: string): string {
  const tag = `<script>${SHIM_JS}</script>`;
  const m = /<head[^>]*>/i.exec(sidebarHtml);
  if (!m) return tag + sidebarHtml;
  const at = m.index + m[0].length;
  return sidebarHtml.slice(0, at) + tag + sidebarHtml.slice(at);
}

function errorMessage(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof e.message === "string") return e.message;
  return String(e);
}

export function startServer(options: ServerOptions): Promise<LocalServer> {
  const host = options.host ?? "127.0.0.1";
  let { handle } = options;
  let tabsOf = options.tabs;
  const allow = options.allow ? new Set(options.allow) : null;
  const page = options.pageHtml;
  let { session } = options;
  const sidebar = sidebarWithShim(options.sidebarHtml);
  let origins: Set<string> = new Set();

  function callable(name: string): boolean {
    if (!NAME.test(name) || name.endsWith("_")) return false;
    if (allow && !allow.has(name)) return false;
    if (handle.has) return handle.has(name);
    if (handle.functionNames) return handle.functionNames().includes(name);
    return true;
  }

  /** The JSON body of a POST from this server's own page (see the checks), or an HttpError. */
  async function jsonBody(req: IncomingMessage): Promise<unknown> {
    // A JSON content type cannot be sent cross-origin without a preflight, which this server never grants.
    if (!/^application\/json\b/i.test(req.headers["content-type"] ?? ""))
      throw new HttpError(415, "Send JSON (Content-Type: application/json).");
    const origin = req.headers.origin;
    if (origin !== undefined && !origins.has(origin)) throw new HttpError(403, "Cross-origin call refused.");
    try {
      return JSON.parse((await readBody(req)) || "{}");
    } catch (e) {
      if (e instanceof HttpError) throw e;
      throw new HttpError(400, "The request body is not JSON.");
    }
  }

  async function rpc(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    const body = await jsonBody(req);
    if (!callable(name)) throw new HttpError(404, `Script function not found: ${name}`);
    const args = (body as { args?: unknown } | null)?.args ?? [];
    if (!Array.isArray(args)) throw new HttpError(400, "args must be an array.");
    let result: unknown;
    try {
      result = await handle.call(name, ...args);
    } catch (e) {
      sendJson(res, 500, JSON.stringify({ message: errorMessage(e) }));
      return;
    }
    const bad = illegalPath(result);
    if (bad) {
      const message = `${name} returned a value google.script.run cannot pass (at ${bad}): return JSON only, e.g. ISO strings instead of Date.`;
      sendJson(res, 500, JSON.stringify({ message }));
      return;
    }
    sendJson(res, 200, JSON.stringify(result === undefined ? {} : { result }));
  }

  function tabs(url: URL, res: ServerResponse): void {
    const all = tabsOf();
    if (url.searchParams.has("summary")) {
      const summary = all.map((t) => ({
        name: t.name,
        rows: t.values.length,
        columns: t.values.reduce((m, r) => Math.max(m, r.length), 0),
      }));
      sendJson(res, 200, JSON.stringify(summary));
      return;
    }
    const name = url.searchParams.get("tab");
    if (name === null) {
      sendJson(res, 200, tabsJson(all));
      return;
    }
    const tab = all.find((t) => t.name === name);
    if (!tab) throw new HttpError(404, `No tab named ${name}.`);
    sendJson(res, 200, tabsJson(tab));
  }

  /** Creates and opens a workbook from an export, then serves it in place of the current one. */
  async function newWorkbook(body: Record<string, unknown>): Promise<unknown> {
    if (!options.newWorkbook) return undefined;
    const from = typeof body.from === "string" ? body.from.trim() : "";
    if (!from) throw new HttpError(400, "Give the path of the export file (.csv or .xlsx).");
    let opened: { session: LocalSession; report: string[] };
    try {
      opened = await options.newWorkbook(from);
    } catch (e) {
      throw new HttpError(400, errorMessage(e));
    }
    const next = opened.session;
    session = next;
    handle = next.script;
    tabsOf = () => next.runtime.tabs();
    return { report: opened.report, status: next.status() };
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // DNS-rebinding guard: only answer requests addressed to this server by its loopback name.
    if (!origins.has(`http://${req.headers.host ?? ""}`)) throw new HttpError(403, "Unexpected Host header.");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const rpcMatch = /^\/rpc\/([^/]+)$/.exec(url.pathname);
    if (rpcMatch) {
      if (method !== "POST") throw new HttpError(405, "Use POST.");
      await rpc(req, res, decodeURIComponent(rpcMatch[1]));
      return;
    }
    if (session && method === "POST" && url.pathname.startsWith("/api/")) {
      const body = await jsonBody(req);
      if (!body || typeof body !== "object" || Array.isArray(body))
        throw new HttpError(400, "Send a JSON object.");
      const result =
        url.pathname === "/api/new-workbook"
          ? await newWorkbook(body as Record<string, unknown>)
          : await workbookPost(session, url.pathname, body as Record<string, unknown>);
      if (result === undefined) throw new HttpError(404, "Not found.");
      sendJson(res, 200, tabsJson(result));
      return;
    }
    if (method !== "GET" && method !== "HEAD") throw new HttpError(405, "Method not allowed.");
    const got = session ? workbookGet(session, url) : undefined;
    if (got?.type === "json") sendJson(res, 200, tabsJson(got.body));
    else if (got) sendDialog(res, String(got.body));
    else if (url.pathname === "/") send(res, 200, "text/html", page);
    else if (url.pathname === "/sidebar") send(res, 200, "text/html", sidebar);
    else if (url.pathname === "/api/tabs") tabs(url, res);
    else if (url.pathname === "/favicon.ico") {
      res.writeHead(204);
      res.end();
    } else throw new HttpError(404, "Not found.");
  }

  const server = createServer((req, res) => {
    route(req, res).catch((e: unknown) => {
      const status = e instanceof HttpError ? e.status : 500;
      if (!res.headersSent) sendJson(res, status, JSON.stringify({ message: errorMessage(e) }));
      else res.end();
    });
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((err) => (err ? fail(err) : done()));
          }),
      });
    });
  });
}
