// The workbook page's endpoints (edit, menu, schedule, clock, save, outbox, dialogs), each with its body
// checked field by field: the page is the only caller, and anything else is refused.
import type { LocalSession } from "../session";

export class RouteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_CELLS = 100_000;

type Body = Record<string, unknown>;

function str(b: Body, k: string): string {
  const v = b[k];
  if (typeof v !== "string" || v === "") throw new RouteError(400, `${k} must be a non-empty string.`);
  return v;
}

function int(b: Body, k: string): number {
  const v = b[k];
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > 10_000_000)
    throw new RouteError(400, `${k} must be a positive integer.`);
  return v;
}

function grid(v: unknown): string[][] {
  if (
    !Array.isArray(v) ||
    !v.length ||
    !v.every((r) => Array.isArray(r) && r.length === v[0].length && r.length)
  )
    throw new RouteError(400, "values must be a non-empty rectangular array of rows.");
  if (v.length * v[0].length > MAX_CELLS) throw new RouteError(413, "Paste at most 100,000 cells at once.");
  if (!v.every((r: unknown[]) => r.every((x) => typeof x === "string")))
    throw new RouteError(400, "values must be strings.");
  return v as string[][];
}

function tabOf(session: LocalSession, name: string): string {
  if (!session.runtime.sheetNames().includes(name)) throw new RouteError(404, `No tab named ${name}.`);
  return name;
}

/** GET routes: JSON, or HTML for a dialog; undefined when the path is not the workbook's. */
export function workbookGet(session: LocalSession, url: URL): { type: string; body: unknown } | undefined {
  switch (url.pathname) {
    case "/api/page":
      return { type: "json", body: session.info() };
    case "/api/view":
      return { type: "json", body: session.view(tabOf(session, url.searchParams.get("tab") ?? "")) };
    case "/api/outbox":
      return { type: "json", body: session.outbox() };
    case "/api/dialog": {
      const html = session.dialogHtml(Number(url.searchParams.get("id")));
      if (html === undefined) throw new RouteError(404, "No such dialog.");
      return { type: "html", body: html };
    }
    default:
      return undefined;
  }
}

/** POST routes (the body already checked to be same-origin JSON); undefined when the path is unknown. */
export async function workbookPost(session: LocalSession, path: string, body: Body): Promise<unknown> {
  switch (path) {
    case "/api/edit":
      return session.edit(
        tabOf(session, str(body, "tab")),
        int(body, "row"),
        int(body, "column"),
        grid(body.values),
      );
    case "/api/menu": {
      const sel = body.selection;
      const selection =
        sel && typeof sel === "object"
          ? {
              tab: tabOf(session, str(sel as Body, "tab")),
              row: int(sel as Body, "row"),
              column: int(sel as Body, "column"),
            }
          : undefined;
      return session.menu(str(body, "caption"), selection);
    }
    case "/api/schedule":
      return session.runSchedule();
    case "/api/advance": {
      const days = body.days;
      if (days !== 1 && days !== 7) throw new RouteError(400, "days must be 1 or 7.");
      return session.advance(days * DAY_MS);
    }
    case "/api/save":
      return session.save();
    default:
      return undefined;
  }
}
