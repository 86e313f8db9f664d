// The local workbook page (`npm start`): the tabs as editable grids, the add-on's menu, its toasts, alerts
// and dialogs, Save, the clock and the Outbox, with the real sidebar beside them. All sheet text is
// rendered as text by Preact; an add-on dialog and an email body are shown in sandboxed iframes.
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import type { ActionResult, OutboxMail, PageInfo, TabView, UiEvent } from "../src/local/server/page-api";
import { getJson, pageInfo, post, tabView } from "./api";
import { editText } from "./cells";
import { type Cell, Grid } from "./grid";
import { MenuBar } from "./menu";
import { Modal } from "./modal";
import { NewWorkbook } from "./new-workbook";
import { Outbox } from "./outbox";

type Shown =
  | { kind: "alert"; title: string; message: string }
  | { kind: "dialog"; id: number; title: string; width: number | null; height: number | null }
  | { kind: "protected"; go(): void }
  | { kind: "outbox"; mails: OutboxMail[] }
  | { kind: "new-workbook" };

interface Toast {
  id: number;
  title: string;
  message: string;
  error?: boolean;
}

interface Undo {
  tab: string;
  at: Cell;
  values: string[][];
}

// Google's warning for a warning-only protected range (Data ▸ Protect sheets and ranges ▸ "Show a warning").
const HEADS_UP =
  "Heads up! You're trying to edit part of this sheet that shouldn't be changed accidentally. Edit anyway?";

let toastId = 0;

