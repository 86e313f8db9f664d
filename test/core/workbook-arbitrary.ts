// Random small workbooks for property tests (test/core/properties.test.ts) and for comparing the SQL
// compiler with the engine (test/sql). `workbookWith({ ruleFeatures: true })` adds Only If, resets,
// frequency bands and an Engagement Band table; `models: true` a second model (Scoring Matrix `Model`).
import fc from "fast-check";
import type { CellValue, Grid } from "../../src/core/index";
import { AS_OF, DAY, matrix, type RuleSpec } from "./helpers";

const TITLES = ["VP Sales", "Engineer", "student", "", "Head of IT"];
const EVENTS = ["Page View", "Demo Request", "Email Open"];
const PAGES = ["/pricing", "/careers", "/blog/a", ""];
const GROUPS = ["Fit", "Engagement", "Extra"];

export const leadRule: fc.Arbitrary<RuleSpec> = fc
  .record({
    group: fc.constantFrom(...GROUPS),
    source: fc.constant("Lead"),
    points: fc.integer({ min: -20, max: 30 }),
    cond: fc.oneof(
      fc.record({
        field: fc.constant("Title"),
        op: fc.constant("contains"),
        value: fc.constantFrom("vp", "eng", "student"),
      }),
      fc.record({
        field: fc.constant("Title"),
        op: fc.constant("="),
        value: fc.constantFrom(...TITLES.filter(Boolean)),
      }),
      fc.record({
        field: fc.constant("Employees"),
        op: fc.constant(">"),
        value: fc.integer({ min: 0, max: 500 }),
      }),
      fc.record({
        field: fc.constant("Employees"),
        op: fc.constant("between"),
        value: fc.constantFrom("10..100", "50..1000"),
      }),
    ),
  })
  .map(({ cond, ...r }) => ({ ...r, ...cond }));

export const activityRule: fc.Arbitrary<RuleSpec> = fc
  .record({
    group: fc.constantFrom(...GROUPS),
    source: fc.constant("Activity"),
    event: fc.constantFrom(...EVENTS, ""),
    points: fc.oneof(fc.integer({ min: -10, max: 25 }), fc.constantFrom(2.5, 0.5, -1.5)),
    max: fc.constantFrom("", 1, 2, 3),
    within: fc.constantFrom("", 7, 30),
    half: fc.constantFrom("", 0, 10),
    detail: fc.constantFrom("", "pricing", "careers"),
  })
  .map(({ detail, ...r }) => (detail ? { ...r, field: "Detail", op: "contains", value: detail } : r));

export interface WorkbookOptions {
  /** Only If terms, reset and banded Points, and a Priority grid in Settings. */
  ruleFeatures?: boolean;
  /** A Priority grid in Settings only (what the lead states model: docs/design/incremental-state.md). */
  priority?: boolean;
  /** A named model P (spelt P, p or " P ") with rules of its own (labels P0…), maybe its own Tier rows. */
  models?: boolean;
}

/** Tier tables: none, the model's rows only, or default rows and one model row ([name, min, Model]). */
const TIER_TABLES: [string, number, string][][] = [
  [],
  [
    ["Low", 0, "p"],
    ["Mid", 10, "P "],
    ["High", 25, "P"],
  ],
  [
    ["D0", 0, ""],
    ["D1", 15, ""],
    ["Only", -100, "p"],
  ],
];

/** Points cells only the rule features allow: a reset, or frequency bands. */
const featurePoints = fc.constantFrom<CellValue>(
  "reset",
  "Reset",
  "1-2: 5, 3+: 10",
  "2: -4",
  "1: 3; 2-3: 1.5, 5+: 20",
);

/**
 * Features on top of generated rules: each rule gets a label R0… (`prefix` 0…), an activity rule may reset
 * or use bands, and a rule may name others in Only If (only rules of lower rank, in any matrix order, so no
 * loop).
 */
