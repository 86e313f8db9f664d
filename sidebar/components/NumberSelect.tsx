// A labelled <select> over numbers; the DOM only holds strings, so this converts both ways in one place.

interface Props {
  id: string;
  label: string;
  value: number;
  options: { value: number; label: string }[];
  onChange: (value: number) => void;
}

export function NumberSelect({ id, label, value, options, onChange }: Props) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} value={String(value)} onChange={(e) => onChange(Number(e.currentTarget.value))}>
        {options.map((o) => (
          <option key={o.value} value={String(o.value)}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
