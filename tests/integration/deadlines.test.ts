// Deadlines win: the probation workflow on the local engine with a virtual clock, where nobody
// answers. A missed mid-probation conversation does not hold back the final assessment; no
// decision by the last day means the probation was passed by law; an official who does not
// comment on the summary by its due date has had the chance (ATS § 24(7)).
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { completeByLink, inspectLink } from "../../functions/core/usecases/tasks";
import type { Probation } from "../../functions/core/workflows/probation";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;

beforeAll(async () => {
  h = await createHarness("deadlines", { start: "2026-01-05T07:00:00Z" });
});

async function hire(name: string, regime: "TLS" | "ATS"): Promise<Probation> {
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name,
      email: `${name.toLowerCase().replace(/\s+/g, ".")}@example.ee`,
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-01-05",
      regime,
    }),
  });
  expect(res.status).toBe(201);
  await h.engine.whenIdle();
  return ((await res.json()) as { probation: Probation }).probation;
}

/** Moves the virtual clock to the instant and runs the scheduler twice (a lapse, then the timer it led to). */
async function at(instant: string) {
  h.setNow(instant);
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
}

const tasksOf = async (caseId: string) =>
  (await h.deps.store.listTasks({ caseId })).map((t) => [t.kind, t.status]);

describe("deadlines win", () => {
  it("TLS, nobody answers: the mid conversation is recorded as missed, the final assessment still opens, and the probation lapses on its last day", async () => {
    const probation = await hire("Vaikne Tootaja", "TLS");
    expect(probation.data.endDate).toBe("2026-05-04");
    await at("2026-03-01T08:00:00Z"); // the mid-probation conversation is open
    expect(await tasksOf(probation.id)).toEqual([["probation.midConversation", "open"]]);

    await at("2026-04-13T07:00:00Z"); // 09:00 Tallinn on the day the final assessment opens
    expect(await tasksOf(probation.id)).toEqual([
      ["probation.midConversation", "lapsed"],
      ["probation.finalAssessment", "open"],
    ]);

    h.mails.length = 0;
    await at("2026-05-04T20:59:00Z"); // 23:59 Tallinn on the last day: still the lead's to decide
    expect((await h.deps.store.getCase(probation.id))?.status).toBe("active");
    await at("2026-05-04T21:00:00Z"); // 00:00 Tallinn the day after
    const after = await h.deps.store.getCase(probation.id);
    expect(after).toMatchObject({
      status: "closed",
      outcome: { decision: "lapsed", decidedOn: "2026-05-04", missedTasks: ["probation.midConversation"] },
    });
    expect(await tasksOf(probation.id)).toEqual([
      ["probation.midConversation", "lapsed"],
      ["probation.finalAssessment", "lapsed"],
    ]);
    const outcomeMails = h.mails.filter((m) => m.tag === "probation:outcome");
    expect(outcomeMails.map((m) => m.to).sort()).toEqual(["hr@example.ee", "tiina.tamm@example.ee"]);
    // HR's mail links to the read-only record, a page a browser can open.
    expect(outcomeMails.find((m) => m.to === "hr@example.ee")?.text).toMatch(/\/r\/\S+/);
    // The outcome lives with the case, audited there as the system's (nobody decided).
    const audit = await h.deps.store.listAudit("case", probation.id);
    expect(audit.find((a) => a.action === "probation.lapsed")?.actor.id).toBe("system");
    // Another day of sweeps mails nobody again.
    await at("2026-05-06T08:00:00Z");
    expect(h.mails.filter((m) => m.tag === "probation:outcome")).toHaveLength(2);
  });

  it("ATS: the lead decides, the official never comments; the outcome is recorded as not acknowledged", async () => {
    const probation = await hire("Vaikne Ametnik", "ATS");
    expect(probation.data.endDate).toBe("2026-07-04");
    const finalOpens = "2026-06-15T06:00:00Z";
    await at(finalOpens);
    const final = (await h.deps.store.listTasks({ caseId: probation.id, status: "open" })).find(
      (t) => t.kind === "probation.finalAssessment",
    )!;
    expect(final).toBeDefined();
    const link = h.mails.filter((m) => m.tag === "task:probation.finalAssessment").at(-1)!;
    const token = /\/l\/(\S+)/.exec(link.text)![1]!;
    const view = await inspectLink(h.deps, token);
    if (view.state !== "open") throw new Error(view.state);
    await completeByLink(h.deps, token, { nonce: view.nonce, summary: "Sobib.", decision: "confirm" });
    await h.engine.whenIdle();
    const ack = (await h.deps.store.listTasks({ caseId: probation.id, status: "open" }))[0]!;
    expect(ack.kind).toBe("probation.summaryAcknowledgement");

    await at(new Date(Date.parse(ack.lapseAt!) + 60_000).toISOString());
    expect(await h.deps.store.getCase(probation.id)).toMatchObject({
      status: "closed",
      outcome: { decision: "confirm", summaryAcknowledgement: "not_acknowledged" },
    });
  });
});
