// Small page parts every console page uses: a notice after an action, the list of what to fix in
// a form, an error beside its field, and a table that scrolls on a phone.
import type { Locale } from "../../core/i18n";
import { texts } from "./text";

/** What an action did (status) or why it could not (alert); nothing when there is no text. */
export function Notice(props: { text?: string | undefined; kind?: "ok" | "error" }) {
  if (!props.text) return null;
  return (
    <p class={props.kind ?? "ok"} role={props.kind === "error" ? "alert" : "status"}>
      {props.text}
    </p>
  );
}

/** Every problem of a refused form at its top, so a screen reader hears them first. */
export function ErrorSummary(props: { locale: Locale; messages: string[]; intro?: string }) {
  if (props.messages.length === 0) return null;
  return (
    <div class="error" role="alert">
      <p>{props.intro ?? texts[props.locale].fix}</p>
      <ul>
        {props.messages.map((m) => (
          <li>{m}</li>
        ))}
      </ul>
    </div>
  );
}

/** A field's error, referenced by its input's aria-describedby. */
export const FieldError = (props: { id: string; text?: string | undefined }) =>
  props.text ? (
    <p class="field-error" id={props.id}>
      {props.text}
    </p>
  ) : null;

/** A labelled table that scrolls sideways on a narrow screen (and can be reached by keyboard). */
export const Table = (props: { label: string; children?: unknown }) => (
  <section class="table" aria-label={props.label} tabindex={0}>
    <table>{props.children as never}</table>
  </section>
);
