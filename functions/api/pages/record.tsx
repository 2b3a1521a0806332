// HR's read-only probation record, reached by a signed link from HR's mails (`/r/{token}`): who,
// under which law, the dates, the status and outcome, and each task with its holder and dates.
// Never the answers' text: the page is one forwarded mail away from anyone.
import { formatDate, formatDateTime, type Locale } from "../../core/i18n";
import { RECORD_LINK_TTL_DAYS } from "../../core/record-links";
import { documentOf, Page } from "./layout";

/** What the record page shows; names are resolved by the caller, answers are not passed at all. */
export interface RecordView {
  employeeName: string;
  regime: "TLS" | "ATS";
  startDate: string;
  baseEndDate: string;
  endDate: string;
  extensionDays: number;
  status: string;
  outcome?: {
    decision: string;
    decidedOn?: string;
    contractEndsOn?: string;
    /** ATS § 24(7): what became of the summary given to the official. */
    acknowledgement?: string;
  };
  tasks: Array<{
    title: Record<Locale, string>;
    status: string;
    dueDate: string;
    /** Who holds it now (open), or who completed it. */
    personName?: string;
    onBehalfOfName?: string;
    completedAt?: string;
  }>;
  linkExpiresAt: Date;
}

const t = {
  et: {
    title: (name: string) => `Katseaja andmed: ${name}`,
    readOnly: (until: string) =>
      `Ainult lugemiseks. Link on mõeldud personaliosakonnale ja kehtib kuni ${until}. Vastuste tekste siin ei näidata.`,
    employee: "Töötaja",
    regime: "Õiguslik alus",
    regimes: { TLS: "töölepingu seadus (TLS)", ATS: "avaliku teenistuse seadus (ATS)" },
    start: "Katseaja algus",
    baseEnd: "Viimane päev ilma pikenduseta",
    end: "Katseaja viimane päev",
    extension: "Pikendus puudumiste tõttu",
    days: (n: number) => (n === 1 ? "1 päev" : `${n} päeva`),
    status: "Olek",
    statuses: {
      active: "käimas",
      closed: "otsustatud",
      cancelled: "tühistatud",
      failed: "töövoog peatus, vajab käsitsi lõpetamist",
    } as Record<string, string>,
    outcome: "Tulemus",
    noOutcome: "otsust veel ei ole",
    outcomes: {
      confirmed: "katseaeg läbitud",
      confirm: "katseaeg läbitud",
      ended: "leping lõpetatakse katseajal",
      end: "leping lõpetatakse katseajal",
      lapsed: "katseaeg läbitud seaduse järgi: viimaseks päevaks otsust ei tehtud",
    } as Record<string, string>,
    acknowledgement: "Kokkuvõte ametnikule (ATS § 24(7))",
    acknowledgements: {
      acknowledged: "ametnik tutvus",
      commented: "ametnik kommenteeris",
      not_acknowledged: "ametnik ei kommenteerinud tähtajaks",
    } as Record<string, string>,
    decidedOn: (d: string) => `otsus ${d}`,
    endsOn: (d: string) => `leping lõpeb ${d}`,
    tasks: "Ülesanded",
    noTasks: "Ülesandeid veel ei ole.",
    columns: ["Ülesanne", "Olek", "Tähtaeg", "Kes", "Täidetud"],
    taskStatuses: {
      open: "avatud",
      completed: "täidetud",
      cancelled: "tühistatud",
      lapsed: "tähtaeg möödus",
    } as Record<string, string>,
    onBehalf: (name: string) => `${name} eest`,
  },
  en: {
    title: (name: string) => `Probation record: ${name}`,
    readOnly: (until: string) =>
      `Read-only. The link is meant for HR and is valid until ${until}. Answers' texts are not shown here.`,
    employee: "Employee",
    regime: "Legal basis",
    regimes: { TLS: "Employment Contracts Act (TLS)", ATS: "Civil Service Act (ATS)" },
    start: "Probation start",
    baseEnd: "Last day without extension",
    end: "Last day of probation",
    extension: "Extension for absences",
    days: (n: number) => (n === 1 ? "1 day" : `${n} days`),
    status: "Status",
    statuses: {
      active: "in progress",
      closed: "decided",
      cancelled: "cancelled",
      failed: "workflow stopped, to be finished by hand",
    } as Record<string, string>,
    outcome: "Outcome",
    noOutcome: "no decision yet",
    outcomes: {
      confirmed: "probation passed",
      confirm: "probation passed",
      ended: "contract ended during probation",
      end: "contract ended during probation",
      lapsed: "probation passed by law: no decision by the last day",
    } as Record<string, string>,
    acknowledgement: "Summary for the official (ATS § 24(7))",
    acknowledgements: {
      acknowledged: "the official has read it",
      commented: "the official commented",
      not_acknowledged: "the official did not comment by the due date",
    } as Record<string, string>,
    decidedOn: (d: string) => `decided ${d}`,
    endsOn: (d: string) => `contract ends ${d}`,
    tasks: "Tasks",
    noTasks: "No tasks yet.",
    columns: ["Task", "Status", "Due", "Who", "Completed"],
    taskStatuses: {
      open: "open",
      completed: "completed",
      cancelled: "cancelled",
      lapsed: "lapsed",
    } as Record<string, string>,
    onBehalf: (name: string) => `for ${name}`,
  },
} as const;

