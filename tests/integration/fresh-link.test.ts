// A fresh link on request: from an expired link's page, or by HR for a lost one; mailed to the
// holder's address on file, at most once an hour; the older link stops working.
import { beforeAll, describe, expect, it } from "vitest";
import { sweep } from "../../functions/core/usecases/scheduler";
import { inspectLink, reissueFromExpiredLink } from "../../functions/core/usecases/tasks";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
let taskId: string;
let firstToken: string;

const tokenIn = (text: string) => /\/l\/(\S+)/.exec(text)![1]!;

beforeAll(async () => {
  h = await createHarness("freshlink", { start: "2026-01-05T07:00:00Z" });
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name: "Uus Link",
      email: "uus.link@example.ee",
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-01-05",
      regime: "TLS",
    }),
  });
  expect(res.status).toBe(201);
  await h.engine.whenIdle();
  h.setNow("2026-03-01T08:00:00Z");
  await sweep(h.deps);
  await h.engine.whenIdle();
  const mail = h.mails.find((m) => m.tag === "task:probation.midConversation")!;
  firstToken = tokenIn(mail.text);
  const view = await inspectLink(h.deps, firstToken);
  if (view.state !== "open") throw new Error(view.state);
  taskId = view.task.id;
});

describe("a fresh link on request", () => {
  it("an expired link's holder gets a new link by mail, once an hour at most", async () => {
    h.setNow("2026-04-20T08:00:00Z"); // past the link's expiry (due date + 14 days)
    expect((await inspectLink(h.deps, firstToken)).state).toBe("expired");
    const before = h.mails.length;
    expect(await reissueFromExpiredLink(h.deps, firstToken)).toMatchObject({ sent: true });
    const fresh = h.mails.slice(before);
    expect(fresh.map((m) => m.to)).toEqual(["tiina.tamm@example.ee"]);
    const newToken = tokenIn(fresh[0]!.text);
    expect((await inspectLink(h.deps, newToken)).state).toBe("open");
    // Asked again within the hour: nothing more is mailed.
    expect(await reissueFromExpiredLink(h.deps, firstToken)).toMatchObject({ sent: false });
    expect(h.mails.length).toBe(before + 1);
  });

  it("HR reissues a lost link through the API; others may not", async () => {
    h.setNow("2026-04-20T10:00:00Z");
    const byLead = await h.call(`/api/tasks/${taskId}/reissue-link`, {
      method: "POST",
      token: h.tokens.lead,
    });
    expect(byLead.status).toBe(403);
    const byHr = await h.call(`/api/tasks/${taskId}/reissue-link`, { method: "POST", token: h.tokens.hr });
    expect(byHr.status).toBe(200);
    expect(((await byHr.json()) as { sent: boolean }).sent).toBe(true);
    expect(await h.deps.store.listAudit("task", taskId)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: "task.linkReissued",
          actor: expect.objectContaining({ id: "helena-org" }),
        }),
      ]),
    );
  });

  it("the expired page's button mails a fresh link (et page), and asks to wait within the hour", async () => {
    h.setNow("2026-06-20T08:00:00Z"); // the HR-issued link has expired too
    const [token] = [...h.mails]
      .reverse()
      .filter((m) => m.tag === "task:probation.midConversation")
      .map((m) => tokenIn(m.text));
    const page = await h.app.request(`/l/${token}`);
    expect(page.status).toBe(410);
    const html = await page.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    expect(action).toBe(`/l/${token}/renew?lang=et`);
    const before = h.mails.length;
    const renewed = await h.app.request(action!, { method: "POST" });
    expect(renewed.status).toBe(200);
    expect(await renewed.text()).toContain("Uus link on teel");
    expect(h.mails.length).toBe(before + 1);
    const again = await h.app.request(action!, { method: "POST" });
    expect(await again.text()).toContain("Uus link on juba saadetud");
    expect(h.mails.length).toBe(before + 1);
  });
});
