// The whole local system over HTTP: hire, move the virtual clock, click the mailed link,
// restart in the middle, decide, and find the outcome stored.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  linkIn,
  localClient,
  nonceIn,
  type OutboxMail,
  type RunningSystem,
  startLocalProcess,
} from "../support/local-process";

let system: RunningSystem;
const dataDir = mkdtempSync(join(tmpdir(), "hr-e2e-"));

const { api, mails, signIn, advanceDays: advance, waitFor, submitForm: submit } = localClient(() => system);
const hrToken = () => signIn("helena-org");
const waitForMail = (predicate: (m: OutboxMail) => boolean, what: string) =>
  waitFor(what, async () => (await mails()).find(predicate));

beforeAll(async () => {
  system = await startLocalProcess(dataDir);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("probation end to end on the local system", () => {
  let token: string;
  let caseId: string;
  let heldOn: string;

  it("registers a hire and starts its probation", async () => {
    token = await hrToken();
    const clock = (await (await api("/dev/clock")).json()) as { now: string };
    const res = await api("/api/hires", {
      method: "POST",
      token,
      body: JSON.stringify({
        name: "Liis Lepik",
        email: "liis.lepik@example.ee",
        locale: "et",
        positionId: "tallinn-spetsialist-3",
        startDate: clock.now.slice(0, 10),
        regime: "TLS",
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const body = (await res.json()) as { probation: { id: string; status: string; endDate: string } };
    caseId = body.probation.id;
    expect(body.probation.status).toBe("active");
  });

  it("refuses a hire with a bad field, naming it", async () => {
    const res = await api("/api/hires", {
      method: "POST",
      token,
      body: JSON.stringify({ name: "X", email: "not-an-email", startDate: "2026-01-01", regime: "TLS" }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("email");
  });

  it("mails the lead the mid-probation conversation when the clock reaches it", async () => {
    await advance(60);
    // The conversation was held today (virtual): not before the start, not in the future.
    heldOn = ((await (await api("/dev/clock")).json()) as { now: string }).now.slice(0, 10);
    const mail = await waitForMail((m) => m.tag === "task:probation.midConversation", "mid conversation");
    expect(mail.to).toBe("tiina.tamm@example.ee");
    const path = linkIn(mail);

    // GET and HEAD render and change nothing, however often a scanner opens them.
    for (let i = 0; i < 3; i++) expect((await api(path)).status).toBe(200);
    expect((await api(path, { method: "HEAD" })).status).toBe(200);
    const page = await (await api(path)).text();
    expect(page).toContain("Katseaja vahevestlus");
    const view = (await (await api(`/api/probations/${caseId}`, { token })).json()) as {
      tasks: Array<{ kind: string; status: string }>;
    };
    expect(view.tasks.find((t) => t.kind === "probation.midConversation")?.status).toBe("open");

    // A POST without the rendered nonce (a scanner, a forged form) completes nothing.
    expect((await submit(path, { heldOn, summary: "x" })).status).toBe(403);
    // Missing required answer: the form comes back naming the field.
    const missing = await submit(path, { nonce: nonceIn(page), heldOn });
    expect(missing.status).toBe(422);
    expect(await missing.text()).toContain("Kokkuvõte: kohustuslik väli");

    const [first, second] = await Promise.all([
      submit(path, { nonce: nonceIn(page), heldOn, summary: "Hea algus." }),
      submit(path, { nonce: nonceIn(page), heldOn, summary: "Teine katse." }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    expect(await loser.text()).toContain("Tiina Tamm");
    expect((await api(path)).status).toBe(409);
  });

  it("keeps everything across a restart while the workflow waits", async () => {
    await system.stop();
    system = await startLocalProcess(dataDir);
    token = await hrToken();
    const view = (await (await api(`/api/probations/${caseId}`, { token })).json()) as {
      probation: { status: string };
      timers: Array<{ purpose: string; status: string }>;
    };
    expect(view.probation.status).toBe("active");
    await expect
      .poll(
        async () => {
          const v = (await (await api(`/api/probations/${caseId}`, { token })).json()) as typeof view;
          return v.timers.find((t) => t.purpose === "finalAssessmentOpens")?.status;
        },
        { timeout: 20_000 },
      )
      .toBe("waiting");
  });

  it("takes the final decision through the link and stores the outcome", async () => {
    await advance(40);
    const mail = await waitForMail((m) => m.tag === "task:probation.finalAssessment", "final assessment");
    const path = linkIn(mail);
    const page = await (await api(path)).text();
    const ending = await submit(path, { nonce: nonceIn(page), summary: "Sobib.", decision: "end" });
    expect(ending.status).toBe(422); // ending needs reasons (TLS § 96)
    const done = await submit(path, {
      nonce: nonceIn(page),
      summary: "Sobib meeskonda.",
      decision: "confirm",
    });
    expect(done.status).toBe(200);
    await waitForMail((m) => m.tag === "probation:outcome", "HR outcome");
    const view = (await (await api(`/api/probations/${caseId}`, { token })).json()) as {
      probation: { status: string; outcome: { decision: string }; subjectId: string };
    };
    expect(view.probation).toMatchObject({ status: "closed", outcome: { decision: "confirm" } });
    // The outcome lives with the case: the employee's probations say it.
    const probations = (await (
      await api(`/api/employees/${view.probation.subjectId}/probations`, { token })
    ).json()) as Array<{ id: string; outcome?: { decision: string } }>;
    expect(probations.map((p) => [p.id, p.outcome?.decision])).toEqual([[caseId, "confirm"]]);
    const audit = (await (await api(`/api/audit/case/${caseId}`, { token })).json()) as Array<{
      action: string;
    }>;
    expect(audit.map((a) => a.action)).toContain("probation.confirmed");
  });
});
