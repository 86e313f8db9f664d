// The Calibration tab (owned by the add-on, rebuilt on each run): the report's tables as data blocks down the
// left, and native Sheets charts over them at the right: conversion by tier and by decile (bars with the base
// rate as a line), score distributions of converted vs not, and the ROC curve. Charts read the blocks, so a
// user can restyle or copy them like any chart they made.
import type { CalibrationReport } from "../core/calibration";
import { roundTo } from "../core/rounding";
import type { CellValue } from "../core/types";
import { writeBlock } from "./matrix-tab";
import { ensureSize } from "./sheet-size";

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

export const CALIBRATION_TAB = "Calibration";

export interface Block {
  /** Top-left cell, 1-based. */
  row: number;
  column: number;
  /** Title row, then header row, then data. */
  values: CellValue[][];
  /** Columns (0-based, within the block) shown as percentages. */
  percent: number[];
}

export interface ChartSpec {
  type: "COMBO" | "COLUMN" | "LINE";
  /** The chart reads the block's header and data rows, its first `columns` columns. */
  block: Block;
  columns: number;
  anchor: { row: number; column: number };
  options: Record<string, unknown>;
}

const CHART = { width: 600, height: 340, firstColumn: 10, secondColumn: 17, rowsApart: 18 };
const BASE_RATE = "Base rate";
const RATE_AXIS = { format: "percent", minValue: 0 };

/**
 * A rate as a cell: the fraction rounded to what the "0.0%" format shows (33.3%), so the cell holds the
 * figure a reader sees, not 0.3333333 (which a copy, an export or a formula would otherwise get).
 */
const rateCell = (x: number | null): CellValue => (x === null ? "" : roundTo(x, 3));

function rateCells(r: { rate: number | null; leads: number; conversions: number; lift: number | null }) {
  return [rateCell(r.rate), r.leads, r.conversions, r.lift === null ? "" : roundTo(r.lift, 2)];
}

/** The blocks (stacked down the left, a blank row between) and the four charts, from one report. */
export function calibrationLayout(report: CalibrationReport): { blocks: Block[]; charts: ChartSpec[] } {
  const base = rateCell(report.base_rate);
  const summary: Block = {
    row: 1,
    column: 1,
    percent: [],
    values: [
      ["Leadscore calibration", ""],
      ["As of", new Date(report.as_of)],
      ...(report.model ? [["Model", report.model]] : []),
      ["Outcome column", report.outcome_column],
      ["Labelled leads", report.leads_labelled],
      ["Conversions", report.conversions],
      [BASE_RATE, base],
      ["AUC", report.auc === null ? "n/a" : roundTo(report.auc, 4)],
      ["Backtest", report.backtest.description],
    ],
  };
  const blocks: Block[] = [summary];
  const add = (title: string, header: string[], rows: CellValue[][], percent: number[]): Block => {
    const last = blocks[blocks.length - 1];
    const block: Block = {
      row: last.row + last.values.length + 1,
      column: 1,
      percent,
      values: [[title, ...header.slice(1).map(() => "")], header, ...rows],
    };
    blocks.push(block);
    return block;
  };
  const tiers = add(
    "Conversion by tier",
    ["Tier", "Conversion rate", "Base rate", "Leads", "Conversions", "Lift"],
    report.by_tier.map((t) => [t.tier, ...rateCells(t).slice(0, 1), base, ...rateCells(t).slice(1)]),
    [1, 2],
  );
  const deciles = add(
    "Conversion by score decile (1 = best tenth)",
    ["Decile", "Conversion rate", "Base rate", "Leads", "Conversions", "Lift", "Min score", "Max score"],
    report.by_decile.map((d) => [
      `Decile ${d.decile}`,
      ...rateCells(d).slice(0, 1),
      base,
      ...rateCells(d).slice(1),
      d.min_score,
      d.max_score,
    ]),
    [1, 2],
  );
  const converted = report.score_distribution.reduce((s, b) => s + b.converted, 0);
  const notConverted = report.score_distribution.reduce((s, b) => s + b.not_converted, 0);
  const share = (n: number, of: number) => rateCell(of > 0 ? n / of : 0);
  const distribution = add(
    "Score distribution (share of each group)",
    ["Score", "Converted", "Not converted", "Converted leads", "Not converted leads"],
    report.score_distribution.map((b, i, all) => [
      // En dash and "+": text Sheets will not read as a number or a date. The last bin is open-ended.
      i === all.length - 1 ? `${b.from}+` : `${b.from}–${b.to - 1}`,
      share(b.converted, converted),
      share(b.not_converted, notConverted),
      b.converted,
      b.not_converted,
    ]),
    [1, 2],
  );
  const roc = add(
    "ROC curve",
    ["False positive rate", "True positive rate", "Chance"],
    report.roc.map((p) => [roundTo(p.fpr, 4), roundTo(p.tpr, 4), roundTo(p.fpr, 4)]),
    [],
  );
  const at = (i: number) => ({
    row: 1 + Math.floor(i / 2) * CHART.rowsApart,
    column: i % 2 === 0 ? CHART.firstColumn : CHART.secondColumn,
  });
  const size = { width: CHART.width, height: CHART.height, legend: { position: "bottom" } };
  const bars = { ...size, seriesType: "bars", series: { 1: { type: "line" } }, vAxis: RATE_AXIS };
  const charts: ChartSpec[] = [
    {
      type: "COMBO",
      block: tiers,
      columns: 3,
      anchor: at(0),
      options: { ...bars, title: "Conversion rate by tier" },
    },
    {
      type: "COMBO",
      block: deciles,
      columns: 3,
      anchor: at(1),
      options: { ...bars, title: "Conversion rate by score decile" },
    },
    {
      type: "COLUMN",
      block: distribution,
      columns: 3,
      anchor: at(2),
      options: { ...size, title: "Score distribution: converted vs not", vAxis: RATE_AXIS },
    },
    {
      type: "LINE",
      block: roc,
      columns: 3,
      anchor: at(3),
      options: {
        ...size,
        title: report.auc === null ? "ROC curve" : `ROC curve (AUC ${report.auc.toFixed(3)})`,
        useFirstColumnAsDomain: true,
        hAxis: { title: "False positive rate", minValue: 0, maxValue: 1 },
        vAxis: { title: "True positive rate", minValue: 0, maxValue: 1 },
      },
    },
  ];
  // A chart over a table with no rows would be an empty frame.
  return { blocks, charts: charts.filter((c) => c.block.values.length > 2) };
}

