// The mails a change causes are written with the change, in one transaction: a process that dies
// right after the write (before any delivery attempt) loses no mail; the sweep sends it.
import { beforeAll, expect, it } from "vitest";
import type { Deps } from "../../functions/core/deps";
import type { OutgoingMail } from "../../functions/core/ports";
import { recordAbsence } from "../../functions/core/usecases/absences";
import { sweep } from "../../functions/core/usecases/scheduler";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import { createHarness, type Harness } from "../support/api-harness";
import { probationOf } from "../support/link-tasks";

const delivered: OutgoingMail[] = [];
let h: Harness;
let crashAfterWrite = false;

/** The process dies at the first mail call after the write: no attempt, nothing marked sent. */
function crashingMailer(mailer: Deps["mailer"]): Deps["mailer"] {
  const die = () => {
    crashAfterWrite = false;
    throw new Error("process killed");
  };
  return {
    send: async (m) => (crashAfterWrite ? die() : mailer.send(m)),
    deliverQueued: async (mails) => (crashAfterWrite ? die() : mailer.deliverQueued!(mails)),
  };
}

beforeAll(async () => {
  h = await createHarness("mailwrite", {
    start: "2026-03-02T08:00:00Z",
    transport: { send: async (m) => void delivered.push(m) },
  });
  h.deps.mailer = crashingMailer(h.deps.mailer);
});

it("a reassignment's mail survives a crash right after the task moved", async () => {
  const probation = await probationOf(h, "mari-maasikas", { startDate: "2026-01-05", endDate: "2026-05-04" });
  const { taskId } = await createHumanTask(h.deps, {
    taskToken: "tok-mail-with-write",
    executionId: "exec-mail-with-write",
    state: "Mid",
    caseId: probation.id,
    kind: "probation.midConversation",
  });
  expect(delivered.filter((m) => m.to === "tiina.tamm@example.ee")).toHaveLength(1);

  crashAfterWrite = true;
  await expect(
    recordAbsence(h.deps, { id: "helena-org" }, "tiina-tamm", {
      type: "annual_leave",
      from: "2026-03-02",
      to: "2026-03-13",
    }),
  ).rejects.toThrow("process killed");
  const task = (await h.deps.store.getTask(taskId))!;
  expect(task.assigneeId).toBe("peeter-parn");
  expect(delivered.some((m) => m.to === "peeter.parn@example.ee")).toBe(false);

  await sweep(h.deps);
  const toSubstitute = delivered.filter((m) => m.to === "peeter.parn@example.ee");
  expect(toSubstitute).toHaveLength(1);
  expect(toSubstitute[0]!.text).toContain(`/l/${taskId}.${task.linkId}`);
});

it("a keyed mail of a retried step is queued once", async () => {
  const mail = { to: "hr@example.ee", subject: "s", text: "t", html: "<p>t</p>", tag: "test:keyed" };
  await h.deps.mailer.send({ ...mail, key: "case-1:outcome:hr" });
  await h.deps.mailer.send({ ...mail, key: "case-1:outcome:hr" });
  await sweep(h.deps);
  expect(delivered.filter((m) => m.tag === "test:keyed")).toHaveLength(1);
});

it("a sweep that lists a mail while its first attempt is still sending does not send it again", async () => {
  // Seen as an e2e flake under load: the request's first attempt and a sweep both sent one mail.
  let release!: () => void;
  const slow = new Promise<void>((r) => (release = r));
  const sent: string[] = [];
  const { QueueingMailer, deliverDueMails } = await import("../../functions/core/usecases/mail-queue");
  const transport = {
    send: async (m: OutgoingMail) => {
      sent.push(m.tag);
      if (m.tag === "test:slow") await slow;
    },
  };
  const queueDeps = { store: h.deps.store, clock: h.deps.clock, logger: h.deps.logger, transport };
  const mailer = new QueueingMailer(queueDeps);
  const first = mailer.send({
    to: "hr@example.ee",
    subject: "s",
    text: "t",
    html: "<p>t</p>",
    tag: "test:slow",
  });
  await new Promise((r) => setTimeout(r, 200)); // the first attempt is now inside the transport
  await deliverDueMails(queueDeps);
  release();
  await first;
  await deliverDueMails(queueDeps);
  expect(sent.filter((t) => t === "test:slow")).toEqual(["test:slow"]);
});
