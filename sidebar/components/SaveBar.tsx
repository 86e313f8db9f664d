// Save (and optionally Reset) under a settings form, with the outcome of the save below. Save stays off
// until there is a valid change, and both stay off while a save runs.
import { type Action, ActionStatus } from "../ui";

interface Props {
  action: Action;
  busyLabel: string;
  dirty: boolean;
  invalid: boolean;
  onSave: () => void;
  /** Shows a Reset button that restores the saved values. */
  onReset?: () => void;
  /** Shows "Unsaved changes" while the draft differs from what is saved. */
  unsavedNote?: boolean;
}

export function SaveBar({ action, busyLabel, dirty, invalid, onSave, onReset, unsavedNote }: Props) {
  return (
    <>
      <div class="actions">
        <button type="button" class="btn action" disabled={!dirty || invalid || action.busy} onClick={onSave}>
          Save
        </button>
        {onReset && (
          <button type="button" class="btn" disabled={!dirty || action.busy} onClick={onReset}>
            Reset
          </button>
        )}
        {unsavedNote && dirty && <span class="muted">Unsaved changes</span>}
      </div>
      <ActionStatus action={action} busyLabel={busyLabel} />
    </>
  );
}
