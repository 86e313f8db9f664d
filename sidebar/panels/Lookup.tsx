// Lead lookup: search by name or email, pick a lead, see why it has its score (as "Explain selected lead").
import { useEffect, useRef, useState } from "preact/hooks";
import type { AccountSummary, LeadExplanation, LeadMatch } from "../../src/contract";
import { erasedText, termsText } from "../../src/core/explanation";
import { DataTable, NUM } from "../components/DataTable";
import { formatTime } from "../logic/format";
import { call } from "../rpc";
import { ActionStatus, fmtNum, Loading, Notice, useAction } from "../ui";
import type { PanelProps } from "./types";

const DEBOUNCE_MS = 250;

function Breakdown({ e, timeZone }: { e: LeadExplanation; timeZone: string }) {
  const capped = e.groups.filter((g) => g.capped);
  return (
    <div data-testid="explanation">
      <div class="lead-head">{e.name}</div>
      <dl class="kv">
        <dt>Score</dt>
        <dd>{fmtNum(e.score)}</dd>
        <dt>Tier</dt>
        <dd>{e.tier || "–"}</dd>
        <dt>Grade</dt>
        <dd>{e.grade || "–"}</dd>
        {e.priority && (
          <>
            <dt>Priority</dt>
            <dd>{e.priority}</dd>
          </>
        )}
        <dt>Next tier</dt>
        <dd>
          {e.nextTier
            ? `${e.nextTier.name}: ${fmtNum(e.nextTier.pointsNeeded)} more points`
            : "Already in the top tier"}
        </dd>
        <dt>Row</dt>
        <dd>Leads row {e.sheetRow}</dd>
      </dl>
      <h3>Groups</h3>
      <DataTable label="Points per group" columns={["Group", NUM("Raw"), NUM("Total")]}>
        {e.groups.map((g) => (
          <tr key={g.group}>
            <td>
              {g.group || "(no group)"}
              {g.capped && (
                <span class="muted">
                  {" "}
                  (capped at {g.capped} {fmtNum(g.capped === "max" ? g.max : g.min)})
                </span>
              )}
            </td>
            <td class="num">{fmtNum(g.raw)}</td>
            <td class="num">{fmtNum(g.total)}</td>
          </tr>
        ))}
      </DataTable>
      {capped.length === 0 && <p class="muted">No group cap applied.</p>}
      <h3>Rules that fired</h3>
      {e.rules.length === 0 ? (
        <p class="muted">No rule matched this lead.</p>
      ) : (
        <DataTable
          label="Rules that fired"
          class="rules"
          columns={[
            "Rule",
            { label: "Pts", num: true, title: "Points per match" },
            { label: "×", num: true, class: "narrow", title: "Times it matched" },
            { label: "Decay", num: true, title: "Decay weight" },
            NUM("Value"),
          ]}
        >
          {e.rules.map((r) => (
            <tr key={r.ruleRow}>
              <td>
                {r.label}
                <span class="muted sub">{r.group || "no group"}</span>
              </td>
              <td class="num">{fmtNum(r.points)}</td>
              <td class="num">{r.count}</td>
              <td class="num">{r.weight.toFixed(2)}</td>
              <td class="num">{fmtNum(r.value)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {e.onlyIf.length > 0 && (
        <>
          <h3>Only If</h3>
          <ul class="list" data-testid="only-if">
            {e.onlyIf.map((o) => (
              <li key={o.ruleRow}>
                {o.label}: {o.counted ? "counted" : "not counted"}
                <span class="muted item-note">{termsText(o)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {e.resets.length > 0 && (
        <>
          <h3>Resets</h3>
          <ul class="list" data-testid="resets">
            {e.resets.map((r) => (
              <li key={r.ruleRow}>
                {r.label} on {formatTime(r.at, timeZone)}: {erasedText(r)}
              </li>
            ))}
          </ul>
        </>
      )}
      {e.models && e.models.length > 0 && (
        <>
          <h3>Models</h3>
          <DataTable label="Score per model" columns={["Model", NUM("Score"), "Tier", "Top Reasons"]}>
            {e.models.map((m) => (
              <tr key={m.model}>
                <td>
                  {m.model}
                  {m.grade && <span class="muted sub">Grade {m.priority || m.grade}</span>}
                </td>
                <td class="num">{fmtNum(m.score)}</td>
                <td>{m.tier}</td>
                <td>{m.reasons || "–"}</td>
              </tr>
            ))}
          </DataTable>
        </>
      )}
      {e.account !== undefined && (
        <>
          <h3>Account</h3>
          {e.account === null ? (
            <p class="muted">No account: this lead's Account key cell is blank or a free-mail domain.</p>
          ) : (
            <AccountFigures a={e.account} />
          )}
        </>
      )}
      <p class="muted">As of {formatTime(e.asOf, timeZone)}</p>
    </div>
  );
}

/** An account's roll-up: the same figures as its Accounts tab row, with its rank. */
function AccountFigures({ a }: { a: AccountSummary }) {
  const capped = a.engagementMax !== null && a.rawEngagement > a.engagementMax;
  return (
    <dl class="kv" data-testid="account">
      <dt>{a.keyName}</dt>
      <dd>{a.name}</dd>
      <dt>Score</dt>
      <dd>
        {fmtNum(a.score)} · {a.tier} · #{a.rank} of {a.of}
      </dd>
      <dt>Fit</dt>
      <dd>{fmtNum(a.fit)} (best lead)</dd>
      <dt>Engagement</dt>
      <dd>
        {fmtNum(a.engagement)}
        {capped && <span class="muted"> (capped from {fmtNum(a.rawEngagement)})</span>}
      </dd>
      <dt>Leads</dt>
      <dd>
        {a.leads} ({a.engagedLeads} engaged)
      </dd>
      <dt>Top lead</dt>
      <dd>{a.topLead}</dd>
    </dl>
  );
}

/** A search box's results: the query sent with `ask` once typing pauses; null while the box is empty. */
function useDebouncedSearch<T>(ask: (q: string) => Promise<T>) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<T | null>(null);
  const search = useAction();
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    window.clearTimeout(timer.current);
    const q = query.trim();
    if (!q) {
      setFound(null);
      return;
    }
    timer.current = window.setTimeout(async () => {
      const got = await search.run(() => ask(q));
      if (got) setFound(got);
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer.current);
  }, [query]);
  return { query, setQuery, found, search };
}

/** Account lookup: accounts whose name contains the query, each with its leads (pick one to explain it). */
function AccountLookup({ onPick }: { onPick: (key: string) => void }) {
  const { query, setQuery, found, search } = useDebouncedSearch((q) => call("lookupAccounts", q));
  return (
    <div>
      <div class="field">
        <label for="lookup-account">Account</label>
        <input
          id="lookup-account"
          type="search"
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <ActionStatus action={search} busyLabel="Searching…" />
      {found && found.length === 0 && !search.busy && (
        <p class="muted">No account matches (accounts need Account key in Settings).</p>
      )}
      {found?.map((a) => (
        <div key={a.name} data-testid="account-match">
          <div class="lead-head">{a.name}</div>
          <AccountFigures a={a} />
          <DataTable label={`Leads of ${a.name}`} columns={["Lead", NUM("Score"), NUM("Engagement")]}>
            {a.members.map((m) => (
              <tr key={m.sheetRow}>
                <td>
                  <button type="button" class="link" onClick={() => onPick(m.key)}>
                    {m.key}
                  </button>
                  <span class="muted sub">{m.tier}</span>
                </td>
                <td class="num">{fmtNum(m.score)}</td>
                <td class="num">{fmtNum(m.engagement)}</td>
              </tr>
            ))}
          </DataTable>
        </div>
      ))}
    </div>
  );
}

export function Lookup({ state }: PanelProps) {
  const { query, setQuery, found: matches, search } = useDebouncedSearch((q) => call("lookupLeads", q));
  const [picked, setPicked] = useState<string | null>(null);
  const [explained, setExplained] = useState<LeadExplanation | null>(null);
  const explain = useAction();

  async function pick(m: Pick<LeadMatch, "key">) {
    setPicked(m.key);
    setExplained(null);
    const e = await explain.run(() => call("explainLead", m.key));
    if (e) setExplained(e);
  }

  return (
    <section aria-labelledby="h-lookup">
      <h2 id="h-lookup">Lead lookup</h2>
      <div class="field">
        <label for="lookup-q">Name or email</label>
        <input
          id="lookup-q"
          type="search"
          autocomplete="off"
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
      </div>
      <ActionStatus action={search} busyLabel="Searching…" />
      {matches && matches.length === 0 && !search.busy && <p class="muted">No lead matches.</p>}
      {matches && matches.length > 0 && (
        <fieldset data-testid="matches" class="matches">
          <legend class="sr-only">Matching leads</legend>
          {matches.map((m) => (
            <button
              type="button"
              class="pick"
              key={m.key}
              aria-pressed={picked === m.key}
              onClick={() => pick(m)}
            >
              {m.name}
              <span class="meta">
                {m.tier || "no tier"} · score {m.score == null ? "–" : fmtNum(m.score)} · row {m.sheetRow}
              </span>
            </button>
          ))}
        </fieldset>
      )}
      {explain.busy && <Loading label="Explaining…" />}
      {explain.error && <Notice kind="error">{explain.error}</Notice>}
      {explained && <Breakdown e={explained} timeZone={state.timeZone} />}
      <h2 id="h-account-lookup">Account lookup</h2>
      <AccountLookup onPick={(key) => pick({ key })} />
    </section>
  );
}
