// Notifications per model: each named model's leads are announced once per model, with the model's own
// tiers, in the same state tab and send journal as the default model's. A named model's state rows carry
// the key `<model> » <lead key>` (both normalized); the default model's rows keep the bare lead key, so a
// workbook without models has exactly the state it always had, and adding a model needs no migration.

import { modelKey } from "../model-names";
import type { LeadScore, ScoreRun, Tier } from "../types";
import { normText } from "../values";
import { type AdvanceResult, advance } from "./advance";
import type { LeadState, RunLead, TierChange } from "./types";

const SEPARATOR = " » ";

/** One model's leads as a run scored them, and the tiers that model is announced with. */
export interface ModelLeads {
  /** "" for the default model, else the model's name as the engine spells it. */
  model: string;
  tiers: readonly Tier[];
  leads: readonly RunLead[];
}

/** The state key of a lead in a model (the bare normalized key in the default model). */
export function modelStateKey(model: string, key: string): string {
  const m = modelKey(model);
  return m ? `${m}${SEPARATOR}${normText(key)}` : normText(key);
}

/**
 * Reads which model a state key belongs to, among `models` (their names as spelt), and the lead key in it.
 * A key of no listed model belongs to the default model (advanceModels drops a removed model's rows).
 */
export function stateKeyReader(
  models: readonly string[],
): (stateKey: string) => { model: string; key: string } {
  // Longest name first, so "Enterprise EU" is not read as "Enterprise".
  const prefixes = models
    .filter((m) => modelKey(m))
    .map((model) => ({ model, prefix: `${modelKey(model)}${SEPARATOR}` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (stateKey) => {
    for (const { model, prefix } of prefixes)
      if (stateKey.startsWith(prefix)) return { model, key: stateKey.slice(prefix.length) };
    return { model: "", key: stateKey };
  };
}

/**
 * Each model's leads for advance(): the default model first, then the named ones in the run's order. The
 * named runs' leads are aligned index by index with the default run's, so they take their names (and keys
 * as the sheet spells them) from `leads`, the default run's.
 */
export function modelLeads(run: ScoreRun, leads: readonly RunLead[]): ModelLeads[] {
  const own = (m: ScoreRun): RunLead[] =>
    m.leads.map((l: LeadScore, i) => ({ ...leads[i], score: l.score, tier: l.tier, reasons: l.reasons }));
  return [
    { model: "", tiers: run.settings.tiers, leads },
    ...run.models.map((m) => ({ model: m.model, tiers: m.settings.tiers, leads: own(m) })),
  ];
}

export interface ModelsAdvanceInput {
  /** Every known state (all models), by state key; null before the first committed run. */
  previous: Map<string, LeadState> | null;
  /** The default model first (see modelLeads). */
  models: readonly ModelLeads[];
  margin: number;
  now: string;
}

export interface ModelsAdvanceResult extends AdvanceResult {
  /** Tier changes, each with its model ("" for the default). */
  changes: (TierChange & { model: string })[];
  /** Named models that took their own baseline this run (new to the state; not on the very first run). */
  baselines: string[];
}

/**
 * advance() once per model on that model's states. A model with no state yet (just added) takes its own
 * baseline, as the first run does for the default model: its leads already in a notify tier are not
 * announced for being there. States: the default model's first (exactly advance()'s, less a removed
 * model's rows), then each model's.
 */
export function advanceModels(input: ModelsAdvanceInput): ModelsAdvanceResult {
  const read = stateKeyReader(input.models.map((m) => m.model));
  const split = new Map<string, Map<string, LeadState>>(
    input.models.map((m) => [modelKey(m.model), new Map()]),
  );
  for (const [stateKey, s] of input.previous ?? []) {
    const { model, key } = read(stateKey);
    split.get(modelKey(model))?.set(key, model ? { ...s, key } : s);
  }
  const out: ModelsAdvanceResult = { states: [], changes: [], announced: [], baselines: [] };
  for (const m of input.models) {
    const own = split.get(modelKey(m.model))!;
    const previous = !input.previous || (m.model && own.size === 0) ? null : own;
    if (input.previous && !previous) out.baselines.push(m.model);
    const step = advance({ previous, leads: m.leads, tiers: m.tiers, margin: input.margin, now: input.now });
    const stateKey = (key: string) => modelStateKey(m.model, key);
    // A model's row left behind by a model no longer in the matrix: dropped, so its undelivered alert
    // does not wait for ever (the model, added again, takes a new baseline).
    const onLeads = m.model ? null : new Set(m.leads.map((l) => normText(l.key)));
    for (const s of step.states) {
      if (onLeads && s.key.includes(SEPARATOR) && !onLeads.has(s.key)) continue;
      out.states.push(m.model ? { ...s, key: stateKey(s.key) } : s);
    }
    for (const c of step.changes) out.changes.push({ ...c, model: m.model });
    for (const k of step.announced) out.announced.push(stateKey(k));
  }
  return out;
}

/** What an alert's state key points at in a run: the model's run and the lead in it. */
export interface ModelSubject {
  /** The default run itself, or one of its models'. */
  run: ScoreRun;
  lead: LeadScore;
}

/** Every lead of every model of `run`, by state key (the first row of a duplicated key speaks for it). */
export function alertSubjects(run: ScoreRun): Map<string, ModelSubject> {
  const out = new Map<string, ModelSubject>();
  for (const r of [run, ...run.models]) {
    for (const lead of r.leads) {
      if (!normText(lead.key)) continue;
      const k = modelStateKey(r.model, lead.key);
      if (!out.has(k)) out.set(k, { run: r, lead });
    }
  }
  return out;
}
