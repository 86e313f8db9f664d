// Named models (the Scoring Matrix's `Model` column): each model's rules, groups and tiers, split from the
// default model's once the matrix is parsed. A model whose columns would collide with another output
// column is reported and left out.
import { normalizeHeader } from "./headers";
import type { Rule } from "./matrix";
import { groupNamesOf } from "./matrix";
import { modelKey, modelName } from "./model-names";
import { modelHeaders, outputHeaders } from "./output-headers";
import type { ProblemSink } from "./problems";
import { problem } from "./problems";
import type { SettingsCells } from "./settings";
import type { Settings, Tier } from "./types";
import { TAB } from "./types";

export interface ModelRules {
  /** As first spelt in the Model column. */
  name: string;
  /** Scoring Matrix sheet row of the model's first active rule. */
  row: number;
  rules: Rule[];
  /** The model's groups, in matrix order of first appearance. */
  groupNames: string[];
  /** Its own Tier rows in Settings, else the default tiers. */
  tiers: Tier[];
  /** Its output columns (modelHeaders). */
  headers: string[];
}

export interface SplitModels {
  /** The default model's rules (blank Model). */
  rules: Rule[];
  models: ModelRules[];
}

export function splitModels(
  rules: readonly Rule[],
  settings: Settings,
  cells: SettingsCells,
  sink: ProblemSink,
): SplitModels {
  const byModel = new Map<string, Rule[]>();
  for (const r of rules) {
    const key = modelKey(r.model);
    const list = byModel.get(key);
    if (list) list.push(r);
    else byModel.set(key, [r]);
  }
  const own = byModel.get("") ?? [];
  const defaultGroups = groupNamesOf(own);
  const priority = settings.engagementBands.length > 0;
  // Every output header written so far → who writes it, for the collision message.
  const taken = new Map<string, string>();
  for (const h of outputHeaders(defaultGroups, priority)) taken.set(normalizeHeader(h), modelName(""));
  const models: ModelRules[] = [];
  for (const [key, modelRules] of byModel) {
    if (key === "") continue;
    const name = modelRules[0].model;
    const groupNames = groupNamesOf(modelRules);
    const headers = modelHeaders(name, hasGradeGroup(groupNames, settings.gradeGroup), priority);
    const clash = headers.find((h) => taken.has(normalizeHeader(h)));
    if (clash !== undefined) {
      sink.add(
        problem(
          TAB.matrix,
          modelRules[0].row,
          "Model",
          `Model ${name} would write the column "${clash}", which ${taken.get(normalizeHeader(clash))} writes already, so the model's ${modelRules.length} rule${modelRules.length === 1 ? " is" : "s are"} skipped.`,
          `Rename the model in the Model column (e.g. "${name} model"), or rename the group whose "${clash}" it meets.`,
        ),
      );
      continue;
    }
    for (const h of headers) taken.set(normalizeHeader(h), modelName(name));
    const tiers = settings.modelTiers.find((t) => modelKey(t.model) === key)?.tiers ?? settings.tiers;
    models.push({ name, row: modelRules[0].row, rules: modelRules, groupNames, tiers, headers });
  }
  checkModelTiers(settings, cells, byModel, sink);
  if (own.length === 0 && models.length > 0) {
    sink.add(
      problem(
        TAB.matrix,
        0,
        "Model",
        `Every active rule has a Model, so the default model has no rule: Score is 0 and Top Reasons blank for every lead (the models' columns, such as "${models[0].headers[0]}", are written as usual).`,
        "Leave Model blank on the rules of the main score.",
        "warning",
      ),
    );
  }
  return { rules: own, models };
}

/** A model with rules in the grade group has grades (and its Grade column). */
export function hasGradeGroup(groupNames: readonly string[], gradeGroup: string): boolean {
  const key = normalizeHeader(gradeGroup);
  return groupNames.some((g) => normalizeHeader(g) === key);
}

/** Tier rows naming a model no active rule has would do nothing, silently. */
function checkModelTiers(
  settings: Settings,
  cells: SettingsCells,
  byModel: ReadonlyMap<string, readonly Rule[]>,
  sink: ProblemSink,
): void {
  const named = [...byModel.entries()].filter(([k]) => k !== "").map(([, rs]) => rs[0].model);
  for (const { model } of settings.modelTiers) {
    if (byModel.has(modelKey(model))) continue;
    const at = cells.modelTiers.get(modelKey(model));
    sink.add(
      problem(
        TAB.settings,
        at?.row ?? 0,
        at?.column ?? "Model",
        `Tier rows name model ${model}, but no active rule of the Scoring Matrix has that Model, so they are unused.`,
        named.length
          ? `Spell the model as in the Scoring Matrix's Model column (${named.join(", ")}), or delete the rows.`
          : "Write the model's name in the Model column of its rules in the Scoring Matrix, or delete the rows.",
        "warning",
      ),
    );
  }
}
