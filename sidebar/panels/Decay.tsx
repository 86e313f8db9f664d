// Decay: the default half-life, with what a 10-point activity is worth after 7, 30 and 90 days.
import { useEffect, useRef } from "preact/hooks";
import { createDecayChart, type DecayChart, MARK_DAYS } from "../charts/decay";
import { SaveBar } from "../components/SaveBar";
import { useDraft } from "../components/useDraft";
import { decayedPoints } from "../logic/decay";
import { call } from "../rpc";
import { Notice, parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

const POINTS = 10;

export function Decay({ state, onState }: PanelProps) {
  const saved = state.halfLifeDays;
  const [text, setText] = useDraft(() => (saved == null ? "" : String(saved)), JSON.stringify(saved));
  const action = useAction();

  const value = parseNum(text);
  const invalid = value != null && !(Number.isFinite(value) && value > 0);
  const halfLife = invalid ? saved : value;
  const dirty = !invalid && value !== saved;

  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<DecayChart | null>(null);
  useEffect(() => {
    if (!canvas.current) return;
    chart.current = createDecayChart(canvas.current, POINTS, halfLife);
    return () => chart.current?.destroy();
  }, []);
  useEffect(() => chart.current?.update(halfLife), [halfLife]);

  async function save() {
    const next = await action.run(
      () => call("saveSettings", { halfLifeDays: value }),
      "Saved. Leads rescored.",
    );
    if (next) onState(next);
  }

  return (
    <section aria-labelledby="h-decay">
      <h2 id="h-decay">Decay</h2>
      <p class="muted">
        Activity points halve every half-life, so leads that go quiet cool down. Leave empty for no decay.
      </p>
      <div class="field">
        <label for="half-life">Default half-life (days)</label>
        <input
          id="half-life"
          type="number"
          min={1}
          step="any"
          value={text}
          aria-invalid={invalid}
          aria-describedby="half-life-help"
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <span id="half-life-help" class="muted">
          Rules in the Scoring Matrix may set their own half-life.
        </span>
      </div>
      {invalid && <Notice kind="error">The half-life must be a number of days above 0.</Notice>}
      <h3>A {POINTS}-point activity after…</h3>
      <div class="chart small">
        <canvas
          ref={canvas}
          role="img"
          aria-label={`Decay curve of a ${POINTS}-point activity over 90 days`}
        />
      </div>
      <table class="data" aria-label="Points left after some days">
        <tbody>
          {decayedPoints(POINTS, halfLife, MARK_DAYS).map((p) => (
            <tr key={p.days}>
              <th scope="row">{p.days} days</th>
              <td class="num">{p.points} pts</td>
            </tr>
          ))}
        </tbody>
      </table>
      <SaveBar
        action={action}
        busyLabel="Saving and rescoring…"
        dirty={dirty}
        invalid={invalid}
        onSave={save}
      />
    </section>
  );
}
