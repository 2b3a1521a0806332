// Shared fixtures of the trainings unit tests: a small SKA-like organisation and a helper that
// returns the field a validation error names.
import { expect } from "vitest";
import { DomainError } from "../../functions/core/errors";
import type { Employee, Position, Unit } from "../../functions/core/model";

/** The field a validation error names; fails the test if `fn` does not throw one. */
export function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation");
    return (error as DomainError).field;
  }
  throw new Error("expected a validation error");
}

export const unit = (id: string, parentUnitId?: string): Unit => ({ id, name: id, parentUnitId });
export const position = (id: string, unitId: string, managerPositionId?: string): Position => ({
  id,
  title: id,
  unitId,
  managerPositionId,
  substitutePositionIds: [],
});
export const person = (id: string, positionId?: string, extra: Partial<Employee> = {}): Employee => ({
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

/**
 * board (root) > customer service department > Tallinn unit > Tallinn east office; the same
 * department's Tartu unit; another department (IT); and two units whose parents point at each
 * other (a data error every walk must survive).
 */
export const units: Unit[] = [
  unit("board"),
  unit("cs", "board"),
  unit("tallinn", "cs"),
  unit("tallinn-east", "tallinn"),
  unit("tartu", "cs"),
  unit("it", "board"),
  unit("loop-a", "loop-b"),
  unit("loop-b", "loop-a"),
];

export const positions: Position[] = [
  position("director", "board"),
  position("cs-head", "cs", "director"),
  position("tallinn-juht", "tallinn", "cs-head"),
  position("tallinn-spetsialist", "tallinn", "tallinn-juht"),
  position("east-juht", "tallinn-east", "tallinn-juht"),
  position("east-spetsialist", "tallinn-east", "east-juht"),
  position("tartu-juht", "tartu", "cs-head"),
  position("tartu-spetsialist", "tartu", "tartu-juht"),
  position("it-juht", "it", "director"),
  position("it-arendaja", "it", "it-juht"),
  position("loop-pos", "loop-a"),
];

export const employees: Employee[] = [
  person("dina", "director", { roles: ["employee", "lead"] }),
  person("carl", "cs-head", { roles: ["employee", "lead"] }),
  person("tiina", "tallinn-juht", { roles: ["employee", "lead"] }),
  person("mari", "tallinn-spetsialist"),
  person("jaan", "tallinn-spetsialist"),
  person("liis", "tallinn-spetsialist", { startDate: "2026-09-01" }),
  person("ott", "tallinn-spetsialist", { contractEndDate: "2026-02-28" }),
  person("eva", "east-juht"),
  person("peeter", "east-spetsialist"),
  person("tom", "tartu-juht"),
  person("kati", "tartu-spetsialist"),
  person("ivo", "it-juht", { roles: ["employee", "lead"] }),
  person("anu", "it-arendaja"),
  person("hr", undefined, { roles: ["employee", "hr"] }),
  person("lena", "loop-pos"),
];
