// A review cycle on the running local system, as HR and the people in it would use it: HR imports
// a specialist's job description, launches an annual cycle, the employee and the lead fill in
// their forms through the links in the outbox, the lead proposes the meeting (both get the
// calendar file), holds the conversation, the employee signs off, HR sees 100 %; launching again
// creates nothing; a cancelled cycle's links refuse politely.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
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
const dataDir = mkdtempSync(join(tmpdir(), "hr-e2e-cycle-"));
const { api, mails, signIn, waitFor, submitForm } = localClient(() => system);
const waitForMail = (what: string, predicate: (m: OutboxMail) => boolean) =>
  waitFor(what, async () => (await mails()).findLast(predicate));

/**
 * Answers a review form as a person would: the middle of every rating scale, a word in every
 * text box the form asks for, and the extra fields given.
 */
async function fillIn(path: string, extra: Record<string, string> = {}) {
  const page = await (await api(path)).text();
  const fields: Record<string, string> = {};
  for (const [, name, value] of page.matchAll(
    /<input[^>]*type="radio"[^>]*name="([^"]+)"[^>]*value="([^"]+)"/g,
  ))
    if (value === "3" || !(name! in fields)) fields[name!] = value!;
  const res = await submitForm(path, { ...fields, ...extra, nonce: nonceIn(page) });
  return { status: res.status, text: await res.text() };
}

let token: string;
let cycleId: string;
let today: string;

beforeAll(async () => {
  system = await startLocalProcess(dataDir);
  token = await signIn("helena-org");
  today = ((await (await api("/dev/clock")).json()) as { now: string }).now.slice(0, 10);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("an annual review cycle on the local system", () => {
  it("HR imports the specialists' job description and launches a cycle for them", async () => {
    const markdown = readFileSync(
      new URL("../fixtures/job-descriptions/spetsialist-ilma-toovahenditeta.md", import.meta.url),
      "utf8",
    );
    for (const position of ["tallinn-spetsialist-1", "tallinn-spetsialist-2"]) {
      const put = await api(`/api/positions/${position}/job-description`, {
        method: "PUT",
        token,
        headers: { "content-type": "text/markdown" },
        body: markdown,
      });
      expect(put.status, await put.clone().text()).toBe(200);
    }
    const deadline = new Date(Date.parse(`${today}T12:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10);
    const created = await api("/api/cycles", {
      method: "POST",
      token,
      body: JSON.stringify({
        type: "annual",
        title: { et: "Arenguvestlused", en: "Development conversations" },
        scope: { kind: "positions", positionIds: ["tallinn-spetsialist-1", "tallinn-spetsialist-2"] },
        opensOn: today,
        deadline,
      }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    cycleId = ((await created.json()) as { id: string }).id;
    const launched = await api(`/api/cycles/${cycleId}/launch`, { method: "POST", token });
    expect(launched.status, await launched.clone().text()).toBe(200);
  });

  it("the employee and the lead assess through their links; the lead proposes the meeting", async () => {
    const self = await waitForMail(
      "self-assessment",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "task:review.selfAssessment",
    );
    expect((await fillIn(linkIn(self), { trainingNeeds: "Haldusmenetlus" })).status).toBe(200);
    const leadMails = (await mails()).filter(
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:review.leadAssessment",
    );
    const lead = leadMails.find((m) => m.text.includes("Mari Maasikas"))!;
    const assessed = await fillIn(linkIn(lead), {
      goals_1_text: "Ooteaeg alla 5 minuti",
      goals_1_measure: "90% kõnedest",
      goals_1_due: `${Number(today.slice(0, 4)) + 1}-06-30`,
    });
    expect(assessed.status, assessed.text.slice(0, 500)).toBe(200);
    const meeting = await waitForMail(
      "meeting proposal",
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:review.meeting",
    );
    expect((await fillIn(linkIn(meeting), { date: today, time: "10:00", place: "Ruum 214" })).status).toBe(
      200,
    );
    const invite = await waitForMail(
      "meeting invitation",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "review:meeting",
    );
    const ics = await api(new URL(/https?:\/\/\S+\/ics\/\S+/.exec(invite.text)![0]).pathname);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toMatch(/DTSTART;TZID=Europe\/Tallinn:\d{8}T100000/);
  });

  it("the lead records the conversation, the employee signs off, and HR sees it completed", async () => {
    const conversation = await waitForMail(
      "conversation",
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:review.conversation",
    );
    expect((await fillIn(linkIn(conversation), { heldOn: today, summary: "Hea aasta." })).status).toBe(200);
    const signOff = await waitForMail(
      "sign-off",
      (m) => m.to === "mari.maasikas@example.ee" && m.tag === "task:review.signOff",
    );
    expect((await fillIn(linkIn(signOff), { response: "agreed" })).status).toBe(200);
    const status = await waitFor("the review completed", async () => {
      const s = (await (await api(`/api/cycles/${cycleId}/status`, { token })).json()) as {
        byStage: Record<string, number>;
      };
      return s.byStage.completed === 1 ? s : undefined;
    });
    expect(status.byStage).toMatchObject({ completed: 1 });
  });

  it("launching again creates nothing; cancelling refuses the open links politely", async () => {
    const again = await api(`/api/cycles/${cycleId}/launch`, { method: "POST", token });
    expect(((await again.json()) as { created: number }).created).toBe(2);
    const olga = (await mails()).find(
      (m) => m.to === "olga.ivanova@example.ee" && m.tag === "task:review.selfAssessment",
    )!;
    expect((await api(`/api/cycles/${cycleId}/cancel`, { method: "POST", token })).status).toBe(200);
    const page = await waitFor("the link refused", async () => {
      const res = await api(linkIn(olga));
      return res.status === 410 ? res : undefined;
    });
    expect(await page.text()).toMatch(/tühistatud|cancelled/i);
  });
});