function App() {
  const [info, setInfo] = useState<PageInfo | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [view, setView] = useState<TabView | null>(null);
  const [sel, setSel] = useState<Cell | null>(null);
  const [modals, setModals] = useState<Shown[]>([]);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [busy, setBusy] = useState("");
  const [sidebarKey, setSidebarKey] = useState(0);
  const undo = useRef<Undo[]>([]);
  const activeRef = useRef(active);
  activeRef.current = active;
  const versionRef = useRef<number | undefined>(undefined);
  versionRef.current = info?.status?.version;
  const editable = info?.menu != null;

  const toast = (t: Omit<Toast, "id">) => {
    const id = ++toastId;
    setToasts((all) => [...all.slice(-3), { ...t, id }]);
    setTimeout(() => setToasts((all) => all.filter((x) => x.id !== id)), t.error ? 15000 : 8000);
  };

  /** Reloads the tab list and a tab: `tab` (a jump), else the tab that is active when the answers come. */
  const refresh = async (tab?: string) => {
    const next = await pageInfo();
    if (!next) return;
    setInfo(next);
    const names = next.tabs.filter((t) => !t.hidden).map((t) => t.name);
    const wanted = tab ?? activeRef.current;
    const name = wanted && next.tabs.some((t) => t.name === wanted) ? wanted : (names[0] ?? null);
    const v = name ? await tabView(name, next.menu != null) : null;
    // The user opened another tab meanwhile: that one stays.
    if (tab === undefined && activeRef.current !== wanted) return;
    activeRef.current = name;
    setActive(name);
    setView(v);
  };

  const show = (events: UiEvent[]) => {
    const shown: Shown[] = [];
    for (const e of events) {
      if (e.kind === "toast") toast({ title: e.title, message: e.message });
      else if (e.kind === "sidebar") setSidebarKey((k) => k + 1);
      else shown.push(e);
    }
    if (shown.length) setModals((m) => [...m, ...shown]);
  };

  const run = async (label: string, call: () => Promise<ActionResult>) => {
    setBusy(label);
    try {
      const result = await call();
      show(result.events);
      if (result.error) toast({ title: label, message: result.error, error: true });
      await refresh();
    } catch (e) {
      toast({ title: label, message: (e as Error).message, error: true });
    } finally {
      setBusy("");
    }
  };

  const writeCells = (tab: string, at: Cell, values: string[][]) =>
    run("Edit", () => post("/api/edit", { tab, row: at.row, column: at.column, values }));

  const commit = (at: Cell, values: string[][]) => {
    if (!view || !active) return;
    const before = values.map((r, i) =>
      r.map((_, j) =>
        editText(
          view.values[at.row + i - 1]?.[at.column + j - 1],
          view.formulas[`${at.row + i},${at.column + j}`],
        ),
      ),
    );
    if (before.every((r, i) => r.every((v, j) => v === values[i][j]))) return;
    const go = () => {
      undo.current.push({ tab: active, at, values: before });
      void writeCells(active, at, values);
    };
    const lastRow = at.row + values.length - 1;
    const lastColumn = at.column + values[0].length - 1;
    const warned = view.protections.some(
      (p) =>
        p.warningOnly &&
        p.row <= lastRow &&
        p.lastRow >= at.row &&
        p.column <= lastColumn &&
        p.lastColumn >= at.column,
    );
    if (warned) setModals((m) => [...m, { kind: "protected", go }]);
    else go();
  };

  const undoLast = () => {
    const u = undo.current.pop();
    if (!u) return;
    if (u.tab !== activeRef.current) void openTab(u.tab);
    setSel(u.at);
    void writeCells(u.tab, u.at, u.values);
  };

  const openTab = async (name: string, cell: Cell | null = null) => {
    activeRef.current = name;
    setActive(name);
    setSel(cell);
    const v = await tabView(name, editable);
    if (activeRef.current === name) setView(v);
  };

  useEffect(() => {
    refresh().catch((e: Error) =>
      toast({ title: "Leadscore", message: `Could not load the workbook: ${e.message}`, error: true }),
    );
    const onMessage = (ev: MessageEvent) => {
      const frame = document.getElementById("sidebar") as HTMLIFrameElement | null;
      if (ev.origin !== location.origin || ev.source !== frame?.contentWindow) return;
      const m = (ev.data ?? {}) as { type?: string; ok?: boolean; name?: string; args?: unknown[] };
      if (m.type !== "leadscore:rpc" || !m.ok) return;
      if (m.name === "selectCell" && typeof m.args?.[0] === "string") {
        const [tab, row, column] = m.args as [string, number, string];
        void refresh(tab).then(async () => {
          const v = await tabView(tab, true).catch(() => tabView(tab, false));
          const c = (v.values[0] ?? []).map(String).indexOf(String(column)) + 1;
          setView(v);
          setSel({ row: Number(row) || 1, column: c || 1 });
        });
      } else void refresh();
    };
    window.addEventListener("message", onMessage);
    // Background trigger runs (a debounced rescore, a schedule) change the workbook too: follow them.
    const poll = setInterval(async () => {
      const latest = await pageInfo().catch(() => null);
      if (latest?.status && latest.status.version !== versionRef.current) void refresh();
    }, 5000);
    return () => {
      window.removeEventListener("message", onMessage);
      clearInterval(poll);
    };
  }, []);

  const status = info?.status;
  const top = modals[0];
  const closeTop = () => setModals((m) => m.slice(1));
  const selection = sel && active ? { tab: active, row: sel.row, column: sel.column } : undefined;

  return (
    <>
      <header>
        <h1>
          <span aria-hidden="true">▦</span> Leadscore — {status?.workbook ?? "local workbook"}
        </h1>
        {info?.menu && (
          <MenuBar
            menu={info.menu}
            onPick={(caption) => run(caption, () => post("/api/menu", { caption, selection }))}
          />
        )}
        {status && (
          <>
            <button
              type="button"
              class="primary"
              disabled={!status.canSave || busy !== ""}
              title={status.note}
              onClick={() =>
                run("Save", async () => {
                  const r = await post<ActionResult & { files: string[] }>("/api/save", {});
                  toast({
                    title: "Saved",
                    message: r.files.length
                      ? `Wrote ${r.files.length} file(s).`
                      : "Nothing changed since the last save.",
                  });
                  return r;
                })
              }
            >
              {status.canSave
                ? status.unsaved
                  ? "Save (unsaved changes)"
                  : "Save"
                : "Save (demo: in memory)"}
            </button>
            <fieldset class="clock">
              <legend class="sr">Clock</legend>
              <span data-testid="clock">
                {status.clock.replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC")}
                {status.realClock ? "" : status.canSave ? " (from --as-of)" : " (demo clock)"}
              </span>
              {status.nextTrigger && (
                <span class="next">
                  next trigger {status.nextTrigger.replace("T", " ").replace(/\.\d+Z$/, " UTC")}
                </span>
              )}
              <button
                type="button"
                disabled={busy !== ""}
                onClick={() => run("Run schedule now", () => post("/api/schedule", {}))}
              >
                Run schedule now
              </button>
              <button
                type="button"
                disabled={busy !== ""}
                onClick={() => run("+1 day", () => post("/api/advance", { days: 1 }))}
              >
                +1 day
              </button>
              <button
                type="button"
                disabled={busy !== ""}
                onClick={() => run("+1 week", () => post("/api/advance", { days: 7 }))}
              >
                +1 week
              </button>
            </fieldset>
            <button
              type="button"
              onClick={async () => {
                const mails = await getJson<OutboxMail[]>("/api/outbox");
                setModals((m) => [...m, { kind: "outbox", mails }]);
              }}
            >
              Outbox ({status.outbox})
            </button>
            <button
              type="button"
              aria-haspopup="dialog"
              disabled={busy !== ""}
              onClick={() => setModals((m) => [...m, { kind: "new-workbook" }])}
            >
              New workbook from an export…
            </button>
          </>
        )}
        <span id="status" role="status">
          {busy ? `${busy}…` : ""}
        </span>
      </header>
      {status && <p class="note">{status.note}</p>}
      <div class="layout">
        <main class="sheet">
          {view && (
            <Grid
              key={view.name}
              view={view}
              editable={editable}
              sel={sel}
              onSelect={setSel}
              onCommit={commit}
              onUndo={undoLast}
            />
          )}
          <div id="tabs" class="tabs" role="tablist" aria-label="Workbook tabs">
            {info?.tabs
              .filter((t) => !t.hidden)
              .map((t) => (
                <button
                  key={t.name}
                  type="button"
                  class="tab"
                  role="tab"
                  aria-selected={t.name === active}
                  title={`${t.rows} rows`}
                  onClick={() => openTab(t.name)}
                >
                  {t.name}
                </button>
              ))}
          </div>
        </main>
        <aside>
          <div class="title">Leadscore</div>
          <iframe key={sidebarKey} id="sidebar" src="/sidebar" title="Leadscore sidebar" />
        </aside>
      </div>
      <div class="toasts">
        {toasts.map((t) => (
          <div key={t.id} class={t.error ? "toast error" : "toast"} role={t.error ? "alert" : "status"}>
            <strong>{t.title}</strong> {t.message}
          </div>
        ))}
      </div>
      {top?.kind === "alert" && (
        <Modal title={top.title || "Leadscore"} alert onClose={closeTop}>
          <p class="alert-text">{top.message}</p>
          <div class="buttons">
            <button type="button" class="primary" data-autofocus onClick={closeTop}>
              OK
            </button>
          </div>
        </Modal>
      )}
      {top?.kind === "dialog" && (
        <Modal title={top.title} width={top.width} onClose={closeTop}>
          <iframe
            class="dialog"
            title={top.title}
            sandbox="allow-scripts"
            src={`/api/dialog?id=${top.id}`}
            style={{ width: top.width ?? 600, height: top.height ?? 420 }}
          />
          <div class="buttons">
            <button type="button" onClick={closeTop}>
              Close
            </button>
          </div>
        </Modal>
      )}
      {top?.kind === "protected" && (
        <Modal title="Heads up!" alert onClose={closeTop}>
          <p class="alert-text">{HEADS_UP}</p>
          <div class="buttons">
            <button type="button" onClick={closeTop}>
              Cancel
            </button>
            <button
              type="button"
              class="primary"
              data-autofocus
              onClick={() => {
                closeTop();
                top.go();
              }}
            >
              OK
            </button>
          </div>
        </Modal>
      )}
      {top?.kind === "new-workbook" && (
        <NewWorkbook
          onClose={closeTop}
          onOpened={() => {
            // Another workbook: its own tabs, undo history and sidebar.
            undo.current = [];
            activeRef.current = null;
            setSel(null);
            setSidebarKey((k) => k + 1);
            void refresh();
          }}
        />
      )}
      {top?.kind === "outbox" && (
        <Modal title={`Outbox (${top.mails.length})`} width={900} onClose={closeTop}>
          <Outbox mails={top.mails} />
          <div class="buttons">
            <button type="button" onClick={closeTop}>
              Close
            </button>
          </div>
        </Modal>
      )}
    </>
  );
}

render(<App />, document.getElementById("app")!);
