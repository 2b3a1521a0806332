// Substitute delegation on the local system over HTTP: the lead goes on leave, the substitute (1.4)
// gets the task mail and completes it by link, the lead's old link refuses, and when the lead
// returns the tasks still open come back to them.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate } from "../../functions/core/i18n";
import {
  linkIn,
  localClient,
  nonceIn,
  type RunningSystem,
  startLocalProcess,
} from "../support/local-process";

let system: RunningSystem;
const dataDir = mkdtempSync(join(tmpdir(), "hr-e2e-deleg-"));

const { api, mails, signIn, advanceDays, waitFor, submitForm } = localClient(() => system);

beforeAll(async () => {
  system = await startLocalProcess(dataDir);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("substitute delegation end to end", () => {
  let hr: string;
  let today: string;
  const tiinaLinks: string[] = [];

  it("gives the lead the mid-probation tasks of two hires", async () => {
    hr = await signIn("helena-org");
    today = ((await (await api("/dev/clock")).json()) as { now: string }).now.slice(0, 10);
    for (const name of ["Liis Lepp", "Rein Rebane"]) {
      const res = await api("/api/hires", {
        method: "POST",
        token: hr,
        body: JSON.stringify({
          name,
          email: `${name.split(" ")[0]!.toLowerCase()}@example.ee`,
          positionId: "tallinn-spetsialist-3",
          startDate: today,
          regime: "TLS",
        }),
      });
      expect(res.status).toBe(201);
    }
    await advanceDays(60);
    const tasks = await waitFor("two task mails to Tiina", async () => {
      const list = (await mails()).filter(
        (m) => m.tag === "task:probation.midConversation" && m.to === "tiina.tamm@example.ee",
      );
      return list.length === 2 ? list : undefined;
    });
    tiinaLinks.push(...tasks.map(linkIn));
  });

  it("moves the open tasks to the substitute when the lead's leave starts", async () => {
    const now = ((await (await api("/dev/clock")).json()) as { now: string }).now.slice(0, 10);
    const until = new Date(Date.parse(now) + 10 * 86_400_000).toISOString().slice(0, 10);
    const res = await api("/api/employees/tiina-tamm/absences", {
      method: "POST",
      token: hr,
      body: JSON.stringify({ type: "annual_leave", from: now, to: until }),
    });
    expect(res.status).toBe(201);
    const peeter = await waitFor("two task mails to Peeter", async () => {
      const list = (await mails()).filter(
        (m) => m.tag === "task:probation.midConversation" && m.to === "peeter.parn@example.ee",
      );
      return list.length === 2 ? list : undefined;
    });
    expect(peeter[0]!.text).toMatch(/Täidate seda Tiina Tamm eest/);

    // The lead's old link now says who has the task and until when, and cannot complete it.
    const old = await api(tiinaLinks[0]!);
    expect(old.status).toBe(410);
    expect(await old.text()).toContain(`Peeter Pärn (kuni ${formatDate(until, "et")})`);
    const refused = await submitForm(tiinaLinks[0]!, { heldOn: now, summary: "x", nonce: "x" });
    expect(refused.status).toBe(410);

    // The substitute completes one of them through the link, on the lead's behalf.
    const path = linkIn(peeter[0]!);
    const page = await (await api(path)).text();
    const done = await submitForm(path, { heldOn: now, summary: "Asendaja vestlus.", nonce: nonceIn(page) });
    expect(done.status).toBe(200);
    await waitFor("the lead is told", async () =>
      (await mails()).find(
        (m) => m.tag === "onbehalf:probation.midConversation" && m.to === "tiina.tamm@example.ee",
      ),
    );
    await waitFor("the substitute gets a receipt", async () =>
      (await mails()).find(
        (m) => m.tag === "onbehalf:probation.midConversation" && m.to === "peeter.parn@example.ee",
      ),
    );

    // The other task's decision is explainable.
    const taskId = path.split("/").pop()!.split(".")[0]!;
    const why = (await (await api(`/api/tasks/${taskId}/acting`, { token: hr })).json()) as {
      assigneeId: string;
      reasons: string[];
    };
    expect(why.assigneeId).toBe("peeter-parn");
    expect(why.reasons.join(" ")).toContain("tiina-tamm holds tallinn-juht (1.3) but is absent");
    const audit = (await (await api(`/api/audit/task/${taskId}`, { token: hr })).json()) as Array<{
      action: string;
      onBehalfOf?: { id: string };
    }>;
    expect(audit.find((a) => a.action === "task.completed.link")?.onBehalfOf?.id).toBe("tiina-tamm");
  });

  it("returns the tasks still open to the lead when the leave ends", async () => {
    const before = (await mails()).filter(
      (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:probation.midConversation",
    ).length;
    await advanceDays(11);
    const back = await waitFor("the open task back with Tiina", async () => {
      const list = (await mails()).filter(
        (m) => m.to === "tiina.tamm@example.ee" && m.tag === "task:probation.midConversation",
      );
      return list.length === before + 1 ? list : undefined;
    });
    const newLink = linkIn(back.sort((a, b) => (a.sentAt < b.sentAt ? -1 : 1)).at(-1)!);
    expect(tiinaLinks).not.toContain(newLink);
    expect((await api(newLink)).status).toBe(200);
    const peeterLinks = (await mails())
      .filter((m) => m.to === "peeter.parn@example.ee" && m.tag === "task:probation.midConversation")
      .map(linkIn);
    const statuses = await Promise.all(peeterLinks.map(async (p) => (await api(p)).status));
    expect(statuses.sort()).toEqual([409, 410]); // one completed by him, one handed back
  });
});
