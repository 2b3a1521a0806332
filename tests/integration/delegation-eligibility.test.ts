// Who may receive a lead's delegated tasks, through the API on DynamoDB Local. The review found a
// lead delegating to an ordinary peer of the hire, who then saw the colleague's probation task.
// Eligible: the lead role, a substitute position (1.4) of the delegator's position, or anyone HR
// approves by creating the delegation itself (audited). Never oneself, nobody, or the subject.

import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { addDays } from "../../functions/core/calendar";
import type { Deps } from "../../functions/core/deps";
import type { OutgoingMail } from "../../functions/core/ports";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import { demoPositions, seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import { activeProbation, idleEngine, silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let app: ReturnType<typeof createApp>;
let deps: Deps;
const tokens: Record<string, string> = {};
const mails: OutgoingMail[] = [];
let taskId: string;

beforeAll(async () => {
  const { store } = await createTestTable("deleg");
  deps = {
    store,
    clock: { now: () => new Date("2026-06-01T08:00:00Z") },
    engine: idleEngine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  await seedDemoOrganisation(store);
  // A deputy position listed as the Tallinn lead's substitute (1.4), held by an ordinary employee.
  await store.putPosition({
    id: "tallinn-asetaitja",
    title: "Juhi asetäitja",
    unitId: "klienditeenindus",
    managerPositionId: "tallinn-juht",
    substitutePositionIds: [],
  });
  const tallinnJuht = demoPositions.find((p) => p.id === "tallinn-juht")!;
  await store.putPosition({ ...tallinnJuht, substitutePositionIds: ["tallinn-asetaitja", "piirkond-juht"] });
  await store.putEmployee({
    id: "ain-asetaja",
    name: "Ain Asetäitja",
    email: "ain@example.ee",
    locale: "et",
    positionId: "tallinn-asetaitja",
    startDate: "2020-01-01",
    regime: "ATS",
    probationExtensionWaived: false,
    roles: ["employee"],
  });
  // Olga is in probation under Tiina, with an open task; Mari is her ordinary peer.
  await store.createCase(
    activeProbation("prob-olga", "olga-ivanova", { startDate: "2026-04-01", endDate: "2026-07-31" }),
  );
  ({ taskId } = await createHumanTask(deps, {
    taskToken: "deleg-token",
    executionId: "exec-deleg-token",
    state: "MidProbationConversation",
    caseId: "prob-olga",
    kind: "probation.midConversation",
  }));
  const auth = await createDevAuth();
  app = createApp({ ...deps, auth: auth.verifier(store) });
  for (const [id, roles] of [
    ["helena-org", ["hr"]],
    ["tiina-tamm", ["lead"]],
    ["mari-maasikas", ["employee"]],
  ] as const) {
    tokens[id] = await auth.issueToken({ employeeId: id, email: `${id}@example.ee`, roles: [...roles] });
  }
});

// A week of its own for each delegation: one person's delegations for the same tasks may not overlap.
let week = 0;
const delegate = (by: string, toEmployeeId: string, fromEmployeeId = "tiina-tamm") => {
  const from = addDays("2026-06-01", 7 * week++);
  return app.request("/api/delegations", {
    method: "POST",
    headers: { authorization: `Bearer ${tokens[by]}`, "content-type": "application/json" },
    body: JSON.stringify({ fromEmployeeId, toEmployeeId, from, to: addDays(from, 4) }),
  });
};
const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;
const delegationsOfTiina = () => deps.store.listDelegations("tiina-tamm");

describe("delegation targets", () => {
  it("refuses a lead's delegation to an ordinary peer of the hire, naming the field and why", async () => {
    const res = await delegate("tiina-tamm", "mari-maasikas");
    expect(res.status).toBe(403);
    const error = await errorOf(res);
    expect(error).toMatchObject({ code: "forbidden", field: "toEmployeeId" });
    expect(error.message).toMatch(/lead role/);
    expect(error.message).toMatch(/substitute position \(1\.4\)/);
    expect(error.message).toMatch(/HR/);
    expect(await delegationsOfTiina()).toEqual([]);
    // So the peer never gets the colleague's probation task when Tiina is away.
    await deps.store.putAbsence({
      id: "abs-tiina",
      employeeId: "tiina-tamm",
      type: "annual_leave",
      from: "2026-06-01",
      to: "2026-06-10",
    });
    const { reconcileAssignments } = await import("../../functions/core/usecases/delegation");
    await reconcileAssignments(deps);
    expect((await deps.store.getTask(taskId))?.assigneeId).not.toBe("mari-maasikas");
    const asMari = await app.request(`/api/tasks/${taskId}`, {
      headers: { authorization: `Bearer ${tokens["mari-maasikas"]}` },
    });
    expect(asMari.status).toBe(404);
    await deps.store.deleteAbsence({
      id: "abs-tiina",
      employeeId: "tiina-tamm",
      type: "annual_leave",
      from: "2026-06-01",
      to: "2026-06-10",
    });
    await reconcileAssignments(deps);
  });

  it("accepts someone with the lead role, and a holder of a substitute position (1.4)", async () => {
    expect((await delegate("tiina-tamm", "kadri-kask")).status).toBe(201); // lead role
    expect((await delegate("tiina-tamm", "ain-asetaja")).status).toBe(201); // 1.4, no lead role
    expect((await delegationsOfTiina()).map((d) => d.toEmployeeId).sort()).toEqual([
      "ain-asetaja",
      "kadri-kask",
    ]);
  });

  it("accepts anyone HR approves by creating the delegation, and audits the approval", async () => {
    const res = await delegate("helena-org", "mari-maasikas");
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const trail = await deps.store.listAudit("delegation", id);
    expect(trail.map((a) => a.action)).toEqual(["delegation.created", "delegation.approvedByHr"]);
    expect(trail[1]).toMatchObject({ actor: { id: "helena-org" }, onBehalfOf: { id: "tiina-tamm" } });
    // An eligible delegate created by HR needs no approval record.
    const eligible = (await (await delegate("helena-org", "peeter-parn")).json()) as { id: string };
    expect((await deps.store.listAudit("delegation", eligible.id)).map((a) => a.action)).toEqual([
      "delegation.created",
    ]);
  });

  it("refuses oneself, nobody, and the subject of the tasks handed over, even from HR", async () => {
    const self = await delegate("tiina-tamm", "tiina-tamm");
    expect(self.status).toBe(400);
    expect((await errorOf(self)).field).toBe("toEmployeeId");
    const nobody = await delegate("tiina-tamm", "no-such-person");
    expect(nobody.status).toBe(400);
    expect((await errorOf(nobody)).field).toBe("toEmployeeId");
    const subject = await delegate("helena-org", "olga-ivanova");
    expect(subject.status).toBe(400);
    const error = await errorOf(subject);
    expect(error.field).toBe("toEmployeeId");
    expect(error.message).toMatch(/subject of probation tasks/);
    expect((await delegationsOfTiina()).some((d) => d.toEmployeeId === "olga-ivanova")).toBe(false);
  });
});
