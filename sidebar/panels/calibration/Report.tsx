// The calibration report: AUC, base rate, conversion by tier and decile, score distributions, the ROC
// curve, suggested thresholds and per-rule lift. All numbers come from the server's CalibrationReport.
import { useMemo } from "preact/hooks";
import type { CalibrationReport } from "../../../src/contract";
import { ChartBox } from "../../charts/ChartBox";
import { distributions, rateBars, roc } from "../../charts/calibration";
import { DataTable, NUM } from "../../components/DataTable";
import { formatTime } from "../../logic/format";
import { pct, pctCi, ratio } from "../../logic/percent";
import { fmtNum, Notice } from "../../ui";

export function Report({ r, timeZone }: { r: CalibrationReport; timeZone: string }) {
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
  const backtest = r.backtest.mode !== "none";
  return (
    <div data-testid="calibration-report" class="report">
      {r.warnings.map((w) => (
        <Notice kind="info" key={w}>
          {w}
        </Notice>
      ))}
      <dl class="kv">
        {r.model && (
          <>
            <dt>Model</dt>
            <dd>{r.model}</dd>
          </>
        )}
        <dt>{backtest ? "AUC, backtest" : "AUC, now"}</dt>
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
      <p class="muted" data-testid="report-basis">
        {backtest
          ? `Every figure here scores each lead as of its backtest cut-off, on all ${r.leads_labelled} labelled leads. The Thresholds panel and the Leads tab show today's scores, so their tier counts can differ.`
          : `Every figure here uses today's scores, on all ${r.leads_labelled} labelled leads.`}
      </p>

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
