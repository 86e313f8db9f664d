// Quality harness: fit on one synthetic workbook, score a fresh one from the same world with the real
// engine, and compare the held-out AUC with the reference logistic regression and naive Bayes.

import { scoreWorkbook } from "../../src/core";
import { auc } from "../../src/core/calibration/auc";
import { fitMatrix } from "../../src/core/calibration/fit";
import { naiveBayes, referenceLogistic } from "./reference";
import { FEATURE_COLUMNS, synthetic } from "./synthetic";

export interface HarnessResult {
  leads: number;
  aucMatrix: number;
  aucReference: number;
  aucNaiveBayes: number;
  ratio: number;
  fitMs: number;
  rules: number;
}

export function runHarness(trainLeads: number, testLeads: number, seed = 3): HarnessResult {
  const all = synthetic({ leads: trainLeads + testLeads, seed });
  const header = all.input.leads[0];
  const train = [header, ...all.input.leads.slice(1, trainLeads + 1)];
  const test = [header, ...all.input.leads.slice(trainLeads + 1)];
  const yTrain = all.y.slice(0, trainLeads);
  const yTest = all.y.slice(trainLeads);
  const asOf = new Date("2025-06-01T00:00:00Z");
  const t0 = performance.now();
  const fit = fitMatrix({ leads: train, settings: all.input.settings }, { timeZone: "UTC", asOf });
  const fitMs = performance.now() - t0;
  const run = scoreWorkbook(
    { leads: test, settings: all.input.settings, matrix: fit.matrix },
    { asOf, timeZone: "UTC" },
  );
  const aucMatrix = auc(
    run.leads.map((l) => l.score),
    run.leads.map((l) => yTest[l.sheetRow - 2]),
  )!;
  const aucReference = referenceLogistic(train, test, FEATURE_COLUMNS, yTrain, yTest);
  const aucNaiveBayes = naiveBayes(train, test, FEATURE_COLUMNS, yTrain, yTest);
  return {
    leads: trainLeads,
    aucMatrix,
    aucReference,
    aucNaiveBayes,
    ratio: aucMatrix / aucReference,
    fitMs,
    rules: fit.matrix.length - 1,
  };
}
