// The signed-off review record as a PDF, read back with pdf.js: Estonian letters survive, long
// text wraps inside the margins and flows onto further pages, and the signature block is there
// for DigiDoc4.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../functions/core/errors";
import { parseJobDescriptionMarkdown } from "../../functions/core/job-description/parse-markdown";
import { JobDescription } from "../../functions/core/model";
import { DEFAULT_RATING_SCALE } from "../../functions/core/reviews/cycle";
import {
  buildAnnualForms,
  buildMidtermForm,
  formFields,
  type ReviewForm,
} from "../../functions/core/reviews/form";
import { type ReviewRecordInput, renderReviewPdf } from "../../functions/core/reviews/pdf";
import { readPdf } from "../support/pdf-text";

const seedResult = parseJobDescriptionMarkdown(
  readFileSync(
    new URL("../../functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md", import.meta.url),
    "utf8",
  ),
);
if (!seedResult.ok) throw new Error("seed job description did not parse");
const cycle = { ratingScale: DEFAULT_RATING_SCALE, opensOn: "2026-02-02", deadline: "2026-03-31" };
const forms = buildAnnualForms(seedResult.value, cycle);

const ESTONIAN = "Õunapuu äärel öökull üle šokolaadi žürii: ÕÄÖÜŠŽ õäöüšž";

function answers(form: ReviewForm, who: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of formFields(form)) {
    if (field.type === "rating")
      out[field.name] = {
        rating: who === "lead" ? 4 : 3,
        comment: `${who}: ${field.name} – tööd on tehtud hästi`,
      };
  }
  out.goals = [
    {
      text: "Juhendada kahte uut klienditeenindajat iseseisva töö tasemele",
      measure: "Mõlemad lahendavad pöördumised ilma abita",
      dueDate: "2026-09-30",
    },
  ];
  out.developmentNeeds = `Enesejuhtimine ja tagasiside andmine. ${ESTONIAN}`;
  out.trainingNeeds = ["Haldusmenetluse seadus", "Pingetaluvus ▪ stressijuhtimine"];
  if (who === "self") out.feedbackToLead = "Soovin sagedamini silmast-silma vestlusi.";
  return out;
}

const record = (over: Partial<ReviewRecordInput> = {}): ReviewRecordInput => ({
  reviewId: "rev_2026_e42",
  cycle: {
    type: "annual",
    title: { et: "Arenguvestlused 2026", en: "Development conversations 2026" },
    opensOn: "2026-02-02",
    deadline: "2026-03-31",
  },
  employee: { name: "Õie Šmidt-Žukovskaja" },
  lead: { name: "Jüri Ääremaa", positionTitle: "Tallinna klienditeeninduse juht" },
  positionTitle: "Klienditeeninduse spetsialist",
  unitName: "Klienditeeninduse osakond",
  forms,
  answers: { self: answers(forms.self, "self"), lead: answers(forms.lead, "lead") },
  meetingHeldOn: "2026-03-16",
  signOff: {
    agreement: "disagreed",
    comment:
      "Ei nõustu hinnanguga punktis 3.5: tagasisidesüsteem loodi koostöös, mitte üksinda. Öösiti tehtud töö jäi märkamata.",
    on: "2026-03-20",
  },
  finalisedAt: "2026-03-20T12:00:00Z",
  ...over,
});

