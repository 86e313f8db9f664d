// The score histogram with the tier thresholds drawn as vertical lines. Labels are canvas text, so names
// typed by users can never become markup.
import type { Plugin } from "chart.js";
import type { Tier } from "../../src/core/types";
import { binLabel, binScores, fractionOf, type Histogram } from "../logic/histogram";
import { sortTiersAsc } from "../logic/tiers";
import { Chart, tierColor } from "./setup";

export interface HistogramInput {
  scores: readonly number[];
  tiers: readonly Tier[];
  floor: number | null;
  ceiling: number | null;
}

interface View {
  hist: Histogram;
  /** Highest tier first. */
  tiers: Tier[];
}

function view(input: HistogramInput): View {
  const tiers = sortTiersAsc(input.tiers).reverse();
  const hist = binScores(input.scores, {
    lo: input.floor,
    hi: input.ceiling,
    include: tiers.map((t) => t.minScore),
    maxBins: 20,
  });
  return { hist, tiers };
}

function barColors(v: View): string[] {
  return v.hist.counts.map((_, i) => {
    const mid = v.hist.start + (i + 0.5) * v.hist.width;
    // Below every tier counts as the lowest tier, as in the engine.
    const rank = v.tiers.findIndex((t) => mid >= t.minScore);
    return tierColor(rank < 0 ? v.tiers.length - 1 : rank);
  });
}

function thresholdPlugin(current: () => View): Plugin<"bar"> {
  return {
    id: "leadscoreThresholds",
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      const v = current();
      ctx.save();
      v.tiers.forEach((t, rank) => {
        const x = area.left + fractionOf(v.hist, t.minScore) * (area.right - area.left);
        ctx.strokeStyle = tierColor(rank);
        ctx.lineWidth = 1.5;
        ctx.setLineDash([4, 3]);
        ctx.beginPath();
        ctx.moveTo(x, area.top);
        ctx.lineTo(x, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.font = "10px Roboto, Arial, sans-serif";
        // Stagger labels vertically so close thresholds stay readable; flip left near the right edge.
        const label = t.name.length > 14 ? `${t.name.slice(0, 13)}…` : t.name;
        const w = ctx.measureText(label).width;
        const lx = x + 3 + w > area.right ? x - 3 - w : x + 3;
        const ly = area.top + 10 + (rank % 3) * 12;
        // A white backdrop keeps the label readable over bars of the same colour.
        ctx.fillStyle = "rgba(255,255,255,0.85)";
        ctx.fillRect(lx - 2, ly - 9, w + 4, 12);
        ctx.fillStyle = tierColor(rank);
        ctx.fillText(label, lx, ly);
      });
      ctx.restore();
    },
  };
}

export interface HistogramChart {
  update(input: HistogramInput): void;
  destroy(): void;
}

export function createHistogram(canvas: HTMLCanvasElement, input: HistogramInput): HistogramChart {
  let v = view(input);
  const chart = new Chart(canvas, {
    type: "bar",
    data: {
      labels: v.hist.counts.map((_, i) => binLabel(v.hist, i)),
      datasets: [
        {
          label: "Leads",
          data: v.hist.counts,
          backgroundColor: barColors(v),
          barPercentage: 1,
          categoryPercentage: 0.95,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      layout: { padding: { top: 4 } },
      plugins: { tooltip: { displayColors: false } },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        y: { beginAtZero: true, ticks: { precision: 0, maxTicksLimit: 5 }, grid: { color: "#f1f3f4" } },
      },
    },
    plugins: [thresholdPlugin(() => v)],
  });
  return {
    update(next) {
      v = view(next);
      chart.data.labels = v.hist.counts.map((_, i) => binLabel(v.hist, i));
      const ds = chart.data.datasets[0];
      ds.data = v.hist.counts;
      ds.backgroundColor = barColors(v);
      chart.update("none");
    },
    destroy: () => chart.destroy(),
  };
}
