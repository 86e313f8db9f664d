// Calibration: how well scores predict conversion, suggested thresholds, per-rule lift, and fitting point
// values from outcomes. All numbers come from the server's CalibrationReport; nothing is a black box.
import { useEffect, useMemo, useState } from "preact/hooks";
import type {
  BacktestMode,
  CalibrationReport,
  CalibrationRequest,
  MatrixVersion,
  SuggestSummary,
} from "../../src/contract";
import { ChartBox } from "../charts/ChartBox";
import { distributions, rateBars, roc } from "../charts/calibration";
import { DataTable, NUM } from "../components/DataTable";
import { formatTime } from "../logic/format";
import { pct, pctCi, ratio } from "../logic/percent";
import { call } from "../rpc";
import { ActionStatus, fmtNum, Notice, parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

const MODES: { value: BacktestMode | "default"; label: string }[] = [
  { value: "default", label: "Automatic" },
  { value: "before-conversion", label: "N days before conversion" },
  { value: "created-plus", label: "N days after creation" },
  { value: "none", label: "No backtest (now)" },
];

function Report({ r, timeZone }: { r: CalibrationReport; timeZone: string }) {
  const tierChart = useMemo(
    () =>
      rateBars(
        r.by_tier.map((t) => t.tier),
        r.by_tier.map((t) => t.rate),
        r.base_rate,
      ),
    [r],
  );
  const decileChart = useMemo(
    () =>
      rateBars(
        r.by_decile.map((d) => String(d.decile)),
        r.by_decile.map((d) => d.rate),
        r.base_rate,
      ),
    [r],
  );
  const distChart = useMemo(() => distributions(r), [r]);
  const rocChart = useMemo(() => roc(r), [r]);
  const s = r.suggested_thresholds;
  const rules = [...r.rules].sort((a, b) => (b.lift ?? -1) - (a.lift ?? -1));
  return (
    <div data-testid="calibration-report" class="report">
      {r.warnings.map((w) => (
        <Notice kind="info" key={w}>
          {w}
        </Notice>
      ))}
      <dl class="kv">
        <dt>AUC</dt>
        <dd>
          <strong>{r.auc == null ? "–" : r.auc.toFixed(3)}</strong>
        </dd>
        <dt>Base rate</dt>
        <dd>{pctCi(r.base_rate, r.base_rate_ci?.[0] ?? null, r.base_rate_ci?.[1] ?? null)}</dd>
        <dt>Leads</dt>
        <dd>
          {r.leads_labelled} with an outcome, {r.conversions} converted; {r.leads_open} open
        </dd>
        <dt>Avg score</dt>
        <dd>
          converted {fmtNum(r.avg_score.converted)} · not {fmtNum(r.avg_score.not_converted)}
        </dd>
        <dt>Backtest</dt>
        <dd>{r.backtest.description}</dd>
        <dt>As of</dt>
        <dd>{formatTime(r.as_of, timeZone)}</dd>
      </dl>

      <h3>Conversion by tier</h3>
      <ChartBox config={tierChart} small label="Conversion rate by tier, with the base rate" />
      <DataTable label="Conversion by tier" columns={["Tier", NUM("Leads"), NUM("Rate"), NUM("Lift")]}>
        {r.by_tier.map((t) => (
          <tr key={t.tier}>
            <td>{t.tier}</td>
            <td class="num">{t.leads}</td>
            <td class="num">{pct(t.rate)}</td>
            <td class="num">{ratio(t.lift)}</td>
          </tr>
        ))}
      </DataTable>

      <h3>Conversion by score decile</h3>
      <p class="muted">Decile 1 holds the best-scored tenth of leads.</p>
      <ChartBox config={decileChart} small label="Conversion rate by score decile, with the base rate" />

      <h3>Score distributions</h3>
      <p class="muted">
        <span class="swatch" style={{ background: "#1a73e8" }} />
        converted <span class="swatch" style={{ background: "#9aa0a6", marginLeft: "8px" }} />
        not converted (share of each group)
      </p>
      <ChartBox config={distChart} small label="Score distribution of converted and not converted leads" />

      <h3>ROC curve</h3>
      <ChartBox config={rocChart} label={`ROC curve, AUC ${r.auc == null ? "unknown" : r.auc.toFixed(3)}`} />

      <h3>Suggested thresholds</h3>
      <p class="muted">{s.note}</p>
      {s.top_tier && (
        <DataTable
          label="Suggested top-tier threshold"
          columns={[s.top_tier, NUM("Min"), NUM("Leads"), NUM("Rate")]}
        >
          <tr>
            <td>Current</td>
            <td class="num">{fmtNum(s.current)}</td>
            <td class="num">{s.at_current?.leads ?? "–"}</td>
            <td class="num">{pct(s.at_current?.rate)}</td>
          </tr>
          <tr class="current">
            <td>Suggested</td>
            <td class="num">{s.suggested == null ? "none" : fmtNum(s.suggested)}</td>
            <td class="num">{s.at_suggested?.leads ?? "–"}</td>
            <td class="num">{pct(s.at_suggested?.rate)}</td>
          </tr>
        </DataTable>
      )}
      {s.suggested != null && (
        <p class="muted">
          Target {pct(s.target_rate)} ({s.multiple}× base). {s.leads_entering} leads would enter,{" "}
          {s.leads_leaving} would leave the top tier. Change it on the Thresholds panel.
        </p>
      )}
      {s.boundaries.length > 0 && (
        <DataTable
          label="Conversion on both sides of each tier boundary"
          columns={["Boundary", NUM("Below"), NUM("Above")]}
        >
          {s.boundaries.map((b) => (
            <tr key={b.tier}>
              <td>
                {b.tier} ≥ {fmtNum(b.current_min_score)}
              </td>
              <td class="num">{pct(b.below.rate)}</td>
              <td class="num">{pct(b.at_or_above.rate)}</td>
            </tr>
          ))}
        </DataTable>
      )}

      <h3>Rules</h3>
      <p class="muted">Conversion of the leads each rule fires for; lift is that rate over the base rate.</p>
      <DataTable
        label="Conversion per rule"
        class="rules"
        columns={[
          "Rule",
          NUM("Fires"),
          { label: "Rate", num: true, title: "Conversion rate with the rule" },
          NUM("Lift"),
        ]}
      >
        {rules.map((x) => (
          <tr key={x.rule_row}>
            <td>
              {x.label}
              <span class="muted sub">
                {x.points > 0 ? "+" : ""}
                {fmtNum(x.points)} pts{x.flags.length ? ` · ${x.flags.join(", ")}` : ""}
              </span>
            </td>
            <td class="num">{x.fires}</td>
            <td class="num">{pct(x.rate_with, 0)}</td>
            <td class="num">{ratio(x.lift)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}

function SuggestPoints({
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
      <div class="field">
        <label for="max-rules">At most this many rules</label>
        <input
          id="max-rules"
          type="number"
          min={1}
          value={maxRules}
          onInput={(e) => setMaxRules(e.currentTarget.value)}
        />
      </div>
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

export function Calibration({ state, onState }: PanelProps) {
  const [columns, setColumns] = useState<string[]>([]);
  const [outcome, setOutcome] = useState("");
  const [mode, setMode] = useState<BacktestMode | "default">("default");
  const [days, setDays] = useState("1");
  const [multiple, setMultiple] = useState("3");
  const [report, setReport] = useState<CalibrationReport | null>(null);
  const cols = useAction();
  const run = useAction();
  const chartTab = useAction();

  useEffect(() => {
    cols
      .run(() => call("getLeadColumns"))
      .then((c) => {
        if (!c) return;
        setColumns(c);
        setOutcome((o) => o || c.find((x) => x.toLowerCase() === "converted") || "");
      });
  }, []);

  const request = (): CalibrationRequest => ({
    outcomeColumn: outcome || undefined,
    backtest: mode === "default" ? undefined : { mode, days: parseNum(days) ?? 0 },
    topTierMultiple: parseNum(multiple) ?? undefined,
  });
  async function calibrate() {
    const r = await run.run(() => call("getCalibration", request()));
    if (r) setReport(r);
  }
  async function makeCharts() {
    await chartTab.run(() => call("createChartTab", request()), "Charts created on the Calibration tab.");
  }

  return (
    <section aria-labelledby="h-calibration">
      <h2 id="h-calibration">Calibration</h2>
      <p class="muted">How well do scores predict conversion? Measured on leads with a known outcome.</p>
      {cols.error && <Notice kind="error">{cols.error}</Notice>}
      <div class="field">
        <label for="cal-outcome">Outcome column</label>
        <select id="cal-outcome" value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)}>
          <option value="">Default (Settings)</option>
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="cal-mode">Score each lead as of</label>
        <select id="cal-mode" value={mode} onChange={(e) => setMode(e.currentTarget.value as BacktestMode)}>
          {MODES.map((m) => (
            <option key={m.value} value={m.value}>
              {m.label}
            </option>
          ))}
        </select>
      </div>
      {(mode === "before-conversion" || mode === "created-plus") && (
        <div class="field">
          <label for="cal-days">N (days)</label>
          <input
            id="cal-days"
            type="number"
            min={0}
            value={days}
            onInput={(e) => setDays(e.currentTarget.value)}
          />
        </div>
      )}
      <div class="field">
        <label for="cal-multiple">Top tier must convert at (× base rate)</label>
        <input
          id="cal-multiple"
          type="number"
          min={1}
          step="any"
          value={multiple}
          onInput={(e) => setMultiple(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="button" class="btn action" disabled={run.busy} onClick={calibrate}>
          Calibrate
        </button>
        <button type="button" class="btn" disabled={chartTab.busy || !report} onClick={makeCharts}>
          Create chart tab
        </button>
      </div>
      <ActionStatus action={run} busyLabel="Scoring and measuring…" />
      <ActionStatus action={chartTab} busyLabel="Creating charts…" />
      {report && <Report r={report} timeZone={state.timeZone} />}
      <SuggestPoints columns={columns} outcome={outcome} onState={onState} />
    </section>
  );
}
