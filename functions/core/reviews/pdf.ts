// The signed-off review record as a PDF: what HR, the lead and the employee download once the
// employee has agreed or recorded disagreement. It is laid out for signing in DigiDoc4: the
// signatures themselves are made outside (the PDF goes into an ASiC-E container), so the page
// ends with a block naming who signs in which role, "allkirjastatud digitaalselt" as on the job
// description. Fonts are PDF's standard Helvetica in WinAnsi encoding, which holds every Estonian
// letter (õ ä ö ü š ž Õ Ä Ö Ü Š Ž), so nothing is embedded and the file stays small.
import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from "pdf-lib";
import { z } from "zod";
import { formatDate } from "../i18n";
import { Id, Instant, IsoDate, type Locale } from "../model";
import { CycleTitle, CycleType, type RatingScale, ratingLabel } from "./cycle";
import {
  GOAL_STATUS_LABELS,
  type GoalStatus,
  type LocalText,
  ReviewForm,
  type ReviewFormField,
  type ReviewFormSection,
} from "./form";
import { parseOrThrow } from "./parse";

const Name = z.string().trim().min(1).max(200);

export const SignOff = z
  .object({
    /** The employee agrees with the record, or records disagreement with a comment. */
    agreement: z.enum(["agreed", "disagreed"]),
    comment: z.string().trim().max(10_000).optional(),
    on: IsoDate,
  })
  .refine((s) => s.agreement === "agreed" || (s.comment ?? "") !== "", {
    path: ["comment"],
    message: "disagreement needs a comment saying with what",
  });
export type SignOff = z.infer<typeof SignOff>;

const Answers = z.record(z.string(), z.unknown());

export const ReviewRecord = z.object({
  reviewId: Id,
  cycle: z.object({ type: CycleType, title: CycleTitle, opensOn: IsoDate, deadline: IsoDate }),
  employee: z.object({ name: Name }),
  lead: z.object({ name: Name, positionTitle: z.string().max(200).optional() }),
  positionTitle: z.string().trim().min(1).max(200),
  unitName: z.string().max(200).optional(),
  /** The forms as stored on the two tasks; they share their rated items. */
  forms: z.object({ self: ReviewForm.optional(), lead: ReviewForm }),
  /** The self-assessment is missing when its deadline passed unanswered (deadlines win). */
  answers: z.object({ self: Answers.optional(), lead: Answers }),
  meetingHeldOn: IsoDate.optional(),
  signOff: SignOff,
  /** When the record became final: the document's creation date. */
  finalisedAt: Instant,
});
export type ReviewRecord = z.infer<typeof ReviewRecord>;
export type ReviewRecordInput = z.input<typeof ReviewRecord>;

const T = {
  annualTitle: { et: "Arenguvestluse kokkuvõte", en: "Development conversation record" },
  midtermTitle: { et: "Vahevestluse kokkuvõte", en: "Mid-term check-in record" },
  employee: { et: "Töötaja", en: "Employee" },
  lead: { et: "Vahetu juht", en: "Line manager" },
  position: { et: "Ametikoht", en: "Position" },
  unit: { et: "Struktuuriüksus", en: "Unit" },
  cycle: { et: "Hindamisperiood", en: "Review cycle" },
  window: { et: "Vestluste aeg", en: "Window" },
  held: { et: "Vestlus toimus", en: "Conversation held" },
  signedOff: { et: "Töötaja kinnitas", en: "Employee signed off" },
  scale: { et: "Hindamisskaala", en: "Rating scale" },
  noSelf: {
    et: "Töötaja enesehinnangut tähtajaks ei esitatud.",
    en: "The employee's self-assessment was not submitted by its due date.",
  },
  notAnswered: { et: "vastamata", en: "not answered" },
  comment: { et: "Kommentaar", en: "Comment" },
  measure: { et: "Mõõdik", en: "Measure" },
  due: { et: "Tähtaeg", en: "Due" },
  status: { et: "Seis", en: "Status" },
  selfGoals: { et: "Töötaja ettepanek", en: "Employee's proposal" },
  agreedGoals: { et: "Kokkulepitud", en: "Agreed" },
  stance: { et: "Töötaja seisukoht", en: "Employee's position" },
  agreed: { et: "Nõustun kokkuvõttega.", en: "I agree with this record." },
  disagreed: { et: "Ei nõustu kokkuvõttega.", en: "I do not agree with this record." },
  signatures: { et: "Allkirjad", en: "Signatures" },
  signedDigitally: {
    et: "(allkirjastatud digitaalselt)",
    en: "(allkirjastatud digitaalselt / signed digitally)",
  },
  signNote: {
    et: "Dokument allkirjastatakse digitaalselt (DigiDoc4); allkirjastamise aeg on digiallkirja aeg.",
    en: "The document is signed digitally (DigiDoc4); the time of signing is that of the digital signature.",
  },
  page: { et: "Lk", en: "Page" },
} satisfies Record<string, LocalText>;

