// Probation length, extension and schedule: pure functions, no I/O.
import { addDays, addMonthsClamped, businessDayOnOrBefore, daysBetweenInclusive, maxDate } from "./calendar";
import { invalid } from "./errors";

export interface ProbationInput {
  regime: "TLS" | "ATS";
  startDate: string;
  agreedMonths?: number;
  contractEndDate?: string;
  contractDate?: string;
  extensionWaived?: boolean;
  absences: Array<{ from: string; to?: string }>;
  /** Today: an open-ended absence counts up to here, as later days are not known yet. */
  asOf: string;
}

export interface ProbationPeriod {
  baseEndDate: string;
  endDate: string;
  extensionDays: number;
  maxMonths: number;
  basis: string[];
}

/** The 2022 amendment of TLS § 86 applies to contracts concluded from this day. */
const EXTENSION_FROM = "2022-08-01";

export function computeProbationPeriod(input: ProbationInput): ProbationPeriod {
  const basis: string[] = [];
  // TLS § 86(1): up to 4 months; ATS § 24(1): up to 6 months.
  const maxMonths = input.regime === "TLS" ? 4 : 6;
  if (input.agreedMonths !== undefined && (input.agreedMonths < 1 || input.agreedMonths > maxMonths)) {
    throw invalid("agreedProbationMonths", `must be 1..${maxMonths} months for ${input.regime}`);
  }
  if (input.contractEndDate && input.contractEndDate < input.startDate) {
    throw invalid("contractEndDate", "must not be before startDate");
  }
  for (const a of input.absences) if (a.to && a.to < a.from) throw invalid("to", "must not be before from");

  const months = input.agreedMonths ?? maxMonths;
  let baseEndDate = addDays(addMonthsClamped(input.startDate, months), -1);
  basis.push(
    input.agreedMonths
      ? `${input.regime === "TLS" ? "TLS § 86(1)" : "ATS § 24(1)"}: ${months} months as agreed`
      : `${input.regime === "TLS" ? "TLS § 86(1)" : "ATS § 24(1)"}: ${months} months`,
  );
  if (input.regime === "TLS" && input.contractEndDate) {
    const termDays = daysBetweenInclusive(input.startDate, input.contractEndDate);
    // TLS § 86(2): a fixed-term contract under 8 months allows at most half the term.
    if (addMonthsClamped(input.startDate, 8) > addDays(input.contractEndDate, 1)) {
      const halfEnd = addDays(input.startDate, Math.floor(termDays / 2) - 1);
      if (halfEnd < baseEndDate) {
        baseEndDate = halfEnd;
        basis.push(`TLS § 86(2): at most half of a ${termDays}-day fixed term`);
      }
    }
  }

  const extends_ =
    input.regime === "TLS" &&
    !input.extensionWaived &&
    (!input.contractDate || input.contractDate >= EXTENSION_FROM);
  // ATS officials are not extended here: ATS § 24 has its own rules, handled by HR case by case.
  if (!extends_) {
    if (input.regime === "TLS")
      basis.push(
        input.extensionWaived
          ? "extension waived in the contract"
          : "contract before 2022-08-01: no extension",
      );
    return { baseEndDate, endDate: baseEndDate, extensionDays: 0, maxMonths, basis };
  }

  // TLS § 86: days not actually worked are not counted, so probation grows day for day.
  const { endDate, extensionDays } = extendForAbsences(
    input.startDate,
    baseEndDate,
    input.absences.map((a) => ({ from: a.from, to: a.to ?? input.asOf })),
  );
  if (extensionDays > 0) basis.push(`TLS § 86: extended by ${extensionDays} days not worked`);
  return { baseEndDate, endDate, extensionDays, maxMonths, basis };
}

/**
 * The end of a probation that started on `startDate` and would end on `baseEndDate`, extended
 * day for day by the absent days from the start on. An absence that begins on or before the
 * (already extended) end is counted whole: each of its days pushes the end one day further, so
 * the end always outruns it. One pass over the merged absences, sorted: it ends by construction,
 * whatever the input, and more absence never gives an earlier end.
 */
export function extendForAbsences(
  startDate: string,
  baseEndDate: string,
  absences: ReadonlyArray<{ from: string; to: string }>,
): { endDate: string; extensionDays: number } {
  let endDate = baseEndDate;
  let extensionDays = 0;
  for (const range of mergedFrom(absences, startDate)) {
    if (range.from > endDate) break;
    const days = daysBetweenInclusive(range.from, range.to);
    extensionDays += days;
    endDate = addDays(endDate, days);
  }
  return { endDate, extensionDays };
}

/** The ranges clipped to start no earlier than `from`, sorted and with overlaps merged. */
function mergedFrom(ranges: ReadonlyArray<{ from: string; to: string }>, from: string) {
  const clipped = ranges
    .map((r) => ({ from: maxDate(r.from, from), to: r.to }))
    .filter((r) => r.from <= r.to)
    .sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: Array<{ from: string; to: string }> = [];
  for (const r of clipped) {
    const last = merged.at(-1);
    if (last && r.from <= addDays(last.to, 1)) last.to = maxDate(last.to, r.to);
    else merged.push({ ...r });
  }
  return merged;
}

export interface ProbationSchedule {
  midConversationOpensOn: string;
  midConversationDueOn: string;
  finalAssessmentOpensOn: string;
  finalAssessmentDueOn: string;
}

export function probationSchedule(p: { startDate: string; endDate: string }): ProbationSchedule {
  const total = daysBetweenInclusive(p.startDate, p.endDate);
  const midpoint = addDays(p.startDate, Math.floor(total / 2));
  const midConversationOpensOn = maxDate(p.startDate, addDays(midpoint, -7));
  const midConversationDueOn = maxDate(midConversationOpensOn, businessDayOnOrBefore(midpoint));
  // Three weeks before the end leaves room for the 15-day notice of TLS § 96.
  const finalAssessmentOpensOn = maxDate(midConversationDueOn, addDays(p.endDate, -21));
  // TLS § 96: notice must be given at the latest on the last day of probation.
  const finalAssessmentDueOn = maxDate(finalAssessmentOpensOn, businessDayOnOrBefore(p.endDate));
  return { midConversationOpensOn, midConversationDueOn, finalAssessmentOpensOn, finalAssessmentDueOn };
}

/** TLS § 96: at least 15 calendar days' notice when ending the contract during probation. */
export const contractEndAfterNotice = (noticeGivenOn: string) => addDays(noticeGivenOn, 15);

/** The decision to end must be given on or before the last day of probation (TLS § 96). */
export const canEndContractOn = (decisionDate: string, endDate: string) => decisionDate <= endDate;