describe("review record PDF", () => {
  it("renders Estonian letters that read back as written", async () => {
    const { text, title } = await readPdf(await renderReviewPdf(record()));
    expect(text).toContain("Arenguvestluse kokkuvõte");
    expect(text).toContain("Töötaja: Õie Šmidt-Žukovskaja");
    expect(text).toContain("Vahetu juht: Jüri Ääremaa, Tallinna klienditeeninduse juht");
    expect(text).toContain("Ametikoht: Klienditeeninduse spetsialist");
    expect(text).toContain("Vestlus toimus: 16.03.2026");
    expect(text.replace(/\n/g, " ")).toContain(ESTONIAN);
    expect(title).toBe("Arenguvestluse kokkuvõte: Õie Šmidt-Žukovskaja");
  });

  it("has every item with both ratings and comments, goals, needs and the employee's disagreement", async () => {
    const { text } = await readPdf(await renderReviewPdf(record()));
    const flat = text.replace(/\n/g, " ");
    for (const duty of seedResult.value.duties) expect(text).toContain(`${duty.code} `);
    expect(flat).toContain("Töötaja: 3 – Vastab ootustele");
    expect(flat).toContain("Vahetu juht: 4 – Ületab ootusi");
    expect(flat).toContain("Kommentaar: lead: duty_2 – tööd on tehtud hästi");
    expect(flat).toContain("Kommentaar: self: competency_13 – tööd on tehtud hästi");
    expect(flat).toContain("Juhendada kahte uut klienditeenindajat iseseisva töö tasemele");
    expect(flat).toContain("Mõõdik: Mõlemad lahendavad pöördumised ilma abita; Tähtaeg: 30.09.2026");
    expect(flat).toContain("• Haldusmenetluse seadus");
    // A sign the standard font has no glyph for becomes its plain kin, not an error.
    expect(flat).toContain("Pingetaluvus • stressijuhtimine");
    expect(flat).toContain("Tagasiside juhile");
    expect(flat).toContain("Soovin sagedamini silmast-silma vestlusi.");
    expect(flat).toContain("Ei nõustu kokkuvõttega.");
    expect(flat).toContain("Öösiti tehtud töö jäi märkamata.");
    expect(flat).toContain("Hindamisskaala: 1 – Ei vasta ootustele; 2 – Vastab ootustele osaliselt");
  });

  it("ends with a signature block for DigiDoc4: names, roles, signed digitally", async () => {
    const { pages } = await readPdf(await renderReviewPdf(record()));
    const last = pages.at(-1)!.lines.join("\n");
    expect(last).toContain("Allkirjad");
    expect(last).toMatch(/Õie Šmidt-Žukovskaja\nTöötaja\n\(allkirjastatud digitaalselt\)/);
    expect(last).toMatch(/Jüri Ääremaa\nVahetu juht\n\(allkirjastatud digitaalselt\)/);
  });

  it("wraps long text inside the margins and paginates, numbering the pages", async () => {
    const long = `${"Pikk kommentaar õõnsustest ja äärmustest. ".repeat(120)}${"Ülipikksõnaõõnsusžürii".repeat(12)}`;
    const lead = answers(forms.lead, "lead");
    lead.overallComment = long;
    const { pages, text } = await readPdf(
      await renderReviewPdf(record({ answers: { lead, self: answers(forms.self, "self") } })),
    );
    expect(pages.length).toBeGreaterThan(3);
    // pdf.js measures with its own copy of the font metrics: a point or two of difference is not overflow.
    for (const page of pages) expect(page.right).toBeLessThanOrEqual(page.width - 56 + 2);
    // ...and lines do fill the width: the text was wrapped, not cut short.
    expect(Math.max(...pages.map((p) => p.right))).toBeGreaterThan(pages[0]!.width * 0.75);
    pages.forEach((page, i) => {
      expect(page.lines.join("\n")).toContain(`Lk ${i + 1}/${pages.length}`);
    });
    expect(text.replace(/\n/g, "")).toContain("Ülipikksõnaõõnsusžürii".repeat(12));
  });

  it("says when the self-assessment was not submitted, and renders in English", async () => {
    const en = await readPdf(
      await renderReviewPdf(
        record({
          answers: { lead: answers(forms.lead, "lead") },
          signOff: { agreement: "agreed", on: "2026-03-20" },
        }),
        "en",
      ),
    );
    expect(en.text).toContain("Development conversation record");
    expect(en.text).toContain("The employee's self-assessment was not submitted by its due date.");
    expect(en.text).toContain("Line manager: 4 – Exceeds expectations");
    expect(en.text).toContain("I agree with this record.");
    expect(en.text).toContain("Conversation held: 16 March 2026");
    expect(en.text).not.toContain("Employee: 3");
  });

  it("renders a mid-term check-in with each goal's status", async () => {
    const previous = [
      { text: "Viia läbi igakuised infotunnid", measure: "12 infotundi", dueDate: "2026-12-31" },
    ];
    const midCycle = { ...cycle, opensOn: "2026-08-03", deadline: "2026-09-15" };
    const midForms = {
      self: buildMidtermForm("self", previous, midCycle),
      lead: buildMidtermForm("lead", previous, midCycle),
    };
    const { text } = await readPdf(
      await renderReviewPdf(
        record({
          cycle: {
            type: "midterm",
            title: { et: "Vahevestlused 2026", en: "Check-ins 2026" },
            opensOn: "2026-08-03",
            deadline: "2026-09-15",
          },
          forms: midForms,
          answers: {
            self: { goal_1: { status: "on_track" } },
            lead: { goal_1: { status: "at_risk", comment: "Suvel jäi kaks ära" } },
          },
          signOff: { agreement: "agreed", on: "2026-09-10" },
        }),
      ),
    );
    const flat = text.replace(/\n/g, " ");
    expect(flat).toContain("Vahevestluse kokkuvõte");
    expect(flat).toContain("Viia läbi igakuised infotunnid");
    expect(flat).toContain("Töötaja: Seis: Graafikus");
    expect(flat).toContain("Vahetu juht: Seis: Ohus");
    expect(flat).toContain("Kommentaar: Suvel jäi kaks ära");
  });

  it("is the same bytes for the same record", async () => {
    const a = await renderReviewPdf(record());
    const b = await renderReviewPdf(record());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it("refuses a disagreement without a comment, naming the field", async () => {
    await expect(
      renderReviewPdf(record({ signOff: { agreement: "disagreed", on: "2026-03-20" } })),
    ).rejects.toThrowError(expect.objectContaining({ field: "signOff.comment" }));
    await expect(renderReviewPdf(record({ employee: { name: "" } }))).rejects.toBeInstanceOf(DomainError);
  });

  it("renders a job description of another shape (no competencies, a duty without results)", async () => {
    const other = JobDescription.parse({
      positionTitle: "Andmeanalüütik",
      unitName: "Analüüsiosakond",
      duties: [{ code: "1.1", text: "Päringud ja aruandlus", expectedResults: [] }],
      requirements: {},
    });
    const f = buildAnnualForms(other, cycle);
    const { text } = await readPdf(
      await renderReviewPdf(
        record({
          forms: f,
          answers: { lead: { duty_1: { rating: 2 }, goals: [] } },
          signOff: { agreement: "agreed", on: "2026-03-20" },
        }),
      ),
    );
    expect(text).toContain("1.1 Päringud ja aruandlus");
    expect(text.replace(/\n/g, " ")).toContain("Vahetu juht: 2 – Vastab ootustele osaliselt");
    expect(text).not.toContain("Kompetentsid");
  });
});