// A4 in points, with margins wide enough for a binder and DigiDoc4's viewer.
const PAGE = { width: 595.28, height: 841.89, margin: 56 };
const SIZE = { title: 16, heading: 12, body: 10, small: 8.5 };
const GREY = rgb(0.35, 0.35, 0.35);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  italic: PDFFont;
}

/** What a standard font cannot encode, made encodable: typographic signs by their plain kin, else decomposed, else "?". */
const REPLACEMENTS: Record<string, string> = {
  "\u2010": "-",
  "\u2011": "-",
  "\u2212": "-",
  "\u25aa": "\u2022",
  "\u25cf": "\u2022",
  "\u2192": "->",
  "\u2264": "<=",
  "\u2265": ">=",
  "\t": " ",
};

function sanitiser(font: PDFFont): (text: string) => string {
  const supported = new Set(font.getCharacterSet());
  const ok = (ch: string) => supported.has(ch.codePointAt(0)!);
  return (text) => {
    let out = "";
    for (const ch of text) {
      if (ch === "\n") out += ch;
      else if (ok(ch)) out += ch;
      else if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
      else if (/\p{Cc}|\p{Cf}/u.test(ch)) out += "";
      else {
        const plain = ch.normalize("NFKD").replace(/\p{M}/gu, "");
        out += plain !== "" && [...plain].every(ok) ? plain : "?";
      }
    }
    return out;
  };
}

