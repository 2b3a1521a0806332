// A review cycle's definition as HR sends it: defaults, and every bad input an error naming its field.
import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors";
import {
  type CycleDefinitionInput,
  DEFAULT_RATING_SCALE,
  parseCycleDefinition,
  ratingLabel,
} from "../../functions/core/reviews/cycle";

const base: CycleDefinitionInput = {
  type: "annual",
  title: { et: "Arenguvestlused 2026", en: "Development conversations 2026" },
  scope: { kind: "organisation" },
  opensOn: "2026-02-02",
  deadline: "2026-03-31",
};

function refused(input: unknown): DomainError {
  try {
    parseCycleDefinition(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation");
    return error as DomainError;
  }
  throw new Error("expected a validation error");
}

describe("review cycle definition", () => {
  it("fills in the defaults: a 1-5 scale in both languages, both exclusions, reminders 3 business days ahead", () => {
    const cycle = parseCycleDefinition(base);
    expect(cycle.ratingScale).toEqual(DEFAULT_RATING_SCALE);
    expect(cycle.ratingScale.labels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    expect(cycle.ratingScale.labels.every((l) => l.et && l.en)).toBe(true);
    expect(ratingLabel(cycle.ratingScale, 3, "et")).toBe("Vastab ootustele");
    expect(ratingLabel(cycle.ratingScale, 5, "en")).toBe("Far exceeds expectations");
    expect(cycle.exclusions).toEqual({ excludeOnProbation: true, excludeAbsentWholeWindow: true });
    expect(cycle.reminders).toEqual({ businessDaysBefore: 3, escalateAfterDeadline: true });
  });

  it("takes each kind of scope; units include their sub-units unless told not to", () => {
    const units = parseCycleDefinition({ ...base, scope: { kind: "units", unitIds: ["ktd", "tln"] } });
    expect(units.scope).toEqual({ kind: "units", unitIds: ["ktd", "tln"], includeSubUnits: true });
    const flat = parseCycleDefinition({
      ...base,
      type: "midterm",
      scope: { kind: "units", unitIds: ["ktd"], includeSubUnits: false },
    });
    expect(flat.scope).toMatchObject({ includeSubUnits: false });
    const positions = parseCycleDefinition({ ...base, scope: { kind: "positions", positionIds: ["juht"] } });
    expect(positions.scope).toEqual({ kind: "positions", positionIds: ["juht"] });
  });

  it("refuses a deadline before the opening, naming deadline", () => {
    const error = refused({ ...base, opensOn: "2026-03-01", deadline: "2026-02-28" });
    expect(error.field).toBe("deadline");
    expect(error.message).toMatch(/^deadline: must not be before opensOn \(2026-03-01\)/);
    // One day is a window.
    expect(parseCycleDefinition({ ...base, opensOn: "2026-03-02", deadline: "2026-03-02" }).deadline).toBe(
      "2026-03-02",
    );
  });

  it("refuses a window longer than a year (ATS § 30(1): yearly), naming deadline", () => {
    expect(refused({ ...base, opensOn: "2026-02-02", deadline: "2027-02-03" }).field).toBe("deadline");
    expect(parseCycleDefinition({ ...base, opensOn: "2026-02-02", deadline: "2027-02-02" }).deadline).toBe(
      "2027-02-02",
    );
  });

  it("names the field of malformed input", () => {
    expect(refused({ ...base, type: "quarterly" }).field).toBe("type");
    expect(refused({ ...base, title: { et: "Arenguvestlused" } }).field).toBe("title.en");
    expect(refused({ ...base, title: { et: "  ", en: "x" } }).field).toBe("title.et");
    expect(refused({ ...base, opensOn: "2026-02-30" }).field).toBe("opensOn");
    expect(refused({ ...base, deadline: undefined }).message).toBe("deadline: is required");
    expect(refused({ ...base, scope: { kind: "units", unitIds: [] } }).field).toBe("scope.unitIds");
    expect(refused({ ...base, scope: { kind: "units", unitIds: ["ok", "not ok"] } }).field).toBe(
      "scope.unitIds[1]",
    );
    expect(refused({ ...base, scope: { kind: "everyone" } }).field).toMatch(/^scope/);
    expect(refused({ ...base, reminders: { businessDaysBefore: 21 } }).field).toBe(
      "reminders.businessDaysBefore",
    );
    expect(refused({ ...base, reminders: { businessDaysBefore: 1.5 } }).field).toBe(
      "reminders.businessDaysBefore",
    );
    expect(refused({ ...base, exclusions: { excludeOnProbation: "yes" } }).field).toBe(
      "exclusions.excludeOnProbation",
    );
  });

  describe("rating scale", () => {
    const labels = (min: number, max: number) =>
      Array.from({ length: max - min + 1 }, (_, i) => ({
        value: min + i,
        et: `t${min + i}`,
        en: `e${min + i}`,
      }));

    it("takes 2 to 10 whole-number steps with a label for each value in order", () => {
      for (const [min, max] of [
        [0, 1],
        [1, 4],
        [0, 9],
      ] as const) {
        const cycle = parseCycleDefinition({ ...base, ratingScale: { min, max, labels: labels(min, max) } });
        expect(cycle.ratingScale.labels).toHaveLength(max - min + 1);
      }
    });

    it("refuses too few or too many steps, naming the field", () => {
      expect(refused({ ...base, ratingScale: { min: 1, max: 1, labels: labels(1, 1) } }).field).toBe(
        "ratingScale.labels",
      );
      const eleven = refused({ ...base, ratingScale: { min: 1, max: 11, labels: labels(1, 10) } });
      expect(eleven.field).toBe("ratingScale.max");
      expect(eleven.message).toMatch(/2 to 10 steps/);
      expect(refused({ ...base, ratingScale: { min: 5, max: 1, labels: labels(1, 5) } }).field).toBe(
        "ratingScale.max",
      );
      expect(refused({ ...base, ratingScale: { min: 1, max: 4.5, labels: labels(1, 4) } }).field).toBe(
        "ratingScale.max",
      );
    });

    it("refuses labels that do not match the values, naming the label", () => {
      expect(refused({ ...base, ratingScale: { min: 1, max: 5, labels: labels(1, 4) } }).field).toBe(
        "ratingScale.labels",
      );
      const swapped = labels(1, 3);
      [swapped[0], swapped[1]] = [swapped[1]!, swapped[0]!];
      expect(refused({ ...base, ratingScale: { min: 1, max: 3, labels: swapped } }).field).toBe(
        "ratingScale.labels[0].value",
      );
      const noEnglish = labels(1, 3).map((l, i) => (i === 2 ? { ...l, en: "" } : l));
      expect(refused({ ...base, ratingScale: { min: 1, max: 3, labels: noEnglish } }).field).toBe(
        "ratingScale.labels[2].en",
      );
    });
  });
});
