// BigQuery: where the leads and activities live in BigQuery (Settings' BigQuery rows), the scoring query
// to copy into a scheduled query, and a run of it now whose top leads land in the BigQuery Scores tab.
import { useEffect, useState } from "preact/hooks";
import type { BigQueryRun, BigQuerySection, BigQuerySql, BigQueryTables } from "../../src/contract";
import { call } from "../rpc";
import { ActionStatus, Notice, parseNum, useAction } from "../ui";
import { NumberField } from "./calibration/NumberField";

// Blank fields mean the compiler's defaults (docs/sql.md); the section shows the tables it resolved.
const FIELDS: { key: keyof BigQueryTables; label: string; hint: string }[] = [
  { key: "project", label: "Project ID", hint: "e.g. my-project-123" },
  { key: "dataset", label: "Dataset", hint: "e.g. crm" },
  { key: "leadsTable", label: "Leads table", hint: "blank: leads" },
  { key: "activitiesTable", label: "Activities table", hint: "blank: activities" },
];

const EMPTY: BigQueryTables = { project: "", dataset: "", leadsTable: "", activitiesTable: "" };

export function BigQuery() {
  const [section, setSection] = useState<BigQuerySection | null>(null);
  const [draft, setDraft] = useState<BigQueryTables>(EMPTY);
  const [top, setTop] = useState("500");
  const [sql, setSql] = useState<BigQuerySql | null>(null);
  const [copied, setCopied] = useState(false);
  const [result, setResult] = useState<BigQueryRun | null>(null);
  const load = useAction();
  const save = useAction();
  const copy = useAction();
  const score = useAction();

  const adopt = (s: BigQuerySection) => {
    setSection(s);
    setDraft({
      project: s.project,
      dataset: s.dataset,
      leadsTable: s.leadsTable,
      activitiesTable: s.activitiesTable,
    });
  };
  useEffect(() => {
    load.run(() => call("getBigQuerySection")).then((s) => s && adopt(s));
  }, []);

  const mapped = sql?.columns.filter((c) => c.column !== c.header) ?? [];
  const dirty = section !== null && FIELDS.some((f) => draft[f.key] !== section[f.key]);
  async function saveTables() {
    const s = await save.run(() => call("saveBigQueryTables", draft), "Saved to the Settings tab.");
    if (s) adopt(s);
  }
  async function copySql() {
    setCopied(false);
    const got = await copy.run(() => call("getBigQuerySql"));
    if (!got) return;
    setSql(got);
    try {
      await navigator.clipboard.writeText(got.sql);
      setCopied(true);
    } catch {
      // The sidebar's frame may not be allowed the clipboard: the text stays selectable below.
    }
  }
  async function scoreNow() {
    setResult(null);
    const n = parseNum(top) ?? Number.NaN;
    const run = await score.run(() => call("scoreInBigQuery", { top: n }));
    if (run) setResult(run);
  }

  return (
    <section aria-labelledby="h-bigquery">
      <h2 id="h-bigquery">BigQuery</h2>
      <p class="muted">
        Score leads and activities that live in BigQuery with this sheet's matrix. The query reads the tables'
        columns by the Leads and Activity Log headers, or as Settings' Column | BigQuery column table maps
        them.
      </p>
      {load.error && <Notice kind="error">{load.error}</Notice>}
      {section && !section.enabled && (
        <Notice kind="info">
          This deployment has no BigQuery access: Copy SQL works, Score in BigQuery now needs the BigQuery
          flavour of the add-on (see the README).
        </Notice>
      )}
      {FIELDS.map((f) => (
        <div class="field" key={f.key}>
          <label for={`bq-${f.key}`}>{f.label}</label>
          <input
            id={`bq-${f.key}`}
            type="text"
            placeholder={f.hint}
            value={draft[f.key]}
            onInput={(e) => setDraft({ ...draft, [f.key]: e.currentTarget.value })}
          />
        </div>
      ))}
      {section && (
        <p class="muted" data-testid="bq-reads">
          Reads {section.reads.leadsTable}
          {section.reads.activitiesTable
            ? ` and ${section.reads.activitiesTable}`
            : " (no Activity Log tab: no activities)"}
          .
        </p>
      )}
      <div class="actions">
        <button type="button" class="btn action" disabled={!dirty || save.busy} onClick={saveTables}>
          Save
        </button>
      </div>
      <ActionStatus action={save} busyLabel="Saving…" />
      <h3>Copy SQL</h3>
      <p class="muted">The scoring query in GoogleSQL, to paste into a BigQuery scheduled query.</p>
      <div class="actions">
        <button type="button" class="btn" disabled={copy.busy || dirty} onClick={copySql}>
          Copy SQL
        </button>
      </div>
      <ActionStatus action={copy} busyLabel="Compiling the query…" />
      {sql && (
        <>
          {sql.unsupported.map((u) => (
            <Notice kind="error" key={u}>
              {u}
            </Notice>
          ))}
          {copied && <Notice kind="ok">Copied to the clipboard.</Notice>}
          <p class="muted">
            {mapped.length
              ? `Columns mapped in Settings: ${mapped.map((c) => `${c.header} ← ${c.column}`).join(", ")}.`
              : "Columns by the Leads and Activity Log headers."}
          </p>
          <textarea
            aria-label="Scoring query"
            readOnly
            rows={8}
            value={sql.sql}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      )}
      <h3>Score in BigQuery now</h3>
      <NumberField
        id="bq-top"
        label="Leads to bring back (best first)"
        min={1}
        value={top}
        onInput={setTop}
      />
      <div class="actions">
        <button
          type="button"
          class="btn action"
          disabled={score.busy || dirty || !section?.enabled}
          onClick={scoreNow}
        >
          Score in BigQuery now
        </button>
      </div>
      <ActionStatus action={score} busyLabel="Running the query in BigQuery…" />
      {result && (
        <Notice kind="ok">
          Scored {result.scored.toLocaleString("en-US")} leads in BigQuery; the top{" "}
          {result.written.toLocaleString("en-US")} are in the {result.tab} tab.
        </Notice>
      )}
    </section>
  );
}
