// A review cycle end to end on DynamoDB Local and the local engine running the real
// annual-review.asl.json: HR defines, previews and launches an annual cycle for two specialists;
// the employee and the lead complete their forms through the links in their mails, the lead
// proposes the meeting (both get the calendar file), holds the conversation, the employee signs
// off; HR sees 100 %, downloads the PDF; a relaunch creates nothing; bad input names its field.
import { beforeAll, describe, expect, it } from "vitest";
import type { JobDescription } from "../../functions/core/model";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";
import { nonceIn, submit } from "../support/link-tasks";
import { readPdf } from "../support/pdf-text";

let h: Harness;

/** Two job descriptions of different shape than the seed's: one without competencies, a duty without results. */
const jdWithCompetencies: JobDescription = {
  positionTitle: "Klienditeeninduse spetsialist",
  unitName: "Tallinna klienditeenindus",
  duties: [
    {
      code: "3.1",
      text: "Klientide nõustamine",
      details: [],
      expectedResults: ["Klient saab vastuse 2 tööpäeva jooksul"],
    },
    { code: "3.2", text: "Taotluste menetlemine", details: ["sh dokumentide kontroll"], expectedResults: [] },
  ],
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [{ name: "Koostöö", kind: "core", behaviours: ["Jagab infot õigel ajal"] }],
};
const jdPlain: JobDescription = {
  ...jdWithCompetencies,
  competencies: [],
  duties: [jdWithCompetencies.duties[1]!],
};

const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
let cycleId: string;

/** The link in the latest mail to `to` about the `kind` task of `subjectId`'s review in this cycle. */
const linkOf = async (to: string, kind: string, subjectId = "mari-maasikas") => {
  const { reviewIdOf } = await import("../../functions/core/usecases/cycles");
  const tasks = await h.deps.store.listTasks({ caseId: reviewIdOf(cycleId, subjectId) });
  const task = tasks.find((t) => t.kind === kind);
  const mail = task && h.mails.findLast((m) => m.to === to && m.text.includes(`/l/${task.id}.`));
  if (!mail)
    throw new Error(`no ${kind} mail to ${to}: ${h.mails.map((m) => `${m.to} ${m.tag}`).join("; ")}`);
  return new URL(/https?:\/\/\S+\/l\/\S+/.exec(mail.text)![0]).pathname;
};
const answer = async (path: string, fields: Record<string, string>) => {
  const page = await (await h.app.request(path)).text();
  const res = await submit(h, path, { ...fields, nonce: nonceIn(page) });
  await h.engine.whenIdle();
  return res;
};
const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

beforeAll(async () => {
  h = await createHarness("cycle", { start: "2026-11-25T08:00:00Z" });
  await h.deps.store.putJobDescription("tallinn-spetsialist-1", jdWithCompetencies);
  await h.deps.store.putJobDescription("tallinn-spetsialist-2", jdPlain);
});

const definition = {
  type: "annual",
  title: { et: "Arenguvestlused 2026", en: "Development conversations 2026" },
  scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"] },
  opensOn: "2026-11-25",
  deadline: "2026-12-31",
};

