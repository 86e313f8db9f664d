// MailApp: an outbox that records each message, and the daily recipient quota. The quota counts recipients
// (to + cc + bcc) and resets 24 h after the first send of the window, as Google's quotas do.
import type { Env } from "./env";

export interface MailMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply: boolean;
  attachments: number;
  at: Date;
}

interface MailOptions {
  to?: string;
  cc?: string;
  bcc?: string;
  subject?: string;
  body?: string;
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  noReply?: boolean;
  attachments?: unknown[];
  inlineImages?: unknown;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const EMAIL = /^[^\s@,;<>]+@[^\s@,;<>]+\.[^\s@,;<>]+$/;
const MAX_RECIPIENTS_PER_MESSAGE = 50;
const MAX_BODY_BYTES = 200 * 1024;

function addresses(list: string | undefined): string[] {
  if (!list) return [];
  return String(list)
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => /<([^>]+)>/.exec(s)?.[1] ?? s);
}

export class MailState {
  readonly outbox: MailMessage[] = [];
  private used = 0;
  private windowStart: number | null = null;
  constructor(private readonly env: Env) {}

  private roll(): void {
    if (this.windowStart !== null && this.env.clock.now() >= this.windowStart + DAY_MS) {
      this.windowStart = null;
      this.used = 0;
    }
  }
  remaining(): number {
    this.roll();
    return Math.max(0, this.env.options.mailQuota - this.used);
  }
  /** Uses up quota as if `n` recipients had been mailed (to test low-quota paths). */
  consume(n: number): void {
    this.roll();
    if (this.windowStart === null) this.windowStart = this.env.clock.now();
    this.used += n;
  }
  send(message: Omit<MailMessage, "at">): void {
    const all = [...message.to, ...message.cc, ...message.bcc];
    if (all.length === 0) throw new Error("Failed to send email: no recipient");
    for (const a of all) if (!EMAIL.test(a)) throw new Error(`Invalid email: ${a}`);
    if (all.length > MAX_RECIPIENTS_PER_MESSAGE)
      throw new Error("Limit Exceeded: Email Recipients Per Message.");
    const size = Buffer.byteLength(message.body, "utf8") + Buffer.byteLength(message.htmlBody ?? "", "utf8");
    if (size > MAX_BODY_BYTES) throw new Error("Limit Exceeded: Email Body Size.");
    if (all.length > this.remaining()) throw new Error("Service invoked too many times for one day: email.");
    this.consume(all.length);
    this.outbox.push({ ...message, at: this.env.clock.date() });
  }
}

export class MailApp {
  constructor(private readonly state: MailState) {}
  /**
   * sendEmail(message), sendEmail(recipient, subject, body[, options]) or
   * sendEmail(recipient, replyTo, subject, body).
   */
  sendEmail(a: string | MailOptions, b?: string, c?: string, d?: string | MailOptions): void {
    let o: MailOptions;
    if (typeof a === "object" && a !== null) o = { ...a };
    else if (typeof d === "string") o = { to: a, replyTo: b, subject: c, body: d };
    else o = { ...(d ?? {}), to: a, subject: b, body: c };
    if (o.subject === undefined || o.subject === null) throw new Error("Failed to send email: no subject");
    this.state.send({
      to: addresses(o.to),
      cc: addresses(o.cc),
      bcc: addresses(o.bcc),
      subject: String(o.subject),
      body: o.body === undefined || o.body === null ? "" : String(o.body),
      htmlBody: o.htmlBody === undefined ? undefined : String(o.htmlBody),
      name: o.name,
      replyTo: o.replyTo,
      noReply: !!o.noReply,
      attachments: Array.isArray(o.attachments) ? o.attachments.length : 0,
    });
  }
  getRemainingDailyQuota(): number {
    return this.state.remaining();
  }
}
