// Calls to the local server. The workbook endpoints exist only when the server has a session; without
// one (a read-only page) the page falls back to /api/tabs.
import type { ActionResult, PageInfo, TabView } from "../src/local/server/page-api";

async function parse<T>(res: Response): Promise<T> {
  const data = (await res.json().catch(() => ({}))) as T & { message?: string };
  if (!res.ok) throw new Error(data.message ?? `HTTP ${res.status}`);
  return data;
}

export const getJson = <T>(url: string): Promise<T> => fetch(url).then((r) => parse<T>(r));

export const post = <T = ActionResult>(path: string, body: unknown): Promise<T> =>
  fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  }).then((r) => parse<T>(r));

/** The page's info, or null when the server only shows the tabs. */
export async function pageInfo(): Promise<PageInfo | null> {
  const res = await fetch("/api/page");
  if (res.status === 404) {
    const tabs = await getJson<{ name: string; rows: number; columns: number }[]>("/api/tabs?summary=1");
    return { menu: null, tabs: tabs.map((t) => ({ ...t, hidden: false })), status: null as never };
  }
  return parse<PageInfo>(res);
}

export async function tabView(name: string, editable: boolean): Promise<TabView> {
  if (editable) return getJson<TabView>(`/api/view?tab=${encodeURIComponent(name)}`);
  const t = await getJson<{ name: string; values: unknown[][] }>(`/api/tabs?tab=${encodeURIComponent(name)}`);
  return { ...t, formulas: {}, styles: {}, protections: [] };
}
