// Suggest points: fit point values from outcomes into a Suggested Matrix tab, apply it, or restore an
// earlier matrix from Matrix History.
import { useEffect, useState } from "preact/hooks";
import type { MatrixVersion, SuggestSummary } from "../../../src/contract";
import { formatTime } from "../../logic/format";
import { call } from "../../rpc";
import { ActionStatus, Notice, parseNum, useAction } from "../../ui";
import type { PanelProps } from "../types";
import { NumberField } from "./NumberField";

export function SuggestPoints({
  columns,
  outcome,
  onState,
}: { columns: string[]; outcome: string } & Pick<PanelProps, "onState">) {
  const [exclude, setExclude] = useState<string[]>([]);
  const [maxRules, setMaxRules] = useState("40");
  const [summary, setSummary] = useState<SuggestSummary | null>(null);
  const [versions, setVersions] = useState<MatrixVersion[] | null>(null);
  const fit = useAction();
  const apply = useAction();
  const history = useAction();
  const loadVersions = async () => {
    const v = await history.run(() => call("listMatrixVersions"));
    if (v) setVersions(v);
  };
  useEffect(() => {
    loadVersions();
  }, []);

  async function suggest() {
    setSummary(null);
    const r = await fit.run(() =>
      call("suggestPoints", {
        outcomeColumn: outcome || undefined,
        exclude,
        maxRules: parseNum(maxRules) ?? undefined,
      }),
    );
    if (r) setSummary(r);
  }
  async function applyIt() {
    const next = await apply.run(
      () => call("applySuggestedMatrix"),
      "Suggested matrix applied. Leads rescored.",
    );
    if (next) {
      onState(next);
      setSummary(null);
      loadVersions();
    }
  }
  async function restore(savedAt: string) {
    const next = await apply.run(() => call("restoreMatrix", savedAt), "Matrix restored. Leads rescored.");
    if (next) {
      onState(next);
      loadVersions();
    }
  }

  return (
    <div>
      <h3>Suggest points from outcomes</h3>
      <p class="muted">
        Fits point values from past conversions and writes them to a Suggested Matrix tab for you to review.
        Leave out columns filled in after contact (notes, status): they leak the outcome.
      </p>
      <fieldset>
        <legend>Leave out</legend>
        <div class="checks">
          {columns
            .filter((c) => c !== outcome)
            .map((c) => (
              <label class="inline" key={c}>
                <input
                  type="checkbox"
                  checked={exclude.includes(c)}
                  onChange={(e) =>
                    setExclude((x) => (e.currentTarget.checked ? [...x, c] : x.filter((y) => y !== c)))
                  }
                />
                {c}
              </label>
            ))}
        </div>
      </fieldset>
      <NumberField
        id="max-rules"
        label="At most this many rules"
        min={1}
        value={maxRules}
        onInput={setMaxRules}
      />
      <div class="actions">
        <button type="button" class="btn action" disabled={fit.busy} onClick={suggest}>
          Suggest points
        </button>
      </div>
      <ActionStatus action={fit} busyLabel="Fitting point values…" />
      {summary && (
        <div data-testid="suggest-summary">
          <dl class="kv">
            <dt>Written to</dt>
            <dd>{summary.tab}</dd>
            <dt>Rules</dt>
            <dd>{summary.rules}</dd>
            <dt>AUC now</dt>
            <dd>{summary.aucCurrent == null ? "–" : summary.aucCurrent.toFixed(3)}</dd>
            <dt>AUC suggested</dt>
            <dd>{summary.aucSuggested.toFixed(3)}</dd>
          </dl>
          {summary.flags.map((f) => (
            <Notice kind="info" key={f}>
              {f}
            </Notice>
          ))}
          <div class="actions">
            <button type="button" class="btn action" disabled={apply.busy} onClick={applyIt}>
              Apply suggested matrix
            </button>
          </div>
        </div>
      )}
      <ActionStatus action={apply} busyLabel="Applying and rescoring…" />
      <h3>Matrix history</h3>
      {history.error && <Notice kind="error">{history.error}</Notice>}
      {versions && versions.length === 0 && <p class="muted">No earlier matrix kept yet.</p>}
      {versions && versions.length > 0 && (
        <ul class="list">
          {versions.map((v) => (
            <li key={v.savedAt} class="version">
              <span>
                {formatTime(v.savedAt, "UTC")} · {v.rules} rules
              </span>
              <button
                type="button"
                class="btn small"
                aria-label={`Restore the matrix saved ${v.savedAt}`}
                disabled={apply.busy}
                onClick={() => restore(v.savedAt)}
              >
                Restore
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