export function recordPage(locale: Locale, view: RecordView, switchPath: string): string {
  const s = t[locale];
  const d = (iso: string) => formatDate(iso, locale);
  const outcome = view.outcome
    ? [
        s.outcomes[view.outcome.decision] ?? view.outcome.decision,
        ...(view.outcome.decidedOn ? [s.decidedOn(d(view.outcome.decidedOn))] : []),
        ...(view.outcome.contractEndsOn ? [s.endsOn(d(view.outcome.contractEndsOn))] : []),
      ].join("; ")
    : s.noOutcome;
  const rows: Array<[string, string]> = [
    [s.employee, view.employeeName],
    [s.regime, s.regimes[view.regime]],
    [s.start, d(view.startDate)],
    ...(view.extensionDays > 0 ? [[s.baseEnd, d(view.baseEndDate)] as [string, string]] : []),
    [s.end, d(view.endDate)],
    [s.extension, s.days(view.extensionDays)],
    [s.status, s.statuses[view.status] ?? view.status],
    [s.outcome, outcome],
    ...(view.outcome?.acknowledgement
      ? [
          [
            s.acknowledgement,
            s.acknowledgements[view.outcome.acknowledgement] ?? view.outcome.acknowledgement,
          ] as [string, string],
        ]
      : []),
  ];
  return documentOf(
    <Page locale={locale} title={s.title(view.employeeName)} switchPath={switchPath}>
      <h1>{s.title(view.employeeName)}</h1>
      <p class="meta">{s.readOnly(formatDateTime(view.linkExpiresAt, locale))}</p>
      <dl>
        {rows.map(([term, value]) => (
          <>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </>
        ))}
      </dl>
      <h2>{s.tasks}</h2>
      {view.tasks.length === 0 ? (
        <p>{s.noTasks}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {s.columns.map((c) => (
                <th scope="col">{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.tasks.map((task) => (
              <tr>
                <td>{task.title[locale]}</td>
                <td>{s.taskStatuses[task.status] ?? task.status}</td>
                <td>{d(task.dueDate)}</td>
                <td>
                  {task.personName ?? ""}
                  {task.onBehalfOfName ? ` (${s.onBehalf(task.onBehalfOfName)})` : ""}
                </td>
                <td>{task.completedAt ? formatDateTime(task.completedAt, locale) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>,
  );
}

const dead = {
  et: {
    invalid: [
      "Link ei kehti",
      "Seda linki ei leitud või see on vigane. Kontrollige, et kopeerisite kogu lingi.",
    ],
    expired: [
      "Link on aegunud",
      `Katseaja andmete link kehtib ${RECORD_LINK_TTL_DAYS} päeva. Uue lingi saate järgmisest teavituskirjast või küsige seda süsteemi haldajalt.`,
    ],
    method: ["Seda lehte saab ainult vaadata", "Katseaja andmeid selle lingi kaudu muuta ei saa."],
  },
  en: {
    invalid: [
      "This link is not valid",
      "The link was not found or is damaged. Check that you copied all of it.",
    ],
    expired: [
      "This link has expired",
      `A probation record link is valid for ${RECORD_LINK_TTL_DAYS} days. The next notification brings a new one, or ask the system's administrator.`,
    ],
    method: ["This page can only be viewed", "The probation record cannot be changed through this link."],
  },
} as const;

/** Why a record link shows no record: forged or damaged (404), expired (410), or not a GET (405). */
export function recordMessagePage(
  locale: Locale,
  state: "invalid" | "expired" | "method",
  switchPath?: string,
): string {
  const [title, text] = dead[locale][state];
  return documentOf(
    <Page locale={locale} title={title} switchPath={switchPath}>
      <h1>{title}</h1>
      <p class="error">{text}</p>
    </Page>,
  );
}
