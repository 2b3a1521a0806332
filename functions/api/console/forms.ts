// Reading console forms and turning a use case's refusal into a message beside the field, in the
// page's language. The use cases decide what is wrong (and name the field); this only says it.
import type { DomainError } from "../../core/errors";
import { formatDate, type Locale } from "../../core/i18n";
import { texts } from "./text";

/** The named fields of a parsed form as strings ("" when missing or a file). */
export function stringFields(body: Record<string, unknown>, names: string[]): Record<string, string> {
  return Object.fromEntries(
    names.map((n) => {
      const v = body[n];
      return [n, typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : ""];
    }),
  );
}

/**
 * The text of an uploaded file: undefined when no file was chosen, "not-utf8" when it is not UTF-8
 * (a job description saved as Windows-1257, say), else its text.
 */
export async function uploadedText(value: unknown): Promise<string | undefined | "not-utf8"> {
  if (typeof File === "undefined" || !(value instanceof File) || value.size === 0) return undefined;
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(await value.arrayBuffer());
  } catch {
    return "not-utf8";
  }
}

const DATE_FIELDS = /date$|^from$|^to$/i;

/** Which field a refusal is about, and what to tell the person. */
export function formError(
  locale: Locale,
  error: DomainError,
  labels: Record<string, string>,
  values: Record<string, string>,
  fallback: string,
): { field: string; message: string } {
  const s = texts[locale];
  const field = error.field && error.field in labels ? error.field : fallback;
  const label = labels[field]!;
  const window = error.details as { earliest?: string; latest?: string } | undefined;
  const say = (message: string) => ({ field, message });
  if (error.code === "conflict" && field === "email") return say(s.errEmailTaken);
  if (error.code === "conflict" && field === "positionId") return say(s.errPositionTaken);
  if (window?.earliest && window.latest)
    return say(s.errWindow(label, formatDate(window.earliest, locale), formatDate(window.latest, locale)));
  if (!values[field]?.trim()) return say(s.errRequired(label));
  if (field === "agreedProbationMonths") return say(s.errMonths(label));
  if (field === "contractEndDate" && /before startDate/.test(error.message))
    return say(s.errNotBefore(label, labels.startDate ?? "startDate"));
  if (field === "email") return say(s.errEmail(label));
  if (DATE_FIELDS.test(field)) return say(s.errDate(label));
  return say(s.errInvalid(label));
}

/** A refused delegation: who may take it, overlaps, and the form's own checks. */
export function delegationError(
  locale: Locale,
  error: DomainError,
  labels: Record<string, string>,
  values: Record<string, string>,
): { field: string; message: string } {
  const s = texts[locale];
  const field = error.field && error.field in labels ? error.field : "toEmployeeId";
  if (error.code === "forbidden")
    return field === "fromEmployeeId"
      ? { field, message: s.errOnlyOwn }
      : { field: "toEmployeeId", message: s.errNotEligible };
  if (error.code === "conflict") return { field: "from", message: s.errDelegationOverlap };
  if (/oneself/.test(error.message)) return { field: "toEmployeeId", message: s.errSelf };
  if (/assesses themselves/.test(error.message)) return { field: "toEmployeeId", message: s.errOwnCase };
  if (/no such employee/.test(error.message) && values[field]) return { field, message: s.errUnknownPerson };
  return formError(locale, error, labels, values, "toEmployeeId");
}