/** Splits text into lines no wider than `width`; a word wider than a line is broken inside. */
export function wrapText(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  const fits = (s: string) => font.widthOfTextAtSize(s, size) <= width;
  for (const paragraph of text.split("\n")) {
    let line = "";
    for (const word of paragraph.split(/ +/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (fits(candidate)) {
        line = candidate;
        continue;
      }
      if (line) lines.push(line);
      line = "";
      let rest = word;
      while (!fits(rest)) {
        let cut = rest.length - 1;
        while (cut > 1 && !fits(rest.slice(0, cut))) cut--;
        lines.push(rest.slice(0, cut));
        rest = rest.slice(cut);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Writes top to bottom, starting a new page whenever the next line would not fit. */
class Writer {
  page!: PDFPage;
  y = 0;
  readonly clean: (text: string) => string;
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.clean = sanitiser(fonts.regular);
    this.newPage();
  }
  newPage() {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.y = PAGE.height - PAGE.margin;
  }
  /** Room left on the page above the footer. */
  get room() {
    return this.y - PAGE.margin - 14;
  }
  ensure(height: number) {
    if (this.room < height) this.newPage();
  }
  gap(points: number) {
    this.y -= points;
  }
  text(text: string, options: { font?: PDFFont; size?: number; indent?: number; grey?: boolean } = {}) {
    const font = options.font ?? this.fonts.regular;
    const size = options.size ?? SIZE.body;
    const indent = options.indent ?? 0;
    const leading = size * 1.3;
    const width = PAGE.width - 2 * PAGE.margin - indent;
    for (const line of wrapText(this.clean(text), font, size, width)) {
      this.ensure(leading);
      this.y -= leading;
      this.page.drawText(line, {
        x: PAGE.margin + indent,
        y: this.y + size * 0.25,
        size,
        font,
        ...(options.grey ? { color: GREY } : {}),
      });
    }
  }
  heading(text: string) {
    // A heading never ends a page: it keeps at least two lines of what follows with it.
    this.ensure(SIZE.heading * 1.3 + 3 * SIZE.body * 1.3);
    this.gap(8);
    this.text(text, { font: this.fonts.bold, size: SIZE.heading });
    this.gap(2);
  }
  rule() {
    this.ensure(8);
    this.gap(4);
    this.page.drawLine({
      start: { x: PAGE.margin, y: this.y },
      end: { x: PAGE.width - PAGE.margin, y: this.y },
      thickness: 0.5,
      color: GREY,
    });
    this.gap(4);
  }
}

const asText = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;

interface GoalAnswer {
  text: string;
  measure: string;
  dueDate: string;
}
const asGoals = (value: unknown): GoalAnswer[] =>
  Array.isArray(value)
    ? value
        .map(asRecord)
        .filter((g): g is Record<string, unknown> => g !== undefined)
        .map((g) => ({
          text: String(g.text ?? ""),
          measure: String(g.measure ?? ""),
          dueDate: String(g.dueDate ?? ""),
        }))
    : [];

/** Both forms' sections in the lead form's order, then what only the self-assessment asks (feedback to the lead). */
function mergedSections(record: ReviewRecord): ReviewFormSection[] {
  const lead = record.forms.lead.sections;
  const inLead = new Set(lead.flatMap((s) => s.fields.map((f) => f.name)));
  const selfOnly = (record.forms.self?.sections ?? [])
    .map((s) => ({ ...s, fields: s.fields.filter((f) => !inLead.has(f.name)) }))
    .filter((s) => s.fields.length > 0);
  return [...lead, ...selfOnly];
}

function scaleLegend(scale: RatingScale, locale: Locale) {
  return scale.labels.map((l) => `${l.value} – ${l[locale]}`).join("; ");
}

/**
 * The record as PDF bytes, in one language (`et` by default: the record is an Estonian
 * document; the job-description items are in Estonian in either language). Deterministic: the
 * same record gives the same bytes, so a download can be compared with an earlier one.
 */
export async function renderReviewPdf(input: ReviewRecordInput, locale: Locale = "et"): Promise<Uint8Array> {
  const record = parseOrThrow(ReviewRecord, input);
  const t = (text: LocalText) => text[locale];
  const date = (iso: string) => formatDate(iso, locale);

  const doc = await PDFDocument.create();
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    italic: await doc.embedFont(StandardFonts.HelveticaOblique),
  };
  const title = t(record.cycle.type === "annual" ? T.annualTitle : T.midtermTitle);
  const finalised = new Date(record.finalisedAt);
  doc.setTitle(`${title}: ${record.employee.name}`);
  doc.setSubject(t(record.cycle.title));
  doc.setLanguage(locale === "et" ? "et-EE" : "en-GB");
  doc.setCreator("hr-workflows");
  doc.setProducer("hr-workflows (pdf-lib)");
  doc.setCreationDate(finalised);
  doc.setModificationDate(finalised);

  const w = new Writer(doc, fonts);
  w.text(title, { font: fonts.bold, size: SIZE.title });
  w.text(t(record.cycle.title), { grey: true });
  w.gap(6);

  const facts: Array<[LocalText, string | undefined]> = [
    [T.employee, record.employee.name],
    [T.position, record.positionTitle],
    [T.unit, record.unitName],
    [
      T.lead,
      record.lead.positionTitle ? `${record.lead.name}, ${record.lead.positionTitle}` : record.lead.name,
    ],
    [T.cycle, t(record.cycle.title)],
    [T.window, `${date(record.cycle.opensOn)} – ${date(record.cycle.deadline)}`],
    [T.held, record.meetingHeldOn ? date(record.meetingHeldOn) : undefined],
    [T.signedOff, date(record.signOff.on)],
  ];
  for (const [label, value] of facts)
    if (value !== undefined)
      w.text(`${t(label)}: ${value}`, { font: label === T.employee ? fonts.bold : fonts.regular });

  const scale = record.forms.lead.sections.flatMap((s) => s.fields).find((f) => f.type === "rating")?.scale;
  if (scale) {
    w.gap(4);
    w.text(`${t(T.scale)}: ${scaleLegend(scale, locale)}`, { size: SIZE.small, grey: true });
  }
  // A mid-term check-in has no self-assessment: it is one form, filled in together.
  if (!record.answers.self && record.cycle.type === "annual") {
    w.gap(4);
    w.text(t(T.noSelf), { font: fonts.italic });
  }
  w.rule();

  const selfNames = new Set(record.forms.self?.sections.flatMap((s) => s.fields.map((f) => f.name)) ?? []);
  const leadNames = new Set(record.forms.lead.sections.flatMap((s) => s.fields.map((f) => f.name)));
  const byRole = (field: ReviewFormField): Array<{ who: LocalText; answer: unknown }> => [
    ...(selfNames.has(field.name) && record.answers.self
      ? [{ who: T.employee, answer: record.answers.self[field.name] }]
      : []),
    ...(leadNames.has(field.name) ? [{ who: T.lead, answer: record.answers.lead[field.name] }] : []),
  ];

  for (const section of mergedSections(record)) {
    w.heading(t(section.title));
    for (const field of section.fields) {
      w.ensure(4 * SIZE.body * 1.3);
      w.gap(3);
      w.text(t(field.label), { font: fonts.bold });
      writeField(field);
    }
  }

  // The employee's agreement or disagreement closes the record.
  w.heading(t(T.stance));
  w.text(t(record.signOff.agreement === "agreed" ? T.agreed : T.disagreed), { font: fonts.bold });
  if (record.signOff.comment) w.text(record.signOff.comment);

  // The signature block stays on one page: two signers side by side.
  const blockHeight = 130;
  w.ensure(blockHeight);
  w.heading(t(T.signatures));
  w.text(t(T.signNote), { size: SIZE.small, grey: true });
  w.gap(24);
  const top = w.y;
  const column = (PAGE.width - 2 * PAGE.margin) / 2;
  const signers: Array<[string, LocalText]> = [
    [record.employee.name, T.employee],
    [record.lead.name, T.lead],
  ];
  signers.forEach(([name, role], i) => {
    const x = PAGE.margin + i * column;
    const lines: Array<[string, PDFFont, number]> = [
      [w.clean(name), fonts.bold, SIZE.body],
      [w.clean(t(role)), fonts.regular, SIZE.body],
      [w.clean(t(T.signedDigitally)), fonts.italic, SIZE.small],
    ];
    let y = top;
    for (const [text, font, size] of lines) {
      for (const line of wrapText(text, font, size, column - 12)) {
        y -= size * 1.4;
        w.page.drawText(line, { x, y, size, font });
      }
    }
  });
  w.y = top - 3 * SIZE.body * 1.4;

  // Footers once every page exists: which review, page n of m.
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const footer = w.clean(`${record.employee.name} · ${title} · ${t(T.page)} ${i + 1}/${pages.length}`);
    page.drawText(footer, {
      x: PAGE.margin,
      y: PAGE.margin - 24,
      size: SIZE.small,
      font: fonts.regular,
      color: GREY,
    });
  });
  // Without object streams (a PDF 1.5 feature): archival validators (PDF/A-1) refuse them, and
  // the record is small either way.
  return doc.save({ useObjectStreams: false });

  function answerLines(who: LocalText, lines: string[], comment?: string) {
    lines.forEach((line, i) => {
      w.text(i === 0 ? `${t(who)}: ${line}` : line, { indent: i === 0 ? 12 : 24 });
    });
    if (comment) w.text(`${t(T.comment)}: ${comment}`, { indent: 24 });
  }

  function writeField(field: ReviewFormField) {
    switch (field.type) {
      case "rating": {
        for (const block of field.context) {
          w.text(`${t(block.title)}:`, { size: SIZE.small, grey: true, indent: 12 });
          for (const item of block.items) w.text(`• ${item}`, { size: SIZE.small, grey: true, indent: 18 });
        }
        for (const { who, answer } of byRole(field)) {
          const a = asRecord(answer);
          const value = typeof a?.rating === "number" ? a.rating : Number(a?.rating);
          const label = Number.isInteger(value) ? ratingLabel(field.scale, value, locale) : undefined;
          const shown = label ? `${value} – ${label}` : t(T.notAnswered);
          answerLines(who, [shown], asText(a?.comment));
        }
        return;
      }
      case "goals": {
        for (const { who, answer } of byRole(field)) {
          const goals = asGoals(answer);
          const heading = who === T.lead ? T.agreedGoals : T.selfGoals;
          if (goals.length === 0) {
            answerLines(heading, [t(T.notAnswered)]);
            continue;
          }
          w.text(`${t(heading)}:`, { indent: 12 });
          goals.forEach((goal, i) => {
            w.text(`${i + 1}. ${goal.text}`, { indent: 18 });
            w.text(`${t(T.measure)}: ${goal.measure}; ${t(T.due)}: ${date(goal.dueDate)}`, {
              indent: 30,
              size: SIZE.small,
            });
          });
        }
        return;
      }
      case "goalReview": {
        w.text(`${t(T.measure)}: ${field.goal.measure}; ${t(T.due)}: ${date(field.goal.dueDate)}`, {
          indent: 12,
          size: SIZE.small,
          grey: true,
        });
        for (const { who, answer } of byRole(field)) {
          const a = asRecord(answer);
          const status = GOAL_STATUS_LABELS[a?.status as GoalStatus];
          answerLines(who, [status ? `${t(T.status)}: ${t(status)}` : t(T.notAnswered)], asText(a?.comment));
        }
        return;
      }
      case "list": {
        for (const { who, answer } of byRole(field)) {
          const topics = Array.isArray(answer) ? answer.map(String).filter((s) => s.trim() !== "") : [];
          answerLines(who, topics.length > 0 ? topics.map((s) => `• ${s}`) : [t(T.notAnswered)]);
        }
        return;
      }
      case "date": {
        for (const { who, answer } of byRole(field)) {
          const value = asText(answer);
          answerLines(who, [value ? date(value) : t(T.notAnswered)]);
        }
        return;
      }
      case "text":
      case "textarea": {
        for (const { who, answer } of byRole(field)) answerLines(who, [asText(answer) ?? t(T.notAnswered)]);
        return;
      }
    }
  }
}
