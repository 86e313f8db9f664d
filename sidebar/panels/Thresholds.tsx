// Thresholds: edit the tier list, see the histogram and per-tier counts change live, save to Settings.
import { useEffect, useMemo, useRef } from "preact/hooks";
import type { SidebarState } from "../../src/contract";
import type { Tier } from "../../src/core/types";
import { createHistogram, type HistogramChart } from "../charts/histogram";
import { tierColor } from "../charts/setup";
import { DataTable, NUM } from "../components/DataTable";
import { ErrorList } from "../components/ErrorList";
import { SaveBar } from "../components/SaveBar";
import { useDraft } from "../components/useDraft";
import { editRow, newId, type Row, removeRow, withIds } from "../logic/rows";
import { countTiers, tierRank, validateTiers } from "../logic/tiers";
import { call } from "../rpc";
import { parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

interface DraftTier extends Row {
  name: string;
  min: string;
  notify: boolean;
}

const toDraft = (tiers: Tier[]): DraftTier[] =>
  withIds(tiers.map((t) => ({ name: t.name, min: String(t.minScore), notify: t.notify })));
const fromDraft = (d: DraftTier[]): Tier[] =>
  d.map((t) => ({ name: t.name.trim(), minScore: parseNum(t.min) ?? Number.NaN, notify: t.notify }));

/** Slider bounds: the configured floor/ceiling, else the data's range with a little room. */
function sliderRange(state: SidebarState, tiers: Tier[]): [number, number] {
  const values = [...state.scores, ...tiers.map((t) => t.minScore)].filter(Number.isFinite);
  const lo = state.scoreFloor ?? Math.min(0, ...values);
  const hi = state.scoreCeiling ?? Math.max(100, ...values);
  return [Math.floor(lo), Math.ceil(hi)];
}

export function Thresholds({ state, onState }: PanelProps) {
  const savedKey = JSON.stringify(state.tiers);
  const [draft, setDraft, resetDraft] = useDraft(() => toDraft(state.tiers), savedKey);
  const action = useAction();

  const tiers = fromDraft(draft);
  const errors = validateTiers(tiers);
  const counts = countTiers(state.scores, tiers);
  const saved = useMemo(() => countTiers(state.scores, state.tiers), [state]);
  const savedCount = (name: string) => saved.find((c) => c.name === name)?.count;
  const dirty = JSON.stringify(tiers) !== savedKey;
  const [lo, hi] = sliderRange(state, state.tiers);

  // The chart lives outside Preact's tree; feed it the valid part of the draft on every change.
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<HistogramChart | null>(null);
  const input = { scores: state.scores, tiers, floor: state.scoreFloor, ceiling: state.scoreCeiling };
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = createHistogram(canvas.current, input);
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => chart.current?.update(input));

  const edit = (id: number, patch: Partial<DraftTier>) => setDraft((d) => editRow(d, id, patch));
  const remove = (id: number) => setDraft((d) => removeRow(d, id));
  const add = () =>
    setDraft((d) => [...d, { id: newId(), name: "", min: String(Math.round((lo + hi) / 2)), notify: false }]);

  async function save() {
    const next = await action.run(() => call("saveTiers", tiers), "Saved. Leads rescored.");
    if (next) onState(next);
  }

  return (
    <section aria-labelledby="h-thresholds">
      <h2 id="h-thresholds">Thresholds</h2>
      <p class="muted">
        A lead takes the highest tier whose minimum its score reaches (the lowest tier if none). Counts update
        as you edit; the sheet changes only when you save.
      </p>
      <div class="chart">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`Histogram of ${state.scores.length} lead scores with the tier thresholds`}
        />
      </div>
      <DataTable
        label="Leads per tier"
        class="block"
        bodyTestId="tier-counts"
        columns={["Tier", NUM("Leads"), NUM("Saved")]}
      >
        {counts.map((c) => (
          <tr key={c.name} data-tier={c.name}>
            <td>
              <span class="swatch" style={{ background: tierColor(tierRank(c.name, tiers)) }} />
              {c.name}
            </td>
            <td class="num" data-testid="count">
              {c.count}
            </td>
            <td class="num muted">{savedCount(c.name) ?? "–"}</td>
          </tr>
        ))}
      </DataTable>

      <h3>Tiers</h3>
      <div class="row-grid col-heads" aria-hidden="true">
        <span>Name</span>
        <span>Min score</span>
        <span>Notify</span>
        <span />
      </div>
      <ul class="rows">
        {draft.map((t, i) => {
          const n = i + 1;
          const minInvalid = !Number.isFinite(parseNum(t.min) ?? Number.NaN);
          return (
            <li class="row" key={t.id}>
              <div class="row-grid">
                <input
                  type="text"
                  aria-label={`Tier ${n} name`}
                  value={t.name}
                  aria-invalid={!t.name.trim()}
                  onInput={(e) => edit(t.id, { name: e.currentTarget.value })}
                />
                <input
                  type="number"
                  aria-label={`Tier ${n} minimum score`}
                  value={t.min}
                  aria-invalid={minInvalid}
                  onInput={(e) => edit(t.id, { min: e.currentTarget.value })}
                />
                <label class="notify">
                  <input
                    type="checkbox"
                    checked={t.notify}
                    onChange={(e) => edit(t.id, { notify: e.currentTarget.checked })}
                  />
                  <span class="sr-only">Notify when a lead enters tier {n}</span>
                  <span aria-hidden="true">✉</span>
                </label>
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={`Remove tier ${n}`}
                  title="Remove tier"
                  onClick={() => remove(t.id)}
                >
                  ×
                </button>
              </div>
              <input
                type="range"
                min={Math.min(lo, parseNum(t.min) ?? lo)}
                max={Math.max(hi, parseNum(t.min) ?? hi)}
                step={1}
                value={minInvalid ? lo : t.min}
                aria-label={`Drag tier ${n} minimum score`}
                onInput={(e) => edit(t.id, { min: e.currentTarget.value })}
              />
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <button type="button" class="btn small" onClick={add}>
          Add tier
        </button>
      </div>
      <ErrorList errors={errors} />
      <SaveBar
        action={action}
        busyLabel="Saving and rescoring…"
        dirty={dirty}
        invalid={errors.length > 0}
        onSave={save}
        onReset={resetDraft}
        unsavedNote
      />
    </section>
  );
}
