// Findings of the "no request can freeze, crash or half-write the system" review, each reproduced
// through the HTTP app on DynamoDB Local and the local engine: absurd dates, half-written hires,
// refused hires that left records behind, check-then-write races, 500s on bad input.
import { beforeAll, describe, expect, it } from "vitest";
import type { WorkflowEngine } from "../../functions/core/ports";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let engineDown = false;

beforeAll(async () => {
  h = await createHarness("robust", {
    start: "2026-11-25T08:00:00Z",
    // Lets a test stand in for a process that dies between the hire's write and its workflow start.
    wrapEngine: (engine): WorkflowEngine => ({
      start: (...args) => {
        if (engineDown) throw new Error("process killed");
        return engine.start(...args);
      },
      sendTaskSuccess: (...args) => engine.sendTaskSuccess(...args),
      sendTaskFailure: (...args) => engine.sendTaskFailure(...args),
      stop: (...args) => engine.stop(...args),
    }),
  });
});

const errorOf = async (res: Response) =>
  ((await res.json()) as { error: { code: string; field?: string; message: string } }).error;

let hireCount = 0;
const hireBody = (overrides: Record<string, unknown> = {}) => {
  hireCount++;
  return {
    name: `Uus Töötaja ${hireCount}`,
    email: `uus.${hireCount}.${Date.now()}@example.ee`,
    startDate: "2026-11-02",
    regime: "TLS",
    ...overrides,
  };
};
const hire = (body: Record<string, unknown>) =>
  h.call("/api/hires", { method: "POST", token: h.tokens.hr, body: JSON.stringify(body) });

/** Every item of the table: what "nothing was written" is checked against. */
async function tableSnapshot(): Promise<string[]> {
  const { ScanCommand } = await import("@aws-sdk/lib-dynamodb");
  const items: string[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await h.tables.documentClient.send(
      new ScanCommand({ TableName: h.tables.tableName, ExclusiveStartKey: start }),
    );
    for (const item of out.Items ?? []) items.push(JSON.stringify(item));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.sort();
}

describe("dates: bounded at the schema, plausible per field, computations that end", () => {
  it("an absence to 9999-12-31 (the 'unknown end' placeholder) answers at once and is open-ended", async () => {
    const created = await hire(hireBody());
    expect(created.status).toBe(201);
    const { employee } = (await created.json()) as { employee: { id: string } };
    const started = performance.now();
    const res = await h.call(`/api/employees/${employee.id}/absences`, {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "sick_leave", from: "2026-11-25", to: "9999-12-31" }),
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.status).toBe(201);
    const { absence } = (await res.json()) as { absence: { to?: string } };
    expect(absence.to).toBeUndefined();
    expect((await h.call("/health")).status).toBe(200);
    // Changing that person's absences afterwards must not freeze either.
    const again = await h.call(`/api/employees/${employee.id}/absences`, {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "annual_leave", from: "2026-10-01", to: "2026-10-05" }),
    });
    expect([201, 400]).toContain(again.status);
  });

  it("refuses dates outside 1900..2199 and implausible ones, saying why", async () => {
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ startDate: "0000-01-01" }, "startDate", /between 1900-01-01 and 2199-12-31/],
      [{ startDate: "9999-12-31" }, "startDate", /between 1900-01-01 and 2199-12-31/],
      [{ startDate: "2099-01-01" }, "startDate", /more than a year ahead/],
      [{ startDate: "1950-01-01" }, "startDate", /60 years/],
      [{ contractEndDate: "2040-01-01" }, "contractEndDate", /TLS § 9/],
      [{ startDate: "2026-02-30" }, "startDate", /YYYY-MM-DD/],
    ];
    for (const [overrides, field, message] of cases) {
      const res = await hire(hireBody(overrides));
      expect(res.status, JSON.stringify(overrides)).toBe(400);
      const error = await errorOf(res);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    const absence = await h.call("/api/employees/mari-maasikas/absences", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({ type: "parental_leave", from: "2026-12-01", to: "2199-12-31" }),
    });
    expect(absence.status).toBe(400);
    expect(await errorOf(absence)).toMatchObject({ field: "to", message: expect.stringMatching(/TLS § 62/) });
  });
});