const withFeatures = (prefix: string) => (rules: RuleSpec[]) =>
  fc
    .tuple(
      fc.array(fc.nat(), { minLength: rules.length, maxLength: rules.length }),
      fc.array(fc.option(featurePoints, { freq: 3 }), { minLength: rules.length, maxLength: rules.length }),
      fc.array(
        fc.array(fc.tuple(fc.nat(), fc.boolean(), fc.constantFrom("", " ", "lower")), { maxLength: 2 }),
        {
          minLength: rules.length,
          maxLength: rules.length,
        },
      ),
    )
    .map(([rank, points, terms]) =>
      rules.map((r, i): RuleSpec => {
        const reset = r.source === "Activity" && points[i] !== null && /reset/i.test(String(points[i]));
        const below = rules
          .map((_, j) => j)
          .filter((j) => rank[j] < rank[i] || (rank[j] === rank[i] && j < i));
        // A reset rule takes no Only If (the engine refuses one).
        const named =
          reset || below.length === 0
            ? []
            : terms[i].map(([n, neg, spell]) => {
                const label = `${prefix}${below[n % below.length]}`;
                const spelt = spell === "lower" ? label.toLowerCase() : spell + label + spell;
                return (neg ? "not " : "") + spelt;
              });
        return {
          ...r,
          rule: `${prefix}${i}`,
          ...(r.source === "Activity" && points[i] !== null ? { points: points[i] } : {}),
          onlyIf: named.join(", "),
        };
      }),
    );

export function workbookWith(options: WorkbookOptions) {
  const rules = fc.array(fc.oneof(leadRule, activityRule), { minLength: 1, maxLength: 6 });
  return fc
    .record({
      leads: fc.array(
        fc.record({
          title: fc.constantFrom(...TITLES),
          employees: fc.constantFrom<CellValue>(5, 80, 300, "1,200", "", "many"),
        }),
        { minLength: 1, maxLength: 6 },
      ),
      activities: fc.array(
        fc.record({
          lead: fc.nat(7),
          event: fc.constantFrom(...EVENTS),
          detail: fc.constantFrom(...PAGES),
          age: fc.oneof(fc.integer({ min: -3, max: 60 }), fc.double({ min: 0, max: 60, noNaN: true })),
        }),
        { maxLength: 25 },
      ),
      rules: options.ruleFeatures ? rules.chain(withFeatures("R")) : rules,
      modelRules: options.models
        ? rules
            .chain(withFeatures("P"))
            .chain((rs) =>
              fc
                .array(fc.constantFrom("P", "p", " P "), { minLength: rs.length, maxLength: rs.length })
                .map((spelt) => rs.map((r, i) => ({ ...r, model: spelt[i] }))),
            )
        : fc.constant<RuleSpec[]>([]),
      order: fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }),
      tiers: fc.constantFrom(...TIER_TABLES),
      limits: fc.constantFrom<[CellValue, CellValue][]>([], [["", 20]], [[-5, ""]], [[0, 15]]),
      floor: fc.constantFrom<CellValue>("", "none", -10),
      ceiling: fc.constantFrom<CellValue>("", "none", 60),
      halfLife: fc.constantFrom<CellValue>("", 14),
      bands: fc.constantFrom<[CellValue, CellValue][]>(
        [],
        [
          [1, 40],
          [2, 20],
          [3, 0],
        ],
        [
          ["Hi", 10],
          ["Lo", -5],
        ],
      ),
    })
    .map((w) => {
      const leads: Grid = [
        ["Email", "Title", "Employees"],
        ...w.leads.map((l, i) => [`lead${i}@acme.com`, l.title, l.employees]),
      ];
      const activities: Grid = [
        ["Timestamp", "Email", "Event", "Detail"],
        ...w.activities.map((a) => [
          new Date(AS_OF.getTime() - a.age * DAY).toISOString(),
          `LEAD${a.lead}@acme.com`, // may be unknown (index ≥ leads), tests case-insensitive keys
          a.event,
          a.detail,
        ]),
      ];
      const settings: Grid = [
        ["Setting", "Value", "", "Group", "Min", "Max"],
        ["Score floor", w.floor, "", "Extra", w.limits[0]?.[0] ?? "", w.limits[0]?.[1] ?? ""],
        ["Score ceiling", w.ceiling, "", "", "", ""],
        ["Half-life days", w.halfLife, "", "", "", ""],
      ];
      if ((options.ruleFeatures || options.priority) && w.bands.length > 0) {
        settings[0].push("", "Engagement Band", "Min Points");
        for (let i = 1; i < settings.length; i++)
          settings[i].push("", w.bands[i - 1]?.[0] ?? "", w.bands[i - 1]?.[1] ?? "");
      }
      if (!options.models) {
        return {
          input: { leads, activities, matrix: matrix(...w.rules), settings },
          rules: w.rules,
          modelRules: [],
        };
      }
      if (w.tiers.length > 0) {
        settings[0].push("", "Tier", "Min Score", "Notify", "Model");
        for (let i = 1; i < settings.length; i++) {
          const t = w.tiers[i - 1];
          settings[i].push("", t?.[0] ?? "", t?.[1] ?? "", "", t?.[2] ?? "");
        }
      }
      // Both models' rules in one matrix, mixed in any order; the default model's have a blank Model.
      const all: RuleSpec[] = [...w.rules.map((r) => ({ ...r, model: "" })), ...w.modelRules];
      const mixed = all.map((r, i) => ({ r, at: w.order[i] })).sort((a, b) => a.at - b.at);
      return {
        input: { leads, activities, matrix: matrix(...mixed.map((x) => x.r)), settings },
        rules: w.rules,
        modelRules: w.modelRules,
      };
    });
}

