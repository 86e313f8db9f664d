// Every email the add-on would have sent. The HTML body is shown in a sandboxed iframe (no scripts, its
// own opaque origin), never as part of the page.
import { useState } from "preact/hooks";
import type { OutboxMail } from "../src/local/server/page-api";

export function Outbox({ mails }: { mails: OutboxMail[] }) {
  const [open, setOpen] = useState(mails.length - 1);
  if (!mails.length)
    return (
      <p class="empty">
        No email yet. Emails go out from scheduled runs: turn the schedule on in the sidebar, then run it.
      </p>
    );
  const mail = mails[Math.min(Math.max(open, 0), mails.length - 1)];
  return (
    <div class="outbox">
      <ul aria-label="Emails">
        {mails.map((m, i) => (
          <li key={i}>
            <button type="button" class="mail" aria-pressed={m === mail} onClick={() => setOpen(i)}>
              <span class="to">{m.to.join(", ")}</span> <span class="subject">{m.subject}</span>
            </button>
          </li>
        ))}
      </ul>
      <article aria-label="Email">
        <dl>
          <dt>To</dt>
          <dd data-testid="mail-to">{mail.to.join(", ")}</dd>
          <dt>Subject</dt>
          <dd data-testid="mail-subject">{mail.subject}</dd>
          <dt>Sent</dt>
          <dd>{mail.at.replace("T", " ").replace(/\.\d+Z$/, "Z")}</dd>
        </dl>
        {mail.htmlBody !== null ? (
          <iframe title="Email body" sandbox="" srcdoc={mail.htmlBody} />
        ) : (
          <pre>{mail.body}</pre>
        )}
      </article>
    </div>
  );
}
