// Probation decisions through the real use cases, engine and store: the ATS summary the official
// comments on (ATS § 24(7)), ending a TLS contract with notice (TLS § 96), and the sign-in setting.
import { beforeAll, describe, expect, it } from "vitest";
import { DynamoExecutionJournal } from "../../functions/adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import type { Deps } from "../../functions/core/deps";
import type { HumanTask } from "../../functions/core/model";
import type { OutgoingMail } from "../../functions/core/ports";
import { registerHire } from "../../functions/core/usecases/probation";
import { sweep } from "../../functions/core/usecases/scheduler";
import { completeAsUser, completeByLink, inspectLink } from "../../functions/core/usecases/tasks";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { invokeStep } from "../../functions/steps/index";
import { silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let deps: Deps;
let engine: LocalWorkflowEngine;
const mails: OutgoingMail[] = [];
let now = new Date("2026-02-02T08:00:00Z");
const hr = { id: "helena-org" };

beforeAll(async () => {
  const { store, documentClient, tableName } = await createTestTable("rules");
  const clock = { now: () => now };
  engine = new LocalWorkflowEngine({
    journal: new DynamoExecutionJournal(documentClient, tableName),
    clock,
    invokeStep: (step, payload) => invokeStep(deps, step, payload),
  });
  deps = {
    store,
    clock,
    engine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
});

/** Moves the clock, lets the scheduler and engine catch up, and returns the newest link mailed for `tag`. */
async function advanceTo(iso: string, tag: string, to: string): Promise<string> {
  now = new Date(iso);
  await sweep(deps);
  await engine.whenIdle();
  const mail = mails.filter((m) => m.tag === tag && m.to === to).at(-1);
  if (!mail) throw new Error(`no ${tag} mail to ${to}`);
  return /\/l\/(\S+)/.exec(mail.text)![1]!;
}

async function submit(token: string, answers: Record<string, string>) {
  const view = await inspectLink(deps, token);
  if (view.state !== "open") throw new Error(`link is ${view.state}`);
  const result = await completeByLink(deps, token, { ...answers, nonce: view.nonce });
  await engine.whenIdle();
  return result;
}

describe("an official's probation (ATS)", () => {
  let caseId: string;

  it("shows the official the written summary and records the outcome after their comment", async () => {
    const { probation } = await registerHire(deps, hr, {
      name: "Ants Ametnik",
      email: "ants.ametnik@example.ee",
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-02-02",
      regime: "ATS",
    });
    caseId = probation.id;
    expect(probation.data.endDate).toBe("2026-08-01"); // ATS § 24(1): six months
    await engine.whenIdle();

    const mid = await advanceTo(
      "2026-04-30T08:00:00Z",
      "task:probation.midConversation",
      "tiina.tamm@example.ee",
    );
    await submit(mid, { heldOn: "2026-04-29", summary: "Õpib kiiresti." });
    const final = await advanceTo(
      "2026-07-20T08:00:00Z",
      "task:probation.finalAssessment",
      "tiina.tamm@example.ee",
    );
    await submit(final, {
      summary: "Ei täitnud eesmärke.",
      decision: "end",
      reasons: "Menetlustähtajad ületatud.",
    });

    const ack = await advanceTo(
      "2026-07-20T09:00:00Z",
      "task:probation.summaryAcknowledgement",
      "ants.ametnik@example.ee",
    );
    const view = await inspectLink(deps, ack);
    expect(view.state === "open" && view.context.map((c) => c.value.et)).toEqual(
      expect.arrayContaining(["Ei täitnud eesmärke.", "Menetlustähtajad ületatud."]),
    );
    await expect(submit(ack, { response: "commented" })).rejects.toMatchObject({ field: "comment" });
    await submit(ack, { response: "commented", comment: "Tähtajad olid ebarealistlikud." });

    const stored = await deps.store.getCase(caseId);
    expect(stored).toMatchObject({ status: "closed", outcome: { decision: "end", decidedOn: "2026-07-20" } });
    expect(stored?.outcome?.contractEndsOn).toBeUndefined(); // release date of an official is HR's act
    expect(mails.some((m) => m.tag === "probation:outcome")).toBe(true);
  });
});

describe("ending a TLS contract in probation", () => {
  let finalTask: HumanTask;

  it("records 15 days' notice (TLS § 96)", async () => {
    now = new Date("2026-09-01T08:00:00Z");
    const { probation, employee } = await registerHire(deps, hr, {
      name: "Tõnu Töötaja",
      email: "tonu@example.ee",
      positionId: "tallinn-spetsialist-2",
      startDate: "2026-09-01",
      regime: "TLS",
    });
    await engine.whenIdle();
    expect(probation.data.endDate).toBe("2026-12-31");
    // Olga holds specialist-2 already: a position may have several holders (shared positions).
    const mid = await advanceTo(
      "2026-11-01T08:00:00Z",
      "task:probation.midConversation",
      "tiina.tamm@example.ee",
    );
    await submit(mid, { heldOn: "2026-10-30", summary: "Hea." });
    await advanceTo("2026-12-15T08:00:00Z", "task:probation.finalAssessment", "tiina.tamm@example.ee");
    finalTask = (await deps.store.listTasks({ caseId: probation.id, status: "open" }))[0]!;

    deps.config.requireSignInForContractEnd = true;
    const final = /\/l\/(\S+)/.exec(
      mails.filter((m) => m.tag === "task:probation.finalAssessment").at(-1)!.text,
    )![1]!;
    await expect(submit(final, { summary: "s", decision: "end", reasons: "r" })).rejects.toMatchObject({
      code: "forbidden",
    });
    await completeAsUser(deps, { employeeId: "tiina-tamm", roles: ["lead"] }, finalTask.id, {
      summary: "Ei sobi.",
      decision: "end",
      reasons: "Klienditeeninduse kvaliteet.",
    });
    deps.config.requireSignInForContractEnd = false;
    await engine.whenIdle();
    const [stored] = await deps.store.listCases(employee.id, "probation");
    expect(stored).toMatchObject({
      outcome: { decision: "end", decidedOn: "2026-12-15", contractEndsOn: "2026-12-30" },
    });
  });

  it("refuses ending after the last day of probation", async () => {
    now = new Date("2027-01-01T08:00:00Z");
    const { probation } = await registerHire(deps, hr, {
      name: "Hilja Hilinenud",
      email: "hilja@example.ee",
      positionId: "tallinn-spetsialist-1",
      startDate: "2026-09-01",
      regime: "TLS",
    });
    await engine.whenIdle();
    const task: HumanTask = { ...finalTask, id: "task_manual", caseId: probation.id, version: 1 };
    await deps.store.createTask(
      { ...task, callback: { ...task.callback, tokenHash: "manual" } },
      "manual-token",
    );
    await expect(
      completeAsUser(deps, { employeeId: "tiina-tamm", roles: ["lead"] }, "task_manual", {
        summary: "s",
        decision: "end",
        reasons: "r",
      }),
    ).rejects.toMatchObject({ field: "decision", message: expect.stringContaining("TLS § 96") });
  });
});
