// Validation errors of a form, one per line, in a single alert.
import { Notice } from "../ui";

export function ErrorList({ errors }: { errors: string[] }) {
  if (errors.length === 0) return null;
  return (
    <Notice kind="error">
      {errors.map((e) => (
        <div key={e}>{e}</div>
      ))}
    </Notice>
  );
}
