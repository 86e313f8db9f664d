// Suggest points: fit point values from outcomes into a Suggested Matrix tab, review what applying it would
// change (tiers before/after, both AUCs, a plain verdict), apply it, or restore an earlier matrix.
import { useEffect, useState } from "preact/hooks";
import type { ApplyPreview, MatrixVersion, SuggestSummary } from "../../../src/contract";
import { DataTable, NUM } from "../../components/DataTable";
import { formatTime } from "../../logic/format";
import { call } from "../../rpc";
import { ActionStatus, fmtNum, Notice, parseNum, useAction } from "../../ui";
import type { PanelProps } from "../types";
import { NumberField } from "./NumberField";

const auc = (x: number | null) => (x == null ? "–" : x.toFixed(3));

/** The apply preview: the verdict first, then the figures it rests on. */
function Preview({ p }: { p: ApplyPreview }) {
  return (
    <div data-testid="apply-preview">
      <Notice kind={p.better ? "ok" : "error"}>{p.verdict}</Notice>
      <dl class="kv">
        <dt>AUC, current matrix</dt>
        <dd>{auc(p.aucCurrent)}</dd>
        <dt>AUC, suggested</dt>
        <dd>{auc(p.aucSuggested)}</dd>
        <dt>Measured on</dt>
        <dd>{p.measuredOn}</dd>
      </dl>
      {p.baselinePoints != null && (
        <p class="muted">
          Every lead starts at {fmtNum(p.baselinePoints)} points (the Baseline rule): it keeps scores between
          the floor and the ceiling and does not change how leads rank.
        </p>
      )}
      <DataTable
        label="Leads per tier, now and with the suggestion"
        columns={["Tier", NUM("Now"), NUM("After")]}
      >
        {p.tiers.map((t) => (
          <tr key={t.tier}>
            <td>{t.tier || "(no tier)"}</td>
            <td class="num">{t.before}</td>
            <td class="num">{t.after}</td>
          </tr>
        ))}
      </DataTable>
      <p class="muted">Both counts use today's scores and the current tier thresholds.</p>
    </div>
  );
}

export function SuggestPoints({
  features,
  leaveOut,
  outcome,
  model,
  onState,
}: { features: string[]; leaveOut: string[]; outcome: string; model: string } & Pick<PanelProps, "onState">) {
  const [exclude, setExclude] = useState<string[]>([]);
  // Columns that leak the outcome start ticked; the user may untick them.
  useEffect(() => setExclude(leaveOut), [leaveOut]);
  const [preview, setPreview] = useState<ApplyPreview | null>(null);
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
    setPreview(null);
    const r = await fit.run(() =>
      call("suggestPoints", {
        outcomeColumn: outcome || undefined,
        exclude: exclude.filter((c) => c !== outcome),
        maxRules: parseNum(maxRules) ?? undefined,
        model: model || undefined,
      }),
    );
    if (r) setSummary(r);
  }
  async function review() {
    setPreview(null);
    const p = await apply.run(() => call("previewSuggestedMatrix"));
    if (p) setPreview(p);
  }
  async function applyIt() {
    const next = await apply.run(
      () => call("applySuggestedMatrix"),
      "Suggested matrix applied. Leads rescored.",
    );
    if (next) {
      onState(next);
      setSummary(null);
      setPreview(null);
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
        {model && ` Fits model ${model} (the Model above); the other models' rules are kept as they are.`}
      </p>
      <fieldset>
        <legend>Leave out</legend>
        <div class="checks">
          {features
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
            <dt>AUC, current matrix</dt>
            <dd>{auc(summary.aucCurrent)}</dd>
            <dt>AUC, suggested</dt>
            <dd>{auc(summary.aucSuggested)}</dd>
            <dt>Measured on</dt>
            <dd>{summary.measuredOn}</dd>
          </dl>
          <p class="muted">
            Both AUCs are measured on the same leads, so they compare; the report above measures every
            labelled lead, so its AUC can differ from these.
          </p>
          {summary.flags.map((f) => (
            <Notice kind="info" key={f}>
              {f}
            </Notice>
          ))}
          {!preview && (
            <div class="actions">
              <button type="button" class="btn action" disabled={apply.busy} onClick={review}>
                Review before applying
              </button>
            </div>
          )}
          {preview && <Preview p={preview} />}
          {preview && (
            <div class="actions">
              <button type="button" class="btn action" disabled={apply.busy} onClick={applyIt}>
                {preview.better ? "Apply suggested matrix" : "Apply anyway"}
              </button>
              <button type="button" class="btn" disabled={apply.busy} onClick={() => setPreview(null)}>
                Keep the current matrix
              </button>
            </div>
          )}
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