describe("answers with absurd dates", () => {
  it("a conversation 'held' in 2099 or 37 years before the start is refused, in the page's language", async () => {
    const created = await hire(hireBody({ startDate: "2026-09-01", positionId: "tallinn-spetsialist-2" }));
    expect(created.status).toBe(201);
    const { probation } = (await created.json()) as { probation: { id: string } };
    await h.engine.whenIdle();
    const [timer] = await h.deps.store.listTimers({ caseId: probation.id, status: "waiting" });
    const saved = h.now();
    h.setNow(new Date(Date.parse(timer!.dueAt) + 60_000));
    try {
      await sweep(h.deps);
      await h.engine.whenIdle();
      const mail = h.mails.filter((m) => m.tag === "task:probation.midConversation").at(-1)!;
      const path = new URL(/(http\S+\/l\/\S+)/.exec(mail.text)![1]!).pathname;
      for (const heldOn of ["2099-01-01", "1989-09-01"]) {
        const page = await (await h.app.request(path)).text();
        const nonce = /name="nonce" value="([^"]+)"/.exec(page)![1]!;
        const res = await h.app.request(`${path}?lang=et`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ nonce, heldOn, summary: "Vestlus toimus." }).toString(),
        });
        expect(res.status, heldOn).toBe(422);
        expect(await res.text()).toContain("kuupäev peab jääma vahemikku 01.09.2026");
      }
    } finally {
      h.setNow(saved);
    }
  });
});

describe("hires: validated before anything is written, whole or absent", () => {
  it("a refused hire writes nothing, and the corrected retry succeeds", async () => {
    const body = hireBody({ agreedProbationMonths: 0 });
    const before = await tableSnapshot();
    const refused = await hire(body);
    expect(refused.status).toBe(400);
    expect((await errorOf(refused)).field).toBe("agreedProbationMonths");
    expect(await tableSnapshot()).toEqual(before);
    const corrected = await hire({ ...body, agreedProbationMonths: 3 });
    expect(corrected.status).toBe(201);
  });

  it("a hire whose workflow start died is started by the next sweep", async () => {
    const body = hireBody();
    engineDown = true;
    const crashed = await hire(body).finally(() => {
      engineDown = false;
    });
    expect(crashed.status).toBe(500);
    const employee = await h.deps.store.findEmployeeByEmail(body.email);
    const [probation] = await h.deps.store.listCases(employee!.id, "probation");
    expect(probation?.status).toBe("active");
    expect(probation?.executionId).toBeUndefined();
    // Younger than a minute: may still be mid-request, so the sweep leaves it.
    expect((await sweep(h.deps)).executionsStarted).toBe(0);
    h.setNow(new Date(h.now().getTime() + 2 * 60_000));
    expect((await sweep(h.deps)).executionsStarted).toBe(1);
    await h.engine.whenIdle();
    const view = (await (
      await h.call(`/api/probations/${probation!.id}`, { token: h.tokens.hr })
    ).json()) as {
      probation: { executionId?: string };
      timers: unknown[];
    };
    expect(view.probation.executionId).toBeTruthy();
    expect(view.timers).toHaveLength(1);
    expect((await sweep(h.deps)).executionsStarted).toBe(0);
  });
});

describe("positions", () => {
  it("a position with its holder refuses a second hire unless it has several holders", async () => {
    const taken = await hire(hireBody({ positionId: "tallinn-juht" }));
    expect(taken.status).toBe(409);
    expect(await errorOf(taken)).toMatchObject({
      field: "positionId",
      message: expect.stringContaining("Tiina Tamm"),
    });
    // The demo's specialist positions have several holders.
    expect((await hire(hireBody({ positionId: "tallinn-spetsialist-1" }))).status).toBe(201);
  });
});

