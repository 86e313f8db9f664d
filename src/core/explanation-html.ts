// The Explain dialog's body: the lead's breakdown as an HTML table, every value escaped.
import type { LeadExplanation } from "./explanation";
import { erasedText, termsText } from "./explanation";
import { escapeHtml as e } from "./html";
import { formatPoints } from "./values";

const STYLE = `body{font:13px Roboto,Arial,sans-serif;color:#202124;margin:12px}
h2{font-size:16px;margin:0 0 4px}p{margin:4px 0 10px;color:#5f6368}
table{border-collapse:collapse;width:100%;margin-bottom:12px}th,td{text-align:left;padding:4px 6px;border-bottom:1px solid #e0e0e0}
td.n{text-align:right}th{font-weight:500;color:#5f6368}`;

function capText(g: LeadExplanation["groups"][number]): string {
  if (g.capped === "max")
    return `capped at max ${formatPoints(g.max ?? g.total)} (raw ${formatPoints(g.raw)})`;
  if (g.capped === "min")
    return `raised to min ${formatPoints(g.min ?? g.total)} (raw ${formatPoints(g.raw)})`;
  return "";
}

/** The lead's account line: its score, tier and rank among the accounts. */
function accountHtml(x: LeadExplanation): string {
  if (x.account === undefined) return "";
  const a = x.account;
  if (a === null)
    return `<p>Account: none (this lead's Account key cell is blank or a free-mail domain).</p>`;
  const cap =
    a.engagementMax !== null && a.rawEngagement > a.engagementMax
      ? ` (capped from ${formatPoints(a.rawEngagement)})`
      : "";
  return `<p>Account <b>${e(a.name)}</b> (${e(a.keyName)}): Score <b>${a.score}</b> · ${e(a.tier)} · #${a.rank} of ${a.of} accounts · Fit ${formatPoints(a.fit)} + Engagement ${formatPoints(a.engagement)}${cap} · ${a.engagedLeads} of ${a.leads} leads engaged · top lead ${e(a.topLead)}</p>`;
}

/** Each named model's score, tier, grade and reasons for the lead (its rules only). */
function modelsHtml(x: LeadExplanation): string {
  if (!x.models?.length) return "";
  const rows = x.models
    .map(
      (m) =>
        `<tr><td>${e(m.model)}</td><td class="n">${m.score}</td><td>${e(m.tier)}</td><td>${e(m.grade)}${m.priority ? ` (${e(m.priority)})` : ""}</td><td>${e(m.reasons)}</td></tr>`,
    )
    .join("");
  return `<table><thead><tr><th>Model</th><th>Score</th><th>Tier</th><th>Grade</th><th>Top Reasons</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function explanationHtml(x: LeadExplanation): string {
  const next = x.nextTier
    ? `${formatPoints(x.nextTier.pointsNeeded)} points to ${e(x.nextTier.name)}`
    : "Already in the top tier";
  const rules = x.rules.length
    ? x.rules
        .map(
          (r) =>
            `<tr><td>${e(r.label)}</td><td>${e(r.group)}</td><td class="n">${formatPoints(r.points)}</td><td class="n">${r.count}</td><td class="n">${r.weight.toFixed(2)}</td><td class="n">${formatPoints(r.value)}</td></tr>`,
        )
        .join("")
    : `<tr><td colspan="6">No rule contributed.</td></tr>`;
  const groups = x.groups
    .map(
      (g) =>
        `<tr><td>${e(g.group)}</td><td class="n">${formatPoints(g.total)}</td><td>${e(capText(g))}</td></tr>`,
    )
    .join("");
  // Only If chains and resets: why a matching rule did not count, and which activities no longer do.
  const onlyIf = x.onlyIf.length
    ? `<table><thead><tr><th>Only If rule</th><th>Conditions</th><th>Counted</th></tr></thead><tbody>${x.onlyIf
        .map(
          (o) =>
            `<tr><td>${e(o.label)}</td><td>${e(termsText(o))}</td><td>${o.counted ? "yes" : "no"}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : "";
  const resets = x.resets.length
    ? `<table><thead><tr><th>Reset</th><th>At</th><th>Effect</th></tr></thead><tbody>${x.resets
        .map((r) => `<tr><td>${e(r.label)}</td><td>${e(r.at)}</td><td>${e(erasedText(r))}</td></tr>`)
        .join("")}</tbody></table>`
    : "";
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<h2>${e(x.name)}</h2>
<p>${e(x.key)} · row ${x.sheetRow} · Score <b>${x.score}</b> · ${e(x.tier)}${x.grade ? ` · Grade ${e(x.grade)}` : ""}${x.priority ? ` · Priority ${e(x.priority)}` : ""} · ${next}</p>
<table><thead><tr><th>Rule</th><th>Group</th><th>Points</th><th>Count</th><th>Decay</th><th>Total</th></tr></thead><tbody>${rules}</tbody></table>
${onlyIf}${resets}${modelsHtml(x)}<table><thead><tr><th>Group</th><th>Total</th><th>Cap</th></tr></thead><tbody>${groups}</tbody></table>
${accountHtml(x)}<p>As of ${e(x.asOf)}</p></body></html>`;
}
