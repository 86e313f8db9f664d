// Groups and grades: caps on each rule group's points, and the grade bands (A, B, …) on the grade group.
import type { Grade, GroupLimit } from "../../src/core/types";
import { EditableRows, type RowField } from "../components/EditableRows";
import { ErrorList } from "../components/ErrorList";
import { SaveBar } from "../components/SaveBar";
import { useDraft } from "../components/useDraft";
import { type Row, withIds } from "../logic/rows";
import { call } from "../rpc";
import { fmtNum, parseNum, useAction } from "../ui";
import type { PanelProps } from "./types";

interface DraftLimit extends Row {
  group: string;
  min: string;
  max: string;
}
interface DraftGrade extends Row {
  name: string;
  min: string;
}

const limitsDraft = (l: GroupLimit[]): DraftLimit[] =>
  withIds(l.map((g) => ({ group: g.group, min: fmtNum(g.min), max: fmtNum(g.max) })));
const gradesDraft = (g: Grade[]): DraftGrade[] =>
  withIds(g.map((x) => ({ name: x.name, min: fmtNum(x.minPoints) })));

const LIMIT_FIELDS: RowField<DraftLimit>[] = [
  { key: "group", head: "Group", type: "text", list: "group-names", label: (n) => `Cap ${n} group` },
  { key: "min", head: "Min", type: "number", label: (n) => `Cap ${n} minimum points` },
  { key: "max", head: "Max", type: "number", label: (n) => `Cap ${n} maximum points` },
];
const GRADE_FIELDS: RowField<DraftGrade>[] = [
  { key: "name", head: "Grade", type: "text", label: (n) => `Grade ${n} name` },
  { key: "min", head: "Min points", type: "number", label: (n) => `Grade ${n} minimum points` },
];

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
  const [limits, setLimits, resetLimits] = useDraft(() => limitsDraft(state.groupLimits), savedKey);
  const [grades, setGrades, resetGrades] = useDraft(() => gradesDraft(state.grades), savedKey);
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
      <EditableRows
        rows={limits}
        setRows={setLimits}
        fields={LIMIT_FIELDS}
        grid="three"
        removeLabel={(n) => `Remove cap ${n}`}
        addLabel="Add cap"
        blank={() => ({ group: "", min: "", max: "" })}
      />

      <h3>Grades</h3>
      <p class="muted">
        Grades rate fit from the points of the <strong>{state.gradeGroup || "fit"}</strong> group: a lead gets
        the highest grade whose minimum it reaches.
      </p>
      <EditableRows
        rows={grades}
        setRows={setGrades}
        fields={GRADE_FIELDS}
        grid="two"
        removeLabel={(n) => `Remove grade ${n}`}
        addLabel="Add grade"
        blank={() => ({ name: "", min: "" })}
      />
      <ErrorList errors={errors} />
      <SaveBar
        action={action}
        busyLabel="Saving and rescoring…"
        dirty={dirty}
        invalid={errors.length > 0}
        onSave={save}
        onReset={() => {
          resetLimits();
          resetGrades();
        }}
      />
    </section>
  );
}