export const workbook = workbookWith({});

const COMPANIES = ["Acme", " acme ", "ACME", "Globex", "", "Initech", "Globex "];
const DOMAINS = ["acme.com", "ACME.com", "globex.io", "gmail.com", "yahoo.com", "mailbox.example", ""];

/**
 * The workbook above with accounts: a Company column, e-mail domains that vary (free mail and case included;
 * the activities follow their lead's address), an Account key (Company, Email Domain or blank), an optional
 * Account engagement max, sometimes a Grade group the matrix lacks, and sometimes a Lists tab whose Free
 * email list differs from the starter one.
 */
export const accountWorkbook = fc
  .record({
    base: workbook,
    companies: fc.array(fc.constantFrom(...COMPANIES), { minLength: 6, maxLength: 6 }),
    domains: fc.array(fc.constantFrom(...DOMAINS), { minLength: 8, maxLength: 8 }),
    accountKey: fc.constantFrom<CellValue>("Company", " company ", "Email Domain", ""),
    engagementMax: fc.constantFrom<CellValue>("", "none", 10, 0, -5),
    gradeGroup: fc.constantFrom<CellValue>("", "Fit", "Nothing"),
    freeList: fc.boolean(),
  })
  .map(({ base, companies, domains, accountKey, engagementMax, gradeGroup, freeList }) => {
    const address = (i: number) => `lead${i}${domains[i] ? `@${domains[i]}` : ""}`;
    const [header, ...rows] = base.input.leads;
    const leads: Grid = [
      [...header, "Company"],
      ...rows.map((row, i) => [address(i), ...row.slice(1), companies[i]]),
    ];
    const activities: Grid = base.input.activities.map((row, r) => {
      if (r === 0) return row;
      const i = Number(/^LEAD(\d+)@/.exec(String(row[1]))?.[1]);
      return [row[0], address(i).toUpperCase(), ...row.slice(2)];
    });
    const pad = (name: string, v: CellValue) => [name, v, "", "", "", ""];
    const settings: Grid = [
      ...base.input.settings,
      pad("Account key", accountKey),
      pad("Account engagement max", engagementMax),
      pad("Grade group", gradeGroup),
    ];
    const lists: Grid | undefined = freeList
      ? [
          ["Competitors", "Free email"],
          ["", "gmail.com"],
          ["", "mailbox.example"],
        ]
      : undefined;
    return { input: { ...base.input, leads, activities, settings, lists }, rules: base.rules };
  });
