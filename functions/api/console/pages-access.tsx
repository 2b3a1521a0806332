// HR's access log page: who read whose development conversation, how and when, filtered by the
// person read about, the reader and a date range, with a CSV download. It shows none of the
// reviews' content (the log holds none).
import type { AccessRecord } from "../../core/access-log";
import { formatDateTime } from "../../core/i18n";
import type { Employee } from "../../core/model";
import { ConsolePage, type PageFrame, render, type Viewer } from "./layout";
import { texts } from "./text";

type Frame = PageFrame & { viewer: Viewer };

export interface AccessFilterView {
  subjectId?: string | undefined;
  readerId?: string | undefined;
  from: string;
  to: string;
  error?: string | undefined;
}

export function accessLogPage(
  frame: Frame,
  data: {
    records: AccessRecord[];
    employees: Employee[];
    filter: AccessFilterView;
    names: (id: string | undefined) => string;
    csvHref: string;
  },
) {
  const { locale } = frame;
  const s = texts[locale];
  const { filter, names } = data;
  const people = [...data.employees].sort((a, b) => a.name.localeCompare(b.name));
  const Select = (p: { name: string; label: string; value?: string | undefined }) => (
    <>
      <label for={`acc-${p.name}`}>{p.label}</label>
      <select id={`acc-${p.name}`} name={p.name}>
        <option value="">{s.accAnyone}</option>
        {people.map((e) => (
          <option value={e.id} selected={p.value === e.id}>
            {e.name}
          </option>
        ))}
      </select>
    </>
  );
  return render(
    <ConsolePage frame={frame} title={s.accTitle}>
      <h1>{s.accTitle}</h1>
      <p>{s.accIntro}</p>
      <form method="get" action="/console/access-log">
        <Select name="subjectId" label={s.accAbout} value={filter.subjectId} />
        <Select name="readerId" label={s.accReader} value={filter.readerId} />
        <label for="acc-from">{s.accFrom}</label>
        {filter.error ? (
          <p class="field-error" id="acc-range-error">
            {filter.error}
          </p>
        ) : null}
        <input
          type="date"
          id="acc-from"
          name="from"
          value={filter.from}
          aria-invalid={filter.error ? "true" : undefined}
          aria-describedby={filter.error ? "acc-range-error" : undefined}
        />
        <label for="acc-to">{s.accTo}</label>
        <input
          type="date"
          id="acc-to"
          name="to"
          value={filter.to}
          aria-invalid={filter.error ? "true" : undefined}
          aria-describedby={filter.error ? "acc-range-error" : undefined}
        />
        <p>
          <button type="submit">{s.trShow}</button>
        </p>
      </form>
      {filter.error ? (
        <p class="error" role="alert">
          {filter.error}
        </p>
      ) : (
        <>
          <p>
            <a href={data.csvHref}>{s.trDownload}</a>
          </p>
          <p role="status">{s.accCount(data.records.length)}</p>
          {data.records.length === 0 ? (
            <p>{s.accNone}</p>
          ) : (
            <section class="table" aria-label={s.accTitle} tabindex={0}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{s.accWhen}</th>
                    <th scope="col">{s.accReader}</th>
                    <th scope="col">{s.accAbout}</th>
                    <th scope="col">{s.accWhat}</th>
                    <th scope="col">{s.accHow}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.records.map((r) => (
                    <tr>
                      <td>{formatDateTime(r.at, locale)}</td>
                      <td>{r.reader.id === "hr" ? s.hrQueue : (r.reader.name ?? names(r.reader.id))}</td>
                      <td>
                        <a href={`/console/people/${r.subjectId}`}>{names(r.subjectId)}</a>
                      </td>
                      <td>
                        <code>{r.entityId}</code>
                      </td>
                      <td>{s.accActions[r.action] ?? r.action}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </ConsolePage>,
  );
}