describe("review cycle", () => {
  it("refuses bad definitions naming the field, and creates nothing", async () => {
    const before = await h.deps.store.listCycles();
    const post = (body: unknown) =>
      h.call("/api/cycles", { method: "POST", token: h.tokens.hr, body: JSON.stringify(body) });
    const early = await post({ ...definition, deadline: "2026-11-01" });
    expect(early.status).toBe(400);
    expect((await json<{ error: { field: string } }>(early)).error.field).toBe("deadline");
    const scale = await post({ ...definition, ratingScale: { min: 1, max: 5, labels: [] } });
    expect(scale.status).toBe(400);
    expect((await json<{ error: { field: string } }>(scale)).error.field).toMatch(/^ratingScale/);
    expect(await h.deps.store.listCycles()).toEqual(before);
  });

  it("a scope that selects nobody is refused at launch, naming scope", async () => {
    const res = await h.call("/api/cycles", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        ...definition,
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-3"] },
      }),
    });
    const { id } = await json<{ id: string }>(res);
    const launch = await h.call(`/api/cycles/${id}/launch`, { method: "POST", token: h.tokens.hr });
    expect(launch.status).toBe(400);
    expect((await json<{ error: { field: string } }>(launch)).error.field).toBe("scope");
    expect((await h.deps.store.getCycle(id))?.status).toBe("draft");
  });

  it("HR previews and launches; twice at once creates one review each", async () => {
    const res = await h.call("/api/cycles", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify(definition),
    });
    expect(res.status).toBe(201);
    cycleId = (await json<{ id: string }>(res)).id;
    const preview = await json<{ included: Array<{ id: string }> }>(
      await h.call(`/api/cycles/${cycleId}/preview`, { token: h.tokens.hr }),
    );
    expect(preview.included.map((e) => e.id).sort()).toEqual(["mari-maasikas", "olga-ivanova"]);
    const launches = await Promise.all(
      [1, 2].map(() => h.call(`/api/cycles/${cycleId}/launch`, { method: "POST", token: h.tokens.hr })),
    );
    expect(launches.map((r) => r.status)).toEqual([200, 200]);
    await h.engine.whenIdle();
    await settle();
    const status = await json<{ total: number; byStage: Record<string, number> }>(
      await h.call(`/api/cycles/${cycleId}/status`, { token: h.tokens.hr }),
    );
    expect(status.total).toBe(2);
    expect(status.byStage).toEqual({ assessments: 2 });
  });

  it("the employee and the lead assess, the lead proposes the meeting, holds it, the employee signs off", async () => {
    // The rating must be on the cycle's scale; a goal needs its due date.
    const self = await linkOf("mari.maasikas@example.ee", "review.selfAssessment");
    const offScale = await answer(self, { duty_1: "9", duty_2: "3", competency_1: "4" });
    expect(offScale.status).toBe(422);
    expect(await offScale.text()).toMatch(/duty_1|Klientide nõustamine/);
    expect(
      (
        await answer(self, {
          duty_1: "4",
          duty_2: "3",
          competency_1: "4",
          trainingNeeds: "Menetlusseadus\nKonfliktid",
        })
      ).status,
    ).toBe(200);

    const lead = await linkOf("tiina.tamm@example.ee", "review.leadAssessment");
    const noDue = await answer(lead, {
      duty_1: "4",
      duty_2: "4",
      competency_1: "5",
      goals_1_text: "Vastused kiiremaks",
      goals_1_measure: "90% 2 päevaga",
    });
    expect(noDue.status).toBe(422);
    expect(await noDue.text()).toContain("Eesmärk 1: tähtaeg");
    const done = await answer(lead, {
      duty_1: "4",
      duty_2: "4",
      competency_1: "5",
      goals_1_text: "Vastused kiiremaks",
      goals_1_measure: "90% 2 tööpäevaga",
      goals_1_due: "2027-06-30",
    });
    expect(done.status).toBe(200);

    // Both in: the lead proposes the meeting, and now sees both assessments side by side.
    const meeting = await linkOf("tiina.tamm@example.ee", "review.meeting");
    const meetingPage = await (await h.app.request(meeting)).text();
    expect(meetingPage).toContain("töötaja: 4 – Ületab ootusi · juht: 4 – Ületab ootusi");
    expect((await answer(meeting, { date: "2026-12-03", time: "25:00", place: "Ruum 214" })).status).toBe(
      422,
    );
    expect((await answer(meeting, { date: "2026-12-03", time: "10:00", place: "Ruum 214" })).status).toBe(
      200,
    );
    const invites = h.mails.filter((m) => m.tag === "review:meeting");
    expect(invites.map((m) => m.to).sort()).toEqual(["mari.maasikas@example.ee", "tiina.tamm@example.ee"]);
    const ics = await h.app.request(new URL(/https?:\/\/\S+\/ics\/\S+/.exec(invites[0]!.text)![0]).pathname);
    expect(ics.status).toBe(200);
    const calendar = await ics.text();
    expect(calendar).toContain("METHOD:REQUEST");
    expect(calendar).toMatch(/DTSTART;TZID=Europe\/Tallinn:20261203T100000/);

    const conversation = await linkOf("tiina.tamm@example.ee", "review.conversation");
    expect(
      (await answer(conversation, { heldOn: "2026-11-25", summary: "Hea aasta; eesmärgid kokku lepitud." }))
        .status,
    ).toBe(200);

    const signOff = await linkOf("mari.maasikas@example.ee", "review.signOff");
    expect((await answer(signOff, { response: "disagreed" })).status).toBe(422); // disagreement says with what
    expect((await answer(signOff, { response: "agreed" })).status).toBe(200);
    await settle();

    const status = await json<{ byStage: Record<string, number>; byUnit: Array<{ completed: number }> }>(
      await h.call(`/api/cycles/${cycleId}/status`, { token: h.tokens.hr }),
    );
    expect(status.byStage).toMatchObject({ completed: 1, assessments: 1 });
    const requests = await json<Array<{ employeeId: string; topic: string }>>(
      await h.call(`/api/training-requests?cycleId=${cycleId}`, { token: h.tokens.hr }),
    );
    expect(requests.map((r) => r.topic)).toEqual(["Menetlusseadus", "Konfliktid"]);
  });

  it("the record downloads as a PDF for HR and the employee, and for nobody else", async () => {
    const { reviewIdOf } = await import("../../functions/core/usecases/cycles");
    const id = reviewIdOf(cycleId, "mari-maasikas");
    const pdf = await h.call(`/api/reviews/${id}/pdf`, { token: h.tokens.hr });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(new TextDecoder().decode((await pdf.arrayBuffer()).slice(0, 5))).toBe("%PDF-");
    expect((await h.call(`/api/reviews/${id}/pdf`, { token: h.tokens.employee })).status).toBe(200);
    const other = reviewIdOf(cycleId, "olga-ivanova");
    expect((await h.call(`/api/reviews/${other}/pdf`, { token: h.tokens.employee })).status).toBe(404);
    const audit = await h.deps.store.listAudit("case", id);
    expect(audit.filter((a) => a.action === "review.read.pdf")).toHaveLength(2);
  });

  it("a relaunch creates nothing new; cancelling refuses the open links politely", async () => {
    const before = await h.deps.store.listCasesInGroup(`cycle:${cycleId}`);
    const again = await json<{ created: number }>(
      await h.call(`/api/cycles/${cycleId}/launch`, { method: "POST", token: h.tokens.hr }),
    );
    expect(again.created).toBe(2);
    expect((await h.deps.store.listCasesInGroup(`cycle:${cycleId}`)).map((c) => c.id)).toEqual(
      before.map((c) => c.id),
    );
    const olgaSelf = await linkOf("olga.ivanova@example.ee", "review.selfAssessment", "olga-ivanova");
    expect(
      (await h.call(`/api/cycles/${cycleId}/cancel`, { method: "POST", token: h.tokens.hr })).status,
    ).toBe(200);
    await h.engine.whenIdle();
    const page = await h.app.request(olgaSelf);
    expect(page.status).toBe(410);
  });
});