/** The add-on's Calibration tab, emptied: its charts removed (so a rerun replaces them) and cells cleared. */
function freshTab(ss: Spreadsheet, sheet: Sheet | undefined): Sheet {
  if (!sheet) return ss.insertSheet(CALIBRATION_TAB);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();
  return sheet;
}

/** Writes the blocks (one setValues each) and inserts the charts; returns how many charts were built. */
export function writeCalibrationTab(
  ss: Spreadsheet,
  existing: Sheet | undefined,
  report: CalibrationReport,
): { sheet: Sheet; charts: number } {
  const sheet = freshTab(ss, existing);
  const { blocks, charts } = calibrationLayout(report);
  const last = blocks[blocks.length - 1];
  ensureSize(sheet, last.row + last.values.length - 1, Math.max(...blocks.map((b) => b.values[0].length)));
  for (const b of blocks) {
    writeBlock(sheet, b.row, b.column, b.values, [], false);
    // Adjacent percentage columns (all that occur) take one call.
    if (b.percent.length && b.values.length > 2) {
      const from = Math.min(...b.percent);
      const count = Math.max(...b.percent) - from + 1;
      sheet.getRange(b.row + 2, b.column + from, b.values.length - 2, count).setNumberFormat("0.0%");
    }
  }
  const summary = blocks[0];
  const baseRow = summary.values.findIndex((r) => r[0] === BASE_RATE);
  sheet.getRange(summary.row + baseRow, summary.column + 1).setNumberFormat("0.0%");
  for (const c of charts) {
    const range = sheet.getRange(c.block.row + 1, c.block.column, c.block.values.length - 1, c.columns);
    let builder = sheet
      .newChart()
      .setChartType(Charts.ChartType[c.type])
      .addRange(range)
      .setNumHeaders(1)
      .setPosition(c.anchor.row, c.anchor.column, 0, 0);
    for (const [name, value] of Object.entries(c.options)) builder = builder.setOption(name, value);
    sheet.insertChart(builder.build());
  }
  return { sheet, charts: charts.length };
}
