// Who a review cycle is for: units and their sub-units (loops included), positions, the
// organisation, and who is left out and why. Absence windows and unit trees are also checked
// over random inputs against the plain day-by-day / fixpoint reading.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays } from "../../functions/core/calendar";
import { DomainError } from "../../functions/core/errors";
import type { Absence, Employee, Position, Unit } from "../../functions/core/model";
import { type CycleDefinition, parseCycleDefinition } from "../../functions/core/reviews/cycle";
import {
  absentWholeWindow,
  requireNonEmptyScope,
  type ScopeOrganisation,
  selectScope,
  unitsWithin,
} from "../../functions/core/reviews/scope";

const unit = (id: string, parentUnitId?: string): Unit => ({ id, name: id, parentUnitId });
const position = (id: string, unitId: string): Position => ({
  id,
  title: id,
  unitId,
  substitutePositionIds: [],
});
const person = (id: string, positionId?: string, extra: Partial<Employee> = {}): Employee => ({
  id,
  name: `Nimi ${id}`,
  email: `${id}@example.ee`,
  locale: "et",
  positionId,
  startDate: "2020-01-01",
  regime: "ATS",
  probationExtensionWaived: false,
  roles: ["employee"],
  ...extra,
});

// SKA-like, but deeper than the demo: board > department > region > two offices, a unit elsewhere,
// and two units whose parents point at each other (a data error the walk must survive).
const units = [
  unit("ska"),
  unit("ktd", "ska"),
  unit("pohja", "ktd"),
  unit("tallinn", "pohja"),
  unit("rakvere", "pohja"),
  unit("it", "ska"),
  unit("loopA", "loopB"),
  unit("loopB", "loopA"),
];
const positions = [
  position("juht", "ktd"),
  position("piirkonnajuht", "pohja"),
  position("tln-spets", "tallinn"),
  position("rkv-spets", "rakvere"),
  position("arendaja", "it"),
  position("loop-pos", "loopB"),
];
const employees = [
  person("e-juht", "juht"),
  person("e-piirkond", "piirkonnajuht"),
  person("e-tln1", "tln-spets"),
  person("e-tln2", "tln-spets"),
  person("e-tln-probation", "tln-spets", { startDate: "2026-01-05" }),
  person("e-tln-leave", "tln-spets"),
  person("e-tln-future", "tln-spets", { startDate: "2026-05-04" }),
  person("e-tln-ended", "tln-spets", { startDate: "2025-06-01", contractEndDate: "2026-01-31" }),
  person("e-rkv", "rkv-spets"),
  person("e-dev", "arendaja"),
  person("e-loop", "loop-pos"),
  person("e-nobody"),
  person("e-ghost", "deleted-position"),
];
const absences: Record<string, Array<Pick<Absence, "from" | "to">>> = {
  // Parental leave then annual leave, overlapping and out of order: together the whole window.
  "e-tln-leave": [
    { from: "2026-03-15", to: "2026-06-30" },
    { from: "2025-09-01", to: "2026-03-20" },
  ],
  // Away most of the window, but back on its last day.
  "e-tln2": [{ from: "2026-02-01", to: "2026-03-30" }],
};
const org: ScopeOrganisation = {
  units,
  positions,
  employees,
  absencesOf: (id) => absences[id] ?? [],
  activeProbationEmployeeIds: new Set(["e-tln-probation"]),
};

const cycle = (scope: unknown, extra: Record<string, unknown> = {}): CycleDefinition =>
  parseCycleDefinition({
    type: "annual",
    title: { et: "Arenguvestlused", en: "Development conversations" },
    scope,
    opensOn: "2026-02-02",
    deadline: "2026-03-31",
    ...extra,
  });
const ids = (list: Array<{ id: string }>) => list.map((e) => e.id);
const reasons = (selection: ReturnType<typeof selectScope>) =>
  Object.fromEntries(selection.excluded.map((x) => [x.employee.id, x.reason]));