describe("mid-term check-in", () => {
  let midtermId: string;

  it("reviews the goals of the last annual conversation; a goal at risk says why", async () => {
    const res = await h.call("/api/cycles", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        ...definition,
        type: "midterm",
        title: { et: "Vahevestlused", en: "Check-ins" },
      }),
    });
    expect(res.status).toBe(201);
    midtermId = (await json<{ id: string }>(res)).id;
    expect(
      (await h.call(`/api/cycles/${midtermId}/launch`, { method: "POST", token: h.tokens.hr })).status,
    ).toBe(200);
    await settle();
    const { reviewIdOf } = await import("../../functions/core/usecases/cycles");
    const tasks = await h.deps.store.listTasks({ caseId: reviewIdOf(midtermId, "mari-maasikas") });
    const checkIn = tasks.find((t) => t.kind === "midterm.checkIn")!;
    // The goal agreed in the annual conversation is on the form.
    expect(checkIn.form.fields.find((f) => f.name === "goal_1_status")?.label.et).toContain(
      "Vastused kiiremaks",
    );
    const mail = h.mails.findLast((m) => m.text.includes(`/l/${checkIn.id}.`))!;
    const path = new URL(/https?:\/\/\S+\/l\/\S+/.exec(mail.text)![0]).pathname;
    const atRisk = await answer(path, { heldOn: "2026-11-25", goal_1_status: "at_risk" });
    expect(atRisk.status).toBe(422);
    expect(
      (
        await answer(path, {
          heldOn: "2026-11-25",
          goal_1_status: "at_risk",
          goal_1_comment: "Pöördumisi on rohkem.",
        })
      ).status,
    ).toBe(200);
    const signOff = (await h.deps.store.listTasks({ caseId: reviewIdOf(midtermId, "mari-maasikas") })).find(
      (t) => t.kind === "midterm.signOff",
    )!;
    const signMail = h.mails.findLast((m) => m.text.includes(`/l/${signOff.id}.`))!;
    const signPath = new URL(/https?:\/\/\S+\/l\/\S+/.exec(signMail.text)![0]).pathname;
    expect((await answer(signPath, { response: "agreed" })).status).toBe(200);
    await settle();
    const closed = await h.deps.store.getCase(reviewIdOf(midtermId, "mari-maasikas"));
    expect(closed).toMatchObject({
      status: "closed",
      outcome: {
        conversationHeld: true,
        signOff: "agreed",
        goalProgress: [
          { goal: { text: "Vastused kiiremaks" }, status: "at_risk", comment: "Pöördumisi on rohkem." },
        ],
      },
    });
    // The signed-off check-in downloads as its own record, for her and HR, and for nobody else.
    const pdfPath = `/api/reviews/${reviewIdOf(midtermId, "mari-maasikas")}/pdf`;
    const pdf = await h.call(pdfPath, { token: h.tokens.employee });
    expect(pdf.status).toBe(200);
    const { text } = await readPdf(new Uint8Array(await pdf.arrayBuffer()));
    expect(text).toContain("Vahevestluse kokkuvõte");
    expect(text).toContain("Vastused kiiremaks");
    expect(text).toContain("Pöördumisi on rohkem.");
    expect(text).toContain("Ohus");
    expect(text).not.toContain("enesehinnangut");
    expect((await h.call(pdfPath, { token: h.tokens.hr })).status).toBe(200);
    const other = await h.call(`/api/reviews/${reviewIdOf(midtermId, "olga-ivanova")}/pdf`, {
      token: h.tokens.employee,
    });
    expect(other.status).toBe(404);
  });

  it("closing the cycle records the check-in nobody held as not held", async () => {
    expect(
      (await h.call(`/api/cycles/${midtermId}/close`, { method: "POST", token: h.tokens.hr })).status,
    ).toBe(200);
    await settle();
    const status = await json<{ byStage: Record<string, number> }>(
      await h.call(`/api/cycles/${midtermId}/status`, { token: h.tokens.hr }),
    );
    expect(status.byStage).toEqual({ completed: 1, notHeld: 1 });
  });
});

describe("closing an annual cycle early", () => {
  it("records every review as it stands: nothing opens after the close", async () => {
    const res = await h.call("/api/cycles", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        ...definition,
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-2"] },
      }),
    });
    const { id } = await json<{ id: string }>(res);
    expect((await h.call(`/api/cycles/${id}/launch`, { method: "POST", token: h.tokens.hr })).status).toBe(
      200,
    );
    await settle();
    expect((await h.call(`/api/cycles/${id}/close`, { method: "POST", token: h.tokens.hr })).status).toBe(
      200,
    );
    await settle();
    const { reviewIdOf } = await import("../../functions/core/usecases/cycles");
    const review = await h.deps.store.getCase(reviewIdOf(id, "olga-ivanova"));
    expect(review).toMatchObject({
      status: "closed",
      outcome: { conversationHeld: false, signOff: "not_held" },
    });
    const open = await h.deps.store.listTasks({ caseId: reviewIdOf(id, "olga-ivanova"), status: "open" });
    expect(open).toEqual([]);
  });
});
