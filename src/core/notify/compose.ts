// The alert email: an HTML body and its plain-text alternative. Every value from the sheet goes through
// escapeHtml in the HTML (a lead named `<img src=x onerror=alert(1)>` stays text) and is kept on one line in
// the subject.
import { escapeHtml } from "../html";

export interface AlertView {
  key: string;
  name: string;
  /** The model the alert is about: "" for the default model (its emails name no model). */
  model: string;
  /** "VP Sales at Acme" when the sheet has those columns, else "". */
  role: string;
  score: number;
  /** Tier now. */
  tier: string;
  /** The notify tier the alert is about. */
  enteredTier: string;
  /** When the lead entered it, formatted in the spreadsheet's time zone. */
  enteredAt: string;
  reasons: string[];
  nextTier: { name: string; pointsNeeded: number } | null;
  activities: { when: string; event: string; detail: string }[];
  /** The lead's row in the spreadsheet. */
  link: string;
}

export interface EmailContext {
  spreadsheetName: string;
  timeZone: string;
}

export interface Email {
  subject: string;
  body: string;
  htmlBody: string;
}

/** Subjects are one short line: no line breaks or control characters from a lead field. */
export function oneLine(text: string, max = 180): string {
  let flat = "";
  for (const ch of text) flat += ch.charCodeAt(0) < 32 || ch.charCodeAt(0) === 127 ? " " : ch;
  const clean = flat.replace(/\s+/g, " ").trim();
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** "Enterprise model" for a named model's alert, "" for the default model's. */
const modelLabel = (model: string) => (model ? `${model} model` : "");

export function subjectFor(views: readonly AlertView[]): string {
  if (views.length === 1) {
    const v = views[0];
    const model = v.model ? `${modelLabel(v.model)}, ` : "";
    return oneLine(`Leadscore: ${v.name} reached ${v.enteredTier} (${model}score ${v.score})`);
  }
  const tiers = new Set(views.map((v) => v.enteredTier));
  const models = new Set(views.map((v) => v.model));
  const what = tiers.size === 1 ? [...tiers][0] : "a notify tier";
  const model = models.size === 1 && views[0].model ? ` (${modelLabel(views[0].model)})` : "";
  return oneLine(`Leadscore: ${views.length} leads reached ${what}${model}`);
}

/** Before the score line: which model scored it (nothing for the default model). */
const modelPrefix = (v: AlertView) => (v.model ? `${modelLabel(v.model)} · ` : "");

function leadHtml(v: AlertView): string {
  const e = escapeHtml;
  const now = v.tier === v.enteredTier ? e(v.tier) : `${e(v.tier)} now (entered ${e(v.enteredTier)})`;
  const next = v.nextTier ? ` · ${e(v.nextTier.pointsNeeded)} points to ${e(v.nextTier.name)}` : "";
  const reasons = v.reasons.length
    ? `<p style="margin:8px 0 2px"><b>Why</b></p><ul style="margin:0">${v.reasons.map((r) => `<li>${e(r)}</li>`).join("")}</ul>`
    : "";
  const acts = v.activities.length
    ? `<p style="margin:8px 0 2px"><b>Latest activity</b></p><ul style="margin:0">${v.activities
        .map((a) => `<li>${e(a.when)} · ${e(a.event)}${a.detail ? ` · ${e(a.detail)}` : ""}</li>`)
        .join("")}</ul>`
    : "";
  return (
    `<div style="border-top:1px solid #ddd;padding:12px 0">` +
    `<h3 style="margin:0 0 4px"><a href="${e(v.link)}" target="_blank">${e(v.name)}</a></h3>` +
    `<div style="color:#555">${e(v.key)}${v.role ? ` · ${e(v.role)}` : ""}</div>` +
    `<p style="margin:8px 0 0">${e(modelPrefix(v))}<b>Score ${e(v.score)}</b> · ${now} (since ${e(v.enteredAt)})${next}</p>` +
    reasons +
    acts +
    `<p style="margin:8px 0 0"><a href="${e(v.link)}" target="_blank">Open the lead's row</a></p>` +
    `</div>`
  );
}

function leadText(v: AlertView): string {
  const lines = [
    `${v.name} <${v.key}>${v.role ? ` · ${v.role}` : ""}`,
    `${modelPrefix(v)}Score ${v.score} · ${v.tier === v.enteredTier ? v.tier : `${v.tier} now (entered ${v.enteredTier})`} (since ${v.enteredAt})` +
      (v.nextTier ? ` · ${v.nextTier.pointsNeeded} points to ${v.nextTier.name}` : ""),
  ];
  if (v.reasons.length) lines.push("Why:", ...v.reasons.map((r) => `  - ${r}`));
  if (v.activities.length) {
    lines.push(
      "Latest activity:",
      ...v.activities.map((a) => `  - ${a.when} · ${a.event}${a.detail ? ` · ${a.detail}` : ""}`),
    );
  }
  lines.push(`Open the lead's row: ${v.link}`);
  return lines.join("\n");
}

/** One email for one or more leads (a digest when more). */
export function composeEmail(views: readonly AlertView[], ctx: EmailContext): Email {
  const e = escapeHtml;
  const intro =
    views.length === 1
      ? `A lead in ${ctx.spreadsheetName} reached a tier you are notified about.`
      : `${views.length} leads in ${ctx.spreadsheetName} reached a tier you are notified about.`;
  const footer = `Times are in ${ctx.timeZone}. You get this email from the Leadscore add-on because of the Notify settings in the spreadsheet.`;
  const htmlBody =
    `<div style="font-family:Arial,sans-serif;font-size:14px;color:#222">` +
    `<p>${e(intro)}</p>${views.map(leadHtml).join("")}` +
    `<p style="color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px">${e(footer)}</p></div>`;
  const body = [intro, "", ...views.map(leadText).flatMap((t) => [t, ""]), footer].join("\n");
  return { subject: subjectFor(views), body, htmlBody };
}
