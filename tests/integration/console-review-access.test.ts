// Every read of a review's content lands in the access log (issue 9, Privacy): the lead opening
// the review's page in the console, HR reading the review's case through the API, and the lead's
// meeting task showing both assessments beside its form. A colleague who is refused leaves no
// record; HR's access-log page lists the reads of Mari's review, who read it and how.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { addDays, tallinnDate } from "../../functions/core/calendar";
import type { JobDescription } from "../../functions/core/model";
import { createCycle, launchCycle, reviewIdOf } from "../../functions/core/usecases/cycles";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createDevAuth } from "../../functions/local/dev-auth";
import { createHarness, type Harness } from "../support/api-harness";

const base = "http://hr.test";
let h: Harness;
let app: ReturnType<typeof createApp>;
let reviewId: string;

const jd: JobDescription = {
  positionTitle: "Klienditeeninduse spetsialist",
  unitName: "Tallinna klienditeenindus",
  duties: [{ code: "3.1", text: "Klientide nõustamine", details: [], expectedResults: ["Vastus 2 päevaga"] }],
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [{ name: "Koostöö", kind: "core", behaviours: ["Jagab infot"] }],
};

const settle = async () => {
  for (let i = 0; i < 3; i++) {
    await sweep(h.deps);
    await h.engine.whenIdle();
  }
};

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(employeeId: string): Promise<Session> {
  const res = await app.request(`${base}/console/dev-sign-in`, {
    method: "POST",
    headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ employeeId }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .find((c) => c.startsWith("hr_session="))!
    .split(";")[0]!;
  const page = await (await app.request(`${base}/console/tasks?lang=et`, { headers: { cookie } })).text();
  return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
}
const get = (s: Session, path: string) => app.request(`${base}${path}`, { headers: { cookie: s.cookie } });
const post = (s: Session, path: string, fields: Record<string, string>) =>
  app.request(`${base}${path}`, {
    method: "POST",
    headers: { cookie: s.cookie, origin: base, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });

const reads = async () =>
  (await h.deps.store.listAccess(h.now().toISOString().slice(0, 7))).filter((r) => r.entityId === reviewId);

beforeAll(async () => {
  h = await createHarness("console-review-access", { start: "2026-11-25T08:00:00Z" });
  const devAuth = await createDevAuth();
  app = createApp(
    { ...h.deps, auth: devAuth.verifier(h.tables.store) },
    {
      console: {
        devSignIn: async (employeeId) => {
          const person = await h.deps.store.getEmployee(employeeId);
          return person && devAuth.issueToken({ employeeId, email: person.email, roles: person.roles });
        },
      },
    },
  );
  await h.deps.store.putJobDescription("tallinn-spetsialist-1", jd);
  const today = tallinnDate(h.now());
  const hr = { id: "helena-org", name: "Helena Org" };
  const cycle = await createCycle(h.deps, hr, {
    type: "annual",
    title: { et: "Arenguvestlused", en: "Development conversations" },
    opensOn: today,
    deadline: addDays(today, 30),
    scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1"] },
  });
  await launchCycle(h.deps, hr, cycle.id);
  await settle();
  reviewId = reviewIdOf(cycle.id, "mari-maasikas");
});

describe("reads of a review in the access log", () => {
  it("the review's page, the API's case read and the answers beside a task are each recorded", async () => {
    const [hr, mari, tiina, olga] = await Promise.all(
      ["helena-org", "mari-maasikas", "tiina-tamm", "olga-ivanova"].map(signIn),
    );
    expect(await reads()).toEqual([]);
    // A colleague is refused and leaves no trace.
    expect((await get(olga!, `/console/reviews/${reviewId}`)).status).toBe(403);
    expect(await reads()).toEqual([]);

    expect((await get(tiina!, `/console/reviews/${reviewId}`)).status).toBe(200);
    expect((await reads()).map((r) => [r.reader.id, r.subjectId, r.action])).toEqual([
      ["tiina-tamm", "mari-maasikas", "review.read.page"],
    ]);

    expect((await h.call(`/api/cases/${reviewId}`, { token: h.tokens.hr })).status).toBe(200);
    expect((await reads()).at(-1)?.action).toBe("review.read.api");

    // Both assessments in: the lead's meeting task shows them beside its form.
    const taskOf = async (assigneeId: string, kind: string) =>
      (await h.deps.store.listTasks({ caseId: reviewId })).find(
        (t) => t.assigneeId === assigneeId && t.kind === kind && t.status === "open",
      )!.id;
    expect(
      (
        await post(mari!, `/console/tasks/${await taskOf("mari-maasikas", "review.selfAssessment")}`, {
          duty_1: "4",
          competency_1: "4",
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await post(tiina!, `/console/tasks/${await taskOf("tiina-tamm", "review.leadAssessment")}`, {
          duty_1: "4",
          competency_1: "5",
          goals_1_text: "Vastused kiiremaks",
          goals_1_measure: "90% 2 tööpäevaga",
          goals_1_due: "2027-06-30",
        })
      ).status,
    ).toBe(303);
    await settle();
    const before = (await reads()).length;
    const meeting = await get(
      tiina!,
      `/console/tasks/${await taskOf("tiina-tamm", "review.meeting")}?lang=et`,
    );
    expect(await meeting.text()).toContain("töötaja: 4");
    const after = await reads();
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ reader: { id: "tiina-tamm" }, action: "review.read.task" });
    // Nothing of the content is in the log or the audit trail.
    expect(JSON.stringify(after)).not.toMatch(/Vastused kiiremaks|duty_1|"4"/);

    // The same answers on the email link's page: recorded too (a HEAD, as a mail scanner sends, is not).
    const mail = h.mails.findLast((m) => m.to === "tiina.tamm@example.ee" && /\/l\//.test(m.text));
    const link = new URL(/https?:\/\/\S+\/l\/\S+/.exec(mail!.text)![0]).pathname;
    expect((await app.request(`${base}${link}`, { method: "HEAD" })).status).toBe(200);
    expect(await reads()).toHaveLength(before + 1);
    expect(await (await app.request(`${base}${link}`)).text()).toContain("4");
    expect(await reads()).toHaveLength(before + 2);
    expect((await reads()).at(-1)).toMatchObject({
      reader: { id: "tiina-tamm" },
      action: "review.read.task",
    });

    const page = await (await get(hr!, "/console/access-log?lang=et&subjectId=mari-maasikas")).text();
    expect(page).toContain("avas lehe");
    expect(page).toContain("luges API kaudu");
    expect(page).toContain("nägi vastuseid ülesande juures");
    expect(page).not.toContain("Vastused kiiremaks");
  });
});
