// "New workbook from an export…": a path to a CRM or form export on this machine, from which the server
// creates a workbook as `leadscore init --from` does and switches the page to it; then what was mapped.
import { useState } from "preact/hooks";
import type { NewWorkbookResult } from "../src/local/server/page-api";
import { post } from "./api";
import { Modal } from "./modal";

interface Props {
  onClose(): void;
  /** The server now serves the new workbook: reload the page's view of it. */
  onOpened(): void;
}

export function NewWorkbook({ onClose, onOpened }: Props) {
  const [from, setFrom] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [report, setReport] = useState<string[] | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError("");
    try {
      const r = await post<NewWorkbookResult>("/api/new-workbook", { from });
      setReport(r.report);
      onOpened();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title="New workbook from an export" width={640} onClose={onClose}>
      {report ? (
        <>
          <section aria-label="What was mapped">
            <pre class="report">{report.join("\n")}</pre>
          </section>
          <div class="buttons">
            <button type="button" class="primary" data-autofocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      ) : (
        <form onSubmit={submit}>
          <label for="export-path">Export file on this machine (.csv or .xlsx)</label>
          <input
            id="export-path"
            type="text"
            value={from}
            data-autofocus
            spellcheck={false}
            placeholder="/home/me/Downloads/hubspot-contacts.csv"
            onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="hint">
            The workbook is created next to the export, in a folder named after it (an existing workbook is
            never overwritten), and opens here; the one open now is saved first.
          </p>
          {error && (
            <p class="alert-text" role="alert">
              {error}
            </p>
          )}
          <div class="buttons">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" class="primary" disabled={busy || !from.trim()}>
              Create workbook
            </button>
          </div>
        </form>
      )}
    </Modal>
  );
}
