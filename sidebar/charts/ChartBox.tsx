// A Chart.js chart as a Preact component: rebuilt whenever `config` changes identity (report charts change
// only when a new report arrives, so rebuilding is simpler than patching).
import type { ChartConfiguration } from "chart.js";
import { useEffect, useRef } from "preact/hooks";
import { Chart } from "./setup";

export function ChartBox({
  config,
  label,
  small,
}: {
  config: ChartConfiguration;
  label: string;
  small?: boolean;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div class={small ? "chart small" : "chart"}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
