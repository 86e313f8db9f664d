// The account alert email, designed like the lead one (compose.ts): an HTML body and its plain-text
// alternative, every sheet value escaped in the HTML and kept on one line in the subject.
import { escapeHtml } from "../html";
import { type Email, type EmailContext, oneLine } from "./compose";

export interface AccountAlertView {
  name: string;
  score: number;
  tier: string;
  /** The notify tier the alert is about. */
  enteredTier: string;
  /** When the account entered it, formatted in the spreadsheet's time zone. */
  enteredAt: string;
  fit: number;
  engagement: number;
  leads: number;
  engagedLeads: number;
  nextTier: { name: string; pointsNeeded: number } | null;
  /** Its highest-scoring leads, highest first. */
  topLeads: { name: string; key: string; score: number; tier: string }[];
  /** The account's row on the Accounts tab. */
  link: string;
}

/** An account email lists this many of its leads. */
export const ACCOUNT_TOP_LEADS = 5;

export function accountSubject(views: readonly AccountAlertView[]): string {
  if (views.length === 1) {
    const v = views[0];
    return oneLine(`Leadscore: account ${v.name} reached ${v.enteredTier} (score ${v.score})`);
  }
  const tiers = new Set(views.map((v) => v.enteredTier));
  const what = tiers.size === 1 ? [...tiers][0] : "a notify tier";
  return oneLine(`Leadscore: ${views.length} accounts reached ${what}`);
}

const points = (x: number) => String(Math.round(x * 10) / 10);

function tierLine(v: AccountAlertView): string {
  const now = v.tier === v.enteredTier ? v.tier : `${v.tier} now (entered ${v.enteredTier})`;
  const next = v.nextTier ? ` · ${v.nextTier.pointsNeeded} points to ${v.nextTier.name}` : "";
  return `Score ${v.score} · ${now} (since ${v.enteredAt})${next}`;
}

function figures(v: AccountAlertView): string {
  return `Fit ${points(v.fit)} · Engagement ${points(v.engagement)} · ${v.engagedLeads} of ${v.leads} lead${v.leads === 1 ? "" : "s"} engaged`;
}

function accountHtml(v: AccountAlertView): string {
  const e = escapeHtml;
  const leads = v.topLeads.length
    ? `<p style="margin:8px 0 2px"><b>Top leads</b></p><ul style="margin:0">${v.topLeads
        .map((l) => `<li>${e(l.name)} · ${e(l.key)} · ${e(l.score)} ${e(l.tier)}</li>`)
        .join("")}</ul>`
    : "";
  return (
    `<div style="border-top:1px solid #ddd;padding:12px 0">` +
    `<h3 style="margin:0 0 4px"><a href="${e(v.link)}" target="_blank">${e(v.name)}</a></h3>` +
    `<div style="color:#555">${e(figures(v))}</div>` +
    `<p style="margin:8px 0 0"><b>${e(tierLine(v))}</b></p>` +
    leads +
    `<p style="margin:8px 0 0"><a href="${e(v.link)}" target="_blank">Open the Accounts tab</a></p>` +
    `</div>`
  );
}

function accountText(v: AccountAlertView): string {
  const lines = [`Account ${v.name}`, figures(v), tierLine(v)];
  if (v.topLeads.length)
    lines.push("Top leads:", ...v.topLeads.map((l) => `  - ${l.name} <${l.key}> · ${l.score} ${l.tier}`));
  lines.push(`Open the Accounts tab: ${v.link}`);
  return lines.join("\n");
}

/** One email for one or more accounts (a digest when more). */
export function composeAccountEmail(views: readonly AccountAlertView[], ctx: EmailContext): Email {
  const e = escapeHtml;
  const intro =
    views.length === 1
      ? `An account in ${ctx.spreadsheetName} reached a tier you are notified about.`
      : `${views.length} accounts in ${ctx.spreadsheetName} reached a tier you are notified about.`;
  const footer = `Times are in ${ctx.timeZone}. You get this email from the Leadscore add-on because of the Notify settings in the spreadsheet.`;
  const htmlBody =
    `<div style="font-family:Arial,sans-serif;font-size:14px;color:#222">` +
    `<p>${e(intro)}</p>${views.map(accountHtml).join("")}` +
    `<p style="color:#777;font-size:12px;border-top:1px solid #ddd;padding-top:8px">${e(footer)}</p></div>`;
  const body = [intro, "", ...views.map(accountText).flatMap((t) => [t, ""]), footer].join("\n");
  return { subject: accountSubject(views), body, htmlBody };
}
