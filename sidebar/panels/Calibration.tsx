// Calibration: how well scores predict conversion, suggested thresholds, per-rule lift, and fitting point
// values from outcomes. The report and the point suggestions are in panels/calibration/.
import { useEffect, useState } from "preact/hooks";
import type { BacktestMode, CalibrationReport, CalibrationRequest, LeadColumns } from "../../src/contract";
import { call } from "../rpc";
import { ActionStatus, Notice, parseNum, useAction } from "../ui";
import { NumberField } from "./calibration/NumberField";
import { Report } from "./calibration/Report";
import { SuggestPoints } from "./calibration/SuggestPoints";
import type { PanelProps } from "./types";

const MODES: { value: BacktestMode | "default"; label: string }[] = [
  { value: "default", label: "Automatic" },
  { value: "before-conversion", label: "N days before conversion" },
  { value: "created-plus", label: "N days after creation" },
  { value: "none", label: "No backtest (now)" },
];

export function Calibration({ state, onState }: PanelProps) {
  const [columns, setColumns] = useState<LeadColumns>({
    columns: [],
    outcomes: [],
    features: [],
    leaveOut: [],
    models: [],
  });
  const [outcome, setOutcome] = useState("");
  /** "" = the default model. */
  const [model, setModel] = useState("");
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
        setOutcome((o) => o || c.outcomes.find((x) => x.toLowerCase() === "converted") || "");
      });
  }, []);

  const request = (): CalibrationRequest => ({
    outcomeColumn: outcome || undefined,
    backtest: mode === "default" ? undefined : { mode, days: parseNum(days) ?? 0 },
    topTierMultiple: parseNum(multiple) ?? undefined,
    model: model || undefined,
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
          {columns.outcomes.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </div>
      {columns.models.length > 0 && (
        <div class="field">
          <label for="cal-model">Model</label>
          <select id="cal-model" value={model} onChange={(e) => setModel(e.currentTarget.value)}>
            <option value="">Default (rules with a blank Model)</option>
            {columns.models.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
      )}
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
        <NumberField id="cal-days" label="N (days)" min={0} value={days} onInput={setDays} />
      )}
      <NumberField
        id="cal-multiple"
        label="Top tier must convert at (× base rate)"
        min={1}
        step="any"
        value={multiple}
        onInput={setMultiple}
      />
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
      <SuggestPoints
        features={columns.features}
        leaveOut={columns.leaveOut}
        outcome={outcome}
        model={model}
        onState={onState}
      />
    </section>
  );
}
