// Fit time for 100,000 leads (and the quality figures of the same run).
// Run: npx esbuild bench/fit.ts --bundle --platform=node --format=esm --outfile=/tmp/fit.mjs && node /tmp/fit.mjs
import { fitMatrix } from "../src/core/calibration";
import { runHarness } from "../test/calibration/harness";
import { synthetic } from "../test/calibration/synthetic";

const asOf = new Date("2025-06-01T00:00:00Z");
const mb = (x: number) => `${Math.round(x / 1048576)} MB`;

for (const activities of [false, true]) {
  const s = synthetic({ leads: 100_000, seed: 42, activities });
  const acts = (s.input.activities?.length ?? 1) - 1;
  const t0 = performance.now();
  const fit = fitMatrix(s.input, { timeZone: "UTC", asOf });
  const ms = performance.now() - t0;
  const r = fit.report;
  console.log(
    `fit 100,000 leads${activities ? ` + ${acts.toLocaleString("en-US")} activities` : ""}: ${(ms / 1000).toFixed(2)} s ` +
      `(${Math.round(100_000 / (ms / 1000)).toLocaleString("en-US")} leads/s), ${r.rules} rules, ` +
      `held-out AUC model ${r.auc_model?.toFixed(4)} / integer ${r.auc_integer?.toFixed(4)}, ` +
      `heap ${mb(process.memoryUsage().heapUsed)}, rss ${mb(process.memoryUsage().rss)}`,
  );
}

console.log(
  "\nHeld-out AUC on a fresh 20,000-lead sample (fit on N leads; reference = CV-tuned L2 LR, NB = naive Bayes):",
);
for (const n of [10_000, 30_000, 50_000]) {
  const h = runHarness(n, 20_000, n);
  console.log(
    `  N=${n}: matrix ${h.aucMatrix.toFixed(4)}  LR ${h.aucReference.toFixed(4)}  NB ${h.aucNaiveBayes.toFixed(4)}  ` +
      `ratio ${h.ratio.toFixed(4)}  fit ${(h.fitMs / 1000).toFixed(2)} s  ${h.rules} rules`,
  );
}
