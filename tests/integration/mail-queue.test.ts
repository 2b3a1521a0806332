// Mail is a retried side effect: a mail server that is down fails no request, no step and no
// workflow; the mail arrives once the server is back, and is given up (with an alarm) only after
// its retries.
import { beforeAll, describe, expect, it } from "vitest";
import type { OutgoingMail } from "../../functions/core/ports";
import { MAX_MAIL_ATTEMPTS } from "../../functions/core/usecases/mail-queue";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHarness, type Harness } from "../support/api-harness";

/** An SMTP server that refuses while `down` and records what it accepts. */
const server = {
  down: true,
  refused: 0,
  delivered: [] as OutgoingMail[],
  async send(mail: OutgoingMail) {
    if (this.down) {
      this.refused++;
      const error = new Error("connect ECONNREFUSED");
      error.name = "ConnectionRefused";
      throw error;
    }
    this.delivered.push(mail);
  },
};

let h: Harness;
beforeAll(async () => {
  h = await createHarness("mailq", { start: "2026-11-25T08:00:00Z", transport: server });
});

const advance = async (ms: number) => {
  h.setNow(new Date(h.now().getTime() + ms));
  const report = await sweep(h.deps);
  await h.engine.whenIdle();
  return report;
};

describe("mail queue", () => {
  it("a hire and its workflow succeed while the mail server is down; the mails arrive once it is back", async () => {
    const res = await h.call("/api/hires", {
      method: "POST",
      token: h.tokens.hr,
      body: JSON.stringify({
        name: "Posti Ootaja",
        email: "posti.ootaja@example.ee",
        positionId: "tallinn-spetsialist-3",
        startDate: "2026-11-23",
        regime: "TLS",
      }),
    });
    expect(res.status).toBe(201);
    const { probation } = (await res.json()) as { probation: { id: string } };
    await h.engine.whenIdle();
    // To the mid-probation conversation: the step mails the lead, the server refuses.
    const view = async () =>
      (await (await h.call(`/api/probations/${probation.id}`, { token: h.tokens.hr })).json()) as {
        probation: { status: string };
        timers: Array<{ dueAt: string; status: string }>;
        tasks: Array<{ kind: string; status: string }>;
      };
    const due = (await view()).timers[0]!.dueAt;
    h.setNow(new Date(Date.parse(due) + 60_000));
    await sweep(h.deps);
    await h.engine.whenIdle();
    const refusedBefore = server.refused;
    expect(refusedBefore).toBeGreaterThan(0);
    const during = await view();
    expect(during.probation.status).toBe("active");
    expect(during.tasks.map((t) => [t.kind, t.status])).toEqual([["probation.midConversation", "open"]]);
    expect(server.delivered).toEqual([]);

    // Three more refusals, then the server is back.
    for (let i = 0; i < 3; i++) await advance(60 * 60_000);
    server.down = false;
    const report = await advance(6 * 60 * 60_000);
    expect(report.mailsSent).toBeGreaterThan(0);
    expect(server.delivered.filter((m) => m.tag === "task:probation.midConversation")).toHaveLength(1);
    // Nothing is sent twice afterwards.
    const count = server.delivered.length;
    await advance(24 * 60 * 60_000);
    expect(server.delivered.length).toBe(count);
  });

  it("gives a mail up after its retries, counted for the alarm", async () => {
    server.down = true;
    await h.deps.mailer.send({
      to: "kaotatud@example.ee",
      subject: "s",
      text: "t",
      html: "<p>t</p>",
      tag: "test",
    });
    let givenUp = 0;
    for (let i = 0; i < MAX_MAIL_ATTEMPTS + 2; i++) givenUp += (await advance(7 * 60 * 60_000)).mailsGivenUp;
    expect(givenUp).toBe(1);
    server.down = false;
    await advance(7 * 60 * 60_000);
    expect(server.delivered.some((m) => m.to === "kaotatud@example.ee")).toBe(false);
  });
});
