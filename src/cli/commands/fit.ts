// `leadscore fit <workbook>`: learn integer point values from outcomes and write them as a Scoring Matrix.
import { type FitReport, fitMatrix, keptRulesNote, leakageColumns } from "../../core/calibration";
import { toCsv, writeCsvTable } from "../../local/workbook";
import { type Command, UsageError } from "../command";
import { listSection, outcomeOptions, parseOutcomeArgs } from "../outcome-options";
import { checkOutFile } from "../paths";
import { progress } from "../progress";
import { loadWorkbook } from "../workbook";

const usage = `Usage: leadscore fit <workbook> [--outcome <column>] [--out <matrix.csv>] [--exclude a,b] [--max-rules N]
                    [--allow-leakage a,b] [--holdout 0.25] [--seed N] [--json] [--as-of <time>] [--tz <zone>]
                    [--backtest created-plus|before-conversion|none --days N] [--no-interactions] [--progress]
                    [--model <name>]

Fits point values from the leads with an outcome (regularised logistic regression, penalty chosen by
cross-validation), turns them into an ordinary Scoring Matrix with integer points on the workbook's
score scale, and reports the held-out AUC of the model and of the integer matrix as the engine scores it.
Prints the summary; writes the matrix CSV to --out (else prints it after the summary). The matrix holds the
fitted rules of one model (the default model, or --model) and every other model's rows, unchanged.

Options:
  --outcome <column>     outcome column on Leads (default: Settings "Outcome column", else Converted)
  --converted-at <col>   conversion date column, never a feature (default: Converted At)
  --out <file.csv>       write the matrix here (e.g. "Scoring Matrix.csv" in a workbook folder)
  --exclude <a,b>        columns never to use (notes, status, anything filled in after contact)
  --allow-leakage <a,b>  use these columns even if flagged as likely leakage
  --max-rules <N>        most rules in the matrix, baseline included (default 40)
  --no-interactions      no AND pairs (by default a few pairs that pay on held-out leads become rules
                         with Only If, e.g. "Title = VP & Lead Source = Referral")
  --holdout <share>      share of leads held out for the figures (default 0.25; 0 = none)
  --seed <N>             random seed for the split and the cross-validation (default 1)
  --json                 print the report as JSON
  --progress             report each step on stderr (shown anyway when stderr is a terminal)
  --model <name>         fit a named model (Scoring Matrix Model column): the fitted rules take its Model
                         and are compared with its current scores (default: the default model)
  --as-of, --tz, --backtest, --days   as for leadscore calibrate`;

const num = (x: number | null, d = 3) => (x === null ? "–" : x.toFixed(d));
const list = (s: string | undefined) =>
  s === undefined
    ? undefined
    : s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean);

/** What the command line can do about the leakage flags. */
function leakageHints(r: FitReport): string[] {
  const hints: string[] = [];
  const leftOut = leakageColumns(r.leakage, true);
  if (leftOut.length)
    hints.push(`To use ${leftOut.join(", ")} anyway: --allow-leakage ${leftOut.join(",")}.`);
  const kept = leakageColumns(r.leakage, false);
  if (kept.length) hints.push(`If ${kept.join(", ")} are filled in after the outcome, --exclude them.`);
  return hints;
}

export function formatFitReport(r: FitReport): string {
  const kept = keptRulesNote(r);
  const lines = [
    ...(r.model ? [`Model: ${r.model}`] : []),
    `Outcome column: ${r.outcome_column}   labelled leads: ${r.leads_labelled} (${r.conversions} converted, base rate ${num(r.base_rate === null ? null : 100 * r.base_rate, 1)}%)`,
    `Split: ${r.train_size} training, ${r.holdout_size} held out (seed ${r.seed}); L2 penalty ${r.lambda} (CV AUC ${num(r.cv_auc)})`,
    `Held-out AUC: model ${num(r.auc_model)}, merged ${num(r.auc_merged)}, integer matrix (engine) ${num(r.auc_integer)}, rounding loss ${num(r.rounding_loss, 4)}` +
      (r.auc_current === null ? "" : `; current matrix ${num(r.auc_current)}`),
    `Matrix: ${r.rules} rules, baseline ${r.baseline_points}, ${num(r.points_per_logit, 1)} points per unit of log-odds, ${num(100 * r.clamped_share, 1)}% of leads at the floor/ceiling` +
      (r.refit_on_all ? " (refit on all labelled leads)" : ""),
    ...(kept ? [kept] : []),
    `Features: ${r.features.map((f) => `${f.column} (${f.kind})`).join(", ") || "none"}` +
      (r.activity_events.length ? `; activity: ${r.activity_events.join(", ")}` : ""),
  ];
  if (r.excluded_columns.length) {
    lines.push(`Not used: ${r.excluded_columns.map((c) => `${c.column} (${c.reason})`).join(", ")}`);
  }
  if (r.interactions.length) lines.push(`Interactions (Only If): ${r.interactions.join("; ")}`);
  lines.push(`Backtest: ${r.backtest.mode} — ${r.backtest.description}`);
  lines.push(...listSection("Flags", [...r.flags, ...leakageHints(r)]));
  return lines.join("\n");
}

export const command: Command = {
  name: "fit",
  summary: "fit integer point values from outcomes and write them as a Scoring Matrix",
  usage,
  async run(argv, io) {
    const { values, path } = parseOutcomeArgs(argv, {
      out: { type: "string" },
      exclude: { type: "string" },
      "allow-leakage": { type: "string" },
      "max-rules": { type: "string" },
      holdout: { type: "string" },
      seed: { type: "string" },
      progress: { type: "boolean" },
      "no-interactions": { type: "boolean" },
    });
    const maxRules = values["max-rules"] === undefined ? undefined : Number(values["max-rules"]);
    if (maxRules !== undefined && !(Number.isInteger(maxRules) && maxRules >= 2)) {
      throw new UsageError("--max-rules must be a whole number of 2 or more");
    }
    const holdout = values.holdout === undefined ? undefined : Number(values.holdout);
    if (holdout !== undefined && !(holdout >= 0 && holdout < 0.9))
      throw new UsageError("--holdout must be between 0 and 0.9");
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError("--seed must be a whole number");
    if (values.out) await checkOutFile(values.out);
    const step = progress(io, values.progress);
    step(`Reading ${path}…`);
    const { input } = await loadWorkbook(path);
    step(
      `Fitting point values on ${(input.leads.length - 1).toLocaleString("en-US")} leads (cross-validated: this can take a while)…`,
    );
    const result = fitMatrix(input, {
      ...outcomeOptions(values),
      exclude: list(values.exclude),
      allowLeakage: list(values["allow-leakage"]),
      maxRules,
      interactions: !values["no-interactions"],
      holdout,
      seed,
      onStep: step,
    });
    step("Fitted.");
    if (values.out) {
      await writeCsvTable(values.out, result.matrix);
      io.out(values.json ? JSON.stringify(result.report, null, 2) : formatFitReport(result.report));
      io.err(`Wrote ${result.matrix.length - 1} rules → ${values.out}`);
    } else {
      io.out(values.json ? JSON.stringify(result.report, null, 2) : formatFitReport(result.report));
      if (!values.json) io.out(`\n${toCsv(result.matrix)}`);
    }
    return 0;
  },
};
