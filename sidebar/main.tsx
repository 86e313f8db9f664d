// The Leadscore sidebar: loads the state once, then each panel saves through google.script.run and hands
// back the state the server returned, so what is shown is always what the Settings tab now holds.
import type { ComponentType } from "preact";
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { SidebarState } from "../src/contract";
import { BigQuery } from "./panels/BigQuery";
import { Calibration } from "./panels/Calibration";
import { Decay } from "./panels/Decay";
import { Groups } from "./panels/Groups";
import { Lookup } from "./panels/Lookup";
import { Problems } from "./panels/Problems";
import { Schedule } from "./panels/Schedule";
import { Thresholds } from "./panels/Thresholds";
import type { PanelProps } from "./panels/types";
import { call, errorMessage } from "./rpc";
import { Loading, Notice } from "./ui";

interface PanelDef {
  id: string;
  title: string;
  Component: ComponentType<PanelProps>;
}

const PANELS: PanelDef[] = [
  { id: "thresholds", title: "Thresholds", Component: Thresholds },
  { id: "decay", title: "Decay", Component: Decay },
  { id: "groups", title: "Groups", Component: Groups },
  { id: "schedule", title: "Schedule", Component: Schedule },
  { id: "problems", title: "Problems", Component: Problems },
  { id: "lookup", title: "Lookup", Component: Lookup },
  { id: "calibration", title: "Calibration", Component: Calibration },
  { id: "bigquery", title: "BigQuery", Component: BigQuery },
];

function Nav({ active, onPick, problems }: { active: string; onPick(id: string): void; problems: number }) {
  return (
    <div class="nav" role="tablist" aria-label="Sidebar panels">
      {PANELS.map((p) => (
        <button
          type="button"
          role="tab"
          key={p.id}
          id={`tab-${p.id}`}
          aria-selected={active === p.id}
          aria-controls={`panel-${p.id}`}
          onClick={() => onPick(p.id)}
        >
          {p.title}
          {p.id === "problems" && problems > 0 && (
            <>
              <span class="badge" aria-hidden="true">
                {problems}
              </span>
              <span class="sr-only">, {problems} problems</span>
            </>
          )}
        </button>
      ))}
    </div>
  );
}

function App() {
  const [state, setState] = useState<SidebarState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(PANELS[0].id);
  // Panels mount on first visit (no server calls for panels never opened) and then stay mounted.
  const [visited, setVisited] = useState(() => new Set([PANELS[0].id]));
  const pick = (id: string) => {
    setActive(id);
    setVisited((v) => (v.has(id) ? v : new Set([...v, id])));
  };

  async function load() {
    setError(null);
    try {
      setState(await call("getSidebarState"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }
  useEffect(() => {
    load();
  }, []);

  if (!state) {
    return (
      <main class="sidebar">
        {error ? (
          <>
            <Notice kind="error">Could not load the settings: {error}</Notice>
            <button type="button" class="btn action" onClick={load}>
              Try again
            </button>
          </>
        ) : (
          <Loading label="Loading settings…" />
        )}
      </main>
    );
  }

  return (
    <main class="sidebar">
      <Nav active={active} onPick={pick} problems={state.problems.length} />
      {/* Panels stay mounted while hidden so unsaved edits survive switching panels. */}
      {PANELS.map(({ id, Component }) => (
        <div key={id} id={`panel-${id}`} role="tabpanel" aria-labelledby={`tab-${id}`} hidden={active !== id}>
          {visited.has(id) && <Component state={state} onState={setState} />}
        </div>
      ))}
    </main>
  );
}

render(<App />, document.getElementById("app")!);
