// Chart configurations for the Calibration panel, built from the JSON CalibrationReport.
import type { ChartConfiguration } from "chart.js";
import type { CalibrationReport } from "../../src/contract";

const BLUE = "#1a73e8";
const GREY = "#9aa0a6";
const RED = "#d93025";
const GRID = { color: "#f1f3f4" };
const pctTicks = { callback: (v: string | number) => `${Math.round(Number(v) * 100)}%`, maxTicksLimit: 5 };

/** Conversion rate per category as bars, with the base rate as a dashed line across. */
export function rateBars(
  labels: string[],
  rates: (number | null)[],
  base: number | null,
): ChartConfiguration {
  return {
    type: "bar",
    data: {
      labels,
      datasets: [
        {
          type: "bar",
          label: "Conversion rate",
          data: rates,
          backgroundColor: BLUE,
          categoryPercentage: 0.8,
        },
        {
          type: "line",
          label: "Base rate",
          data: labels.map(() => base),
          borderColor: RED,
          borderDash: [4, 3],
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        tooltip: {
          callbacks: { label: (c) => `${c.dataset.label}: ${((Number(c.raw) || 0) * 100).toFixed(1)}%` },
        },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 4 } },
        y: { beginAtZero: true, ticks: pctTicks, grid: GRID },
      },
    },
  };
}

/** Score distributions of converted and not converted leads, each as a share of its own group. */
export function distributions(report: CalibrationReport): ChartConfiguration {
  const bins = report.score_distribution;
  const conv = bins.reduce((s, b) => s + b.converted, 0) || 1;
  const not = bins.reduce((s, b) => s + b.not_converted, 0) || 1;
  return {
    type: "bar",
    data: {
      labels: bins.map((b) => String(Math.round(b.from))),
      datasets: [
        { label: "Converted", data: bins.map((b) => b.converted / conv), backgroundColor: BLUE },
        { label: "Not converted", data: bins.map((b) => b.not_converted / not), backgroundColor: GREY },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${(Number(c.raw) * 100).toFixed(1)}%` } },
      },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 4 } },
        y: { beginAtZero: true, ticks: pctTicks, grid: GRID },
      },
    },
  };
}

/** ROC curve with the chance diagonal. */
export function roc(report: CalibrationReport): ChartConfiguration {
  return {
    type: "line",
    data: {
      datasets: [
        {
          label: "ROC",
          data: report.roc.map((p) => ({ x: p.fpr, y: p.tpr })),
          borderColor: BLUE,
          borderWidth: 2,
          pointRadius: 0,
        },
        {
          label: "Chance",
          data: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
          borderColor: GREY,
          borderDash: [4, 3],
          borderWidth: 1,
          pointRadius: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      aspectRatio: 1.6,
      parsing: false,
      plugins: { tooltip: { enabled: false } },
      scales: {
        x: {
          type: "linear",
          min: 0,
          max: 1,
          title: { display: true, text: "False positive rate" },
          grid: GRID,
        },
        y: { min: 0, max: 1, title: { display: true, text: "True positive rate" }, grid: GRID },
      },
    },
  };
}
