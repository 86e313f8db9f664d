// Groups and grades: caps on each rule group's points, and the grade bands (A, B, …) on the grade group.
import { useEffect, useState } from "preact/hooks";
import type { Grade, GroupLimit } from "../../src/core/types";
import { call } from "../rpc";
import { ActionStatus, fmtNum, Notice, parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

interface DraftLimit {
  id: number;
  group: string;
  min: string;
  max: string;
}
interface DraftGrade {
  id: number;
  name: string;
  min: string;
}

let nextId = 1;
const limitsDraft = (l: GroupLimit[]): DraftLimit[] =>
  l.map((g) => ({ id: nextId++, group: g.group, min: fmtNum(g.min), max: fmtNum(g.max) }));
const gradesDraft = (g: Grade[]): DraftGrade[] =>
  g.map((x) => ({ id: nextId++, name: x.name, min: fmtNum(x.minPoints) }));

function validate(limits: GroupLimit[], grades: Grade[]): string[] {
  const errors: string[] = [];
  const groups = new Set<string>();
  for (const l of limits) {
    const g = l.group || "(no group)";
    if (!l.group) errors.push("Every cap needs a group.");
    else if (groups.has(l.group)) errors.push(`Group "${g}" has two caps.`);
    groups.add(l.group);
    if (Number.isNaN(l.min) || Number.isNaN(l.max)) errors.push(`Caps of "${g}" must be numbers.`);
    else if (l.min != null && l.max != null && l.min > l.max) errors.push(`"${g}": min is above max.`);
  }
  const names = new Set<string>();
  for (const g of grades) {
    if (!g.name) errors.push("Every grade needs a name.");
    else if (names.has(g.name)) errors.push(`Grade "${g.name}" is used twice.`);
    names.add(g.name);
    if (!Number.isFinite(g.minPoints)) errors.push(`Grade "${g.name || "?"}" needs a number.`);
  }
  return errors;
}

export function Groups({ state, onState }: PanelProps) {
  const savedKey = JSON.stringify([state.groupLimits, state.grades]);
  const [limits, setLimits] = useState(() => limitsDraft(state.groupLimits));
  const [grades, setGrades] = useState(() => gradesDraft(state.grades));
  useEffect(() => {
    setLimits(limitsDraft(state.groupLimits));
    setGrades(gradesDraft(state.grades));
  }, [savedKey]);
  const action = useAction();

  const groupLimits: GroupLimit[] = limits.map((l) => ({
    group: l.group.trim(),
    min: parseNum(l.min),
    max: parseNum(l.max),
  }));
  const gradeList: Grade[] = grades.map((g) => ({
    name: g.name.trim(),
    minPoints: parseNum(g.min) ?? Number.NaN,
  }));
  const errors = validate(groupLimits, gradeList);
  const dirty = JSON.stringify([groupLimits, gradeList]) !== savedKey;
  const groupOptions = [...new Set([...state.groupNames, ...limits.map((l) => l.group).filter(Boolean)])];

  async function save() {
    const next = await action.run(
      () => call("saveSettings", { groupLimits, grades: gradeList }),
      "Saved. Leads rescored.",
    );
    if (next) onState(next);
  }

  return (
    <section aria-labelledby="h-groups">
      <h2 id="h-groups">Groups and grades</h2>
      <h3>Group caps</h3>
      <p class="muted">Limit the points one rule group can add (or take away). Leave empty for no limit.</p>
      <datalist id="group-names">
        {groupOptions.map((g) => (
          <option key={g} value={g} />
        ))}
      </datalist>
      <div class="row-grid three col-heads" aria-hidden="true">
        <span>Group</span>
        <span>Min</span>
        <span>Max</span>
        <span />
      </div>
      <ul class="rows">
        {limits.map((l, i) => {
          const n = i + 1;
          const set = (patch: Partial<DraftLimit>) =>
            setLimits((d) => d.map((x) => (x.id === l.id ? { ...x, ...patch } : x)));
          return (
            <li class="row row-grid three" key={l.id}>
              <input
                type="text"
                list="group-names"
                aria-label={`Cap ${n} group`}
                value={l.group}
                onInput={(e) => set({ group: e.currentTarget.value })}
              />
              <input
                type="number"
                aria-label={`Cap ${n} minimum points`}
                value={l.min}
                onInput={(e) => set({ min: e.currentTarget.value })}
              />
              <input
                type="number"
                aria-label={`Cap ${n} maximum points`}
                value={l.max}
                onInput={(e) => set({ max: e.currentTarget.value })}
              />
              <button
                type="button"
                class="icon-btn"
                aria-label={`Remove cap ${n}`}
                onClick={() => setLimits((d) => d.filter((x) => x.id !== l.id))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <button
          type="button"
          class="btn small"
          onClick={() => setLimits((d) => [...d, { id: nextId++, group: "", min: "", max: "" }])}
        >
          Add cap
        </button>
      </div>

      <h3>Grades</h3>
      <p class="muted">
        Grades rate fit from the points of the <strong>{state.gradeGroup || "fit"}</strong> group: a lead gets
        the highest grade whose minimum it reaches.
      </p>
      <div class="row-grid two col-heads" aria-hidden="true">
        <span>Grade</span>
        <span>Min points</span>
        <span />
      </div>
      <ul class="rows">
        {grades.map((g, i) => {
          const n = i + 1;
          const set = (patch: Partial<DraftGrade>) =>
            setGrades((d) => d.map((x) => (x.id === g.id ? { ...x, ...patch } : x)));
          return (
            <li class="row row-grid two" key={g.id}>
              <input
                type="text"
                aria-label={`Grade ${n} name`}
                value={g.name}
                onInput={(e) => set({ name: e.currentTarget.value })}
              />
              <input
                type="number"
                aria-label={`Grade ${n} minimum points`}
                value={g.min}
                onInput={(e) => set({ min: e.currentTarget.value })}
              />
              <button
                type="button"
                class="icon-btn"
                aria-label={`Remove grade ${n}`}
                onClick={() => setGrades((d) => d.filter((x) => x.id !== g.id))}
              >
                ×
              </button>
            </li>
          );
        })}
      </ul>
      <div class="actions">
        <button
          type="button"
          class="btn small"
          onClick={() => setGrades((d) => [...d, { id: nextId++, name: "", min: "" }])}
        >
          Add grade
        </button>
      </div>
      {errors.length > 0 && (
        <Notice kind="error">
          {errors.map((e) => (
            <div key={e}>{e}</div>
          ))}
        </Notice>
      )}
      <div class="actions">
        <button
          type="button"
          class="btn action"
          disabled={!dirty || errors.length > 0 || action.busy}
          onClick={save}
        >
          Save
        </button>
        <button
          type="button"
          class="btn"
          disabled={!dirty || action.busy}
          onClick={() => {
            setLimits(limitsDraft(state.groupLimits));
            setGrades(gradesDraft(state.grades));
          }}
        >
          Reset
        </button>
      </div>
      <ActionStatus action={action} busyLabel="Saving and rescoring…" />
    </section>
  );
}