describe("scope selection", () => {
  it("a unit with its sub-units, however deep, leaves out who should not have a review and says why", () => {
    const selection = selectScope(cycle({ kind: "units", unitIds: ["pohja"] }), org);
    expect(ids(selection.included)).toEqual(["e-piirkond", "e-tln1", "e-tln2", "e-rkv"]);
    expect(reasons(selection)).toEqual({
      "e-tln-probation": "on_probation",
      "e-tln-leave": "absent_whole_window",
      "e-tln-future": "not_started",
      "e-tln-ended": "contract_ended",
      "e-nobody": "no_position",
      "e-ghost": "unknown_position",
    });
  });

  it("a unit without its sub-units selects its own positions only", () => {
    const selection = selectScope(cycle({ kind: "units", unitIds: ["pohja"], includeSubUnits: false }), org);
    expect(ids(selection.included)).toEqual(["e-piirkond"]);
    expect(reasons(selection)).toEqual({ "e-nobody": "no_position", "e-ghost": "unknown_position" });
  });

  it("units whose parents form a loop are walked once", () => {
    const selection = selectScope(cycle({ kind: "units", unitIds: ["loopA"] }), org);
    expect(ids(selection.included)).toEqual(["e-loop"]);
    expect(unitsWithin(units, ["loopA"], true)).toEqual(new Set(["loopA", "loopB"]));
  });

  it("positions select their holders wherever their unit is", () => {
    const selection = selectScope(cycle({ kind: "positions", positionIds: ["arendaja", "juht"] }), org);
    expect(ids(selection.included)).toEqual(["e-juht", "e-dev"]);
  });

  it("the organisation includes everyone with a position", () => {
    const selection = selectScope(cycle({ kind: "organisation" }), org);
    expect(ids(selection.included)).toEqual([
      "e-juht",
      "e-piirkond",
      "e-tln1",
      "e-tln2",
      "e-rkv",
      "e-dev",
      "e-loop",
    ]);
    expect(selection.included.length + selection.excluded.length).toBe(employees.length);
  });

  it("the exclusions are settings", () => {
    const selection = selectScope(
      cycle(
        { kind: "units", unitIds: ["tallinn"] },
        { exclusions: { excludeOnProbation: false, excludeAbsentWholeWindow: false } },
      ),
      org,
    );
    expect(ids(selection.included)).toEqual(["e-tln1", "e-tln2", "e-tln-probation", "e-tln-leave"]);
  });

  it("an unknown unit or position in the scope is an error naming its place", () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(DomainError);
        return (error as DomainError).field;
      }
      throw new Error("expected an error");
    };
    expect(field(() => selectScope(cycle({ kind: "units", unitIds: ["ktd", "nope"] }), org))).toBe(
      "scope.unitIds[1]",
    );
    expect(field(() => selectScope(cycle({ kind: "positions", positionIds: ["nope"] }), org))).toBe(
      "scope.positionIds[0]",
    );
  });

  it("a scope that selects nobody is an error naming scope, with why", () => {
    const everyoneAway = selectScope(cycle({ kind: "positions", positionIds: ["tln-spets"] }), {
      ...org,
      employees: employees.filter((e) => ["e-tln-probation", "e-tln-leave"].includes(e.id)),
    });
    expect(() => requireNonEmptyScope(everyoneAway)).toThrowError(
      expect.objectContaining({
        field: "scope",
        message: "scope: selects nobody: all 2 in it are excluded (on_probation: 1, absent_whole_window: 1)",
      }),
    );
    const empty = selectScope(cycle({ kind: "units", unitIds: ["ska"], includeSubUnits: false }), {
      ...org,
      employees: [],
    });
    expect(() => requireNonEmptyScope(empty)).toThrowError(/scope: selects nobody: no employee/);
    const some = selectScope(cycle({ kind: "units", unitIds: ["it"] }), org);
    expect(requireNonEmptyScope(some)).toBe(some);
  });
});

