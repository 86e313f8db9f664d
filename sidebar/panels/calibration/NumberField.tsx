// A labelled number input of the Calibration panel (kept as text: the caller parses it when used).
export function NumberField({
  id,
  label,
  value,
  onInput,
  min,
  step,
}: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  min?: number;
  step?: string;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={min}
        step={step}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}