describe("races: N identical requests at once, exactly one wins", () => {
  const N = 5;
  const together = <T>(make: (i: number) => Promise<T>) =>
    Promise.all(Array.from({ length: N }, (_, i) => make(i)));
  const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

  it("creating the same unit: one 201, the rest 409, one audit record", async () => {
    const id = `race-unit-${Date.now()}`;
    const responses = await together(() =>
      h.call("/api/units", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({ id, name: "Võistlus" }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    expect(await h.deps.store.listAudit("unit", id)).toHaveLength(1);
  });

  it("creating the same position: one 201, the rest 409", async () => {
    const id = `race-pos-${Date.now()}`;
    const responses = await together(() =>
      h.call("/api/positions", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({ id, title: "Spetsialist", unitId: "klienditeenindus" }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    expect(await h.deps.store.listAudit("position", id)).toHaveLength(1);
  });

  it("the same new employee id with different e-mails: one 201, the losers' addresses stay free", async () => {
    const id = `race-emp-${Date.now()}`;
    const email = (i: number) => `${id}.${i}@example.ee`;
    const responses = await together((i) =>
      h.call("/api/employees", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({
          id,
          name: "Võistleja",
          email: email(i),
          startDate: "2025-01-06",
          regime: "TLS",
        }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    const winner = await h.deps.store.getEmployee(id);
    for (let i = 0; i < N; i++) {
      const holder = await h.deps.store.findEmployeeByEmail(email(i));
      expect(holder?.id === id).toBe(email(i) === winner!.email);
    }
    expect(await h.deps.store.listAudit("employee", id)).toHaveLength(1);
  });

  it("the same absence: one 201, the rest 409 as overlaps, one record, one audit record", async () => {
    const responses = await together(() =>
      h.call("/api/employees/olga-ivanova/absences", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({ type: "annual_leave", from: "2027-01-04", to: "2027-01-08" }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    const stored = (await h.deps.store.listAbsences("olga-ivanova")).filter((a) => a.from === "2027-01-04");
    expect(stored).toHaveLength(1);
    expect(await h.deps.store.listAudit("absence", stored[0]!.id)).toHaveLength(1);
  });

  it("the same delegation: one 201, the rest 409 as overlaps, one record, one audit record", async () => {
    const responses = await together(() =>
      h.call("/api/delegations", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({
          fromEmployeeId: "tiina-tamm",
          toEmployeeId: "peeter-parn",
          from: "2027-02-01",
          to: "2027-02-05",
        }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    const stored = (await h.deps.store.listDelegations("tiina-tamm")).filter((d) => d.from === "2027-02-01");
    expect(stored).toHaveLength(1);
    const created = (await h.deps.store.listAudit("delegation", stored[0]!.id)).filter(
      (a) => a.action === "delegation.created",
    );
    expect(created).toHaveLength(1);
  });

  it("different absences of one person at once are all kept", async () => {
    const responses = await together((i) =>
      h.call("/api/employees/peeter-parn/absences", {
        method: "POST",
        token: h.tokens.hr,
        body: JSON.stringify({ type: "training", from: `2027-02-0${i + 1}`, to: `2027-02-0${i + 1}` }),
      }),
    );
    expect(statuses(responses)).toEqual([201, 201, 201, 201, 201]);
    expect(await h.deps.store.listAbsences("peeter-parn")).toHaveLength(N);
  });

  it("the same hire: one 201, the repeats answer the same hire with 200; one employee, one probation", async () => {
    const body = hireBody();
    const responses = await together(() => hire(body));
    expect(statuses(responses)).toEqual([200, 200, 200, 200, 201]);
    const ids = new Set(
      await Promise.all(
        responses.map(async (r) => ((await r.json()) as { probation: { id: string } }).probation.id),
      ),
    );
    expect(ids.size).toBe(1);
    const employee = await h.deps.store.findEmployeeByEmail(body.email);
    expect(await h.deps.store.listCases(employee!.id, "probation")).toHaveLength(1);
  });

  it("the same hire id with different e-mails: one 201, the rest 409, nothing reserved", async () => {
    const id = `race-hire-${Date.now()}`;
    const responses = await together((i) => hire(hireBody({ id, email: `${id}.${i}@example.ee` })));
    expect(statuses(responses)).toEqual([201, 409, 409, 409, 409]);
    const winner = await h.deps.store.getEmployee(id);
    for (let i = 0; i < N; i++) {
      const holder = await h.deps.store.findEmployeeByEmail(`${id}.${i}@example.ee`);
      expect(Boolean(holder)).toBe(winner!.email === `${id}.${i}@example.ee`);
    }
    expect(await h.deps.store.listCases(id, "probation")).toHaveLength(1);
  });
});
