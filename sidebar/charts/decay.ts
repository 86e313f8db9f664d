// The decay curve: what a 10-point activity is worth as it ages, with the 7/30/90-day marks.
import { decayCurve } from "../logic/decay";
import { Chart } from "./setup";

export const MARK_DAYS = [7, 30, 90];

export interface DecayChart {
  update(halfLifeDays: number | null): void;
  destroy(): void;
}

function datasets(points: number, halfLife: number | null) {
  const curve = decayCurve(points, halfLife, 90, 1);
  return [
    {
      label: "Points",
      data: curve,
      borderColor: "#1a73e8",
      borderWidth: 2,
      pointRadius: curve.map((p) => (MARK_DAYS.includes(p.x) ? 3 : 0)),
      pointBackgroundColor: "#1a73e8",
      tension: 0,
    },
  ];
}

export function createDecayChart(
  canvas: HTMLCanvasElement,
  points: number,
  halfLife: number | null,
): DecayChart {
  const chart = new Chart(canvas, {
    type: "line",
    data: { datasets: datasets(points, halfLife) },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: { tooltip: { displayColors: false } },
      scales: {
        x: {
          type: "linear",
          min: 0,
          max: 90,
          ticks: { stepSize: 15, callback: (v) => `${v}d` },
          grid: { color: "#f1f3f4" },
        },
        y: { min: 0, max: points, ticks: { maxTicksLimit: 3 }, grid: { color: "#f1f3f4" } },
      },
    },
  });
  return {
    update(next) {
      chart.data.datasets = datasets(points, next);
      chart.update("none");
    },
    destroy: () => chart.destroy(),
  };
}