describe("absent for the whole window", () => {
  it("merges touching and overlapping absences and knows open ends", () => {
    expect(absentWholeWindow([], "2026-02-02", "2026-03-31")).toBe(false);
    expect(
      absentWholeWindow(
        [
          { from: "2026-03-01", to: "2026-03-31" },
          { from: "2026-02-02", to: "2026-02-28" },
        ],
        "2026-02-02",
        "2026-03-31",
      ),
    ).toBe(true);
    // One day at work (1 March) between two absences.
    expect(
      absentWholeWindow(
        [
          { from: "2026-02-02", to: "2026-02-28" },
          { from: "2026-03-02", to: "2026-03-31" },
        ],
        "2026-02-02",
        "2026-03-31",
      ),
    ).toBe(false);
    expect(absentWholeWindow([{ from: "2025-12-01", to: undefined }], "2026-02-02", "2026-03-31")).toBe(true);
    expect(absentWholeWindow([{ from: "2025-12-01", to: "9999-12-31" }], "2026-02-02", "2026-03-31")).toBe(
      true,
    );
    expect(absentWholeWindow([{ from: "2026-02-03" }], "2026-02-02", "2026-03-31")).toBe(false);
  });

  const WINDOW_FROM = "2026-02-02";
  const absence = fc
    .record({
      offset: fc.integer({ min: -40, max: 80 }),
      length: fc.integer({ min: 1, max: 70 }),
      open: fc.oneof(
        fc.constant(false),
        fc.constant(false),
        fc.constant("undefined"),
        fc.constant("placeholder"),
      ),
    })
    .map(({ offset, length, open }) => ({
      from: addDays(WINDOW_FROM, offset),
      to:
        open === "undefined"
          ? undefined
          : open === "placeholder"
            ? "9999-12-31"
            : addDays(WINDOW_FROM, offset + length - 1),
    }));

  /** The definition read literally: every day of the window lies in some absence. */
  const dayByDay = (list: Array<{ from: string; to?: string | undefined }>, from: string, to: string) => {
    for (let day = from; day <= to; day = addDays(day, 1))
      if (!list.some((a) => a.from <= day && (a.to === undefined || day <= a.to))) return false;
    return true;
  };

  it("equals the day-by-day reading over random absences and windows", () => {
    fc.assert(
      fc.property(fc.array(absence, { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), (list, days) => {
        const to = addDays(WINDOW_FROM, days);
        expect(absentWholeWindow(list, WINDOW_FROM, to)).toBe(dayByDay(list, WINDOW_FROM, to));
      }),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the absences", () => {
    fc.assert(
      fc.property(fc.array(absence, { maxLength: 8 }), fc.integer({ min: 0, max: 60 }), (list, days) => {
        const to = addDays(WINDOW_FROM, days);
        expect(absentWholeWindow([...list].reverse(), WINDOW_FROM, to)).toBe(
          absentWholeWindow(list, WINDOW_FROM, to),
        );
      }),
    );
  });
});

describe("units within units, over random trees and loops", () => {
  /** Random parent links among up to 12 units, loops and self-parents included. */
  const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.array(fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }), {
        minLength: n,
        maxLength: n,
      }),
      fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { minLength: 1, maxLength: n }),
    ),
  );

  /** Reachability as a fixpoint: add any unit whose parent is selected until nothing changes. */
  const fixpoint = (list: Unit[], roots: string[]) => {
    const selected = new Set(roots);
    for (let changed = true; changed; ) {
      changed = false;
      for (const u of list)
        if (u.parentUnitId !== undefined && selected.has(u.parentUnitId) && !selected.has(u.id)) {
          selected.add(u.id);
          changed = true;
        }
    }
    return selected;
  };

  it("selects exactly the units below the roots, and ends on loops", () => {
    fc.assert(
      fc.property(graph, ([parents, roots]) => {
        const list = parents.map((p, i) => unit(`u${i}`, p === undefined ? undefined : `u${p}`));
        const rootIds = roots.map((r) => `u${r}`);
        expect(unitsWithin(list, rootIds, true)).toEqual(fixpoint(list, rootIds));
        expect(unitsWithin(list, rootIds, false)).toEqual(new Set(rootIds));
      }),
      { numRuns: 300 },
    );
  });

  it("included and excluded never overlap, and turning exclusions off never shrinks who is included", () => {
    fc.assert(
      fc.property(
        graph,
        fc.array(fc.integer({ min: 0, max: 11 }), { maxLength: 15 }),
        ([parents, roots], homes) => {
          const list = parents.map((p, i) => unit(`u${i}`, p === undefined ? undefined : `u${p}`));
          const posList = list.map((u) => position(`p-${u.id}`, u.id));
          const people = homes.map((h, i) =>
            person(
              `e${i}`,
              h < posList.length ? posList[h]!.id : undefined,
              i % 3 === 0 ? { startDate: "2026-01-20" } : {},
            ),
          );
          const orgView: ScopeOrganisation = {
            units: list,
            positions: posList,
            employees: people,
            absencesOf: (id) => (Number(id.slice(1)) % 4 === 1 ? [{ from: "2026-01-01" }] : []),
            activeProbationEmployeeIds: new Set(
              people.filter((e) => e.startDate === "2026-01-20").map((e) => e.id),
            ),
          };
          const scope = { kind: "units", unitIds: roots.map((r) => `u${r}`) };
          const strict = selectScope(cycle(scope), orgView);
          const lenient = selectScope(
            cycle(scope, { exclusions: { excludeOnProbation: false, excludeAbsentWholeWindow: false } }),
            orgView,
          );
          const included = new Set(ids(strict.included));
          expect(strict.excluded.some((x) => included.has(x.employee.id))).toBe(false);
          for (const id of included) expect(ids(lenient.included)).toContain(id);
          const reach = unitsWithin(list, scope.unitIds, true);
          for (const e of strict.included) expect(reach.has(`${e.positionId}`.slice(2))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
