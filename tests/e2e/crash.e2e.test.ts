// kill -9 of the local system in the middle of a burst of hires, then a restart and a sweep:
// every hire is whole (employee, probation, workflow execution, its first timer) or absent, and
// every hire that was acknowledged is there.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { localDynamoClient } from "../../functions/local/dynamodb-local";
import { TABLE_NAME } from "../../functions/local/system";
import { localClient, type RunningSystem, startLocalProcess } from "../support/local-process";

const dataDir = mkdtempSync(join(tmpdir(), "hr-crash-"));
let system: RunningSystem;
const { api, signIn } = localClient(() => system);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const BURST = 40;

/** Sends a burst of hires and kills the process once a few were acknowledged. */
async function burstAndKill(round: number): Promise<{ emails: string[]; acknowledged: Set<string> }> {
  const token = await signIn("helena-org");
  const emails = Array.from({ length: BURST }, (_, i) => `crash.${round}.${i}@example.ee`);
  const acknowledged = new Set<string>();
  let killed = false;
  const kill = () => {
    if (killed) return;
    killed = true;
    system.process.kill("SIGKILL");
  };
  await Promise.all(
    emails.map(async (email, i) => {
      await new Promise((r) => setTimeout(r, i * 15));
      if (killed) return;
      try {
        const res = await api("/api/hires", {
          method: "POST",
          token,
          body: JSON.stringify({
            name: `Katse ${round}-${i}`,
            email,
            startDate: "2026-11-02",
            regime: i % 3 === 0 ? "ATS" : "TLS",
          }),
        });
        if (res.status === 201) acknowledged.add(email);
        if (acknowledged.size >= 6) kill();
      } catch {
        // the connection died with the process
      }
    }),
  );
  kill();
  await new Promise<void>((resolve) =>
    system.process.exitCode !== null || system.process.signalCode
      ? resolve()
      : system.process.once("exit", () => resolve()),
  );
  return { emails, acknowledged };
}

function storeOfRunningSystem() {
  const state = JSON.parse(readFileSync(join(dataDir, "state.json"), "utf8")) as { dynamoEndpoint: string };
  const client = DynamoDBDocumentClient.from(localDynamoClient(state.dynamoEndpoint), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return new DynamoStore(client, TABLE_NAME);
}

describe("a crash in the middle of a burst of hires", () => {
  it("leaves every hire whole or absent, and loses none that was acknowledged", async () => {
    system = await startLocalProcess(dataDir);
    for (const round of [1, 2]) {
      const { emails, acknowledged } = await burstAndKill(round);
      expect(acknowledged.size).toBeGreaterThan(0);
      expect(acknowledged.size).toBeLessThan(BURST); // the kill really landed mid-burst

      system = await startLocalProcess(dataDir);
      // Past the repair's one-minute grace, then a sweep (the clock change runs one).
      const moved = await api("/dev/clock", { method: "POST", body: JSON.stringify({ hours: 1 }) });
      expect(moved.status).toBe(200);

      const store = storeOfRunningSystem();
      let whole = 0;
      for (const email of emails) {
        const employee = await store.findEmployeeByEmail(email);
        if (acknowledged.has(email)) expect(employee, `${email} was acknowledged`).toBeDefined();
        if (!employee) continue;
        const probations = await store.listCases(employee.id, "probation");
        expect(probations, email).toHaveLength(1);
        const [probation] = probations;
        expect(probation!.status, email).toBe("active");
        expect(probation!.executionId, `${email}: workflow started`).toBeTruthy();
        const timers = await store.listTimers({ caseId: probation!.id });
        expect(timers.length, `${email}: first timer set`).toBeGreaterThanOrEqual(1);
        whole++;
      }
      expect(whole).toBeGreaterThanOrEqual(acknowledged.size);
      console.log(
        `crash round ${round}: ${acknowledged.size} acknowledged, ${whole} whole, ${BURST - whole} absent, 0 half`,
      );
      expect(await store.listUnstartedCases("9999")).toEqual([]);
    }
  }, 240_000);
});
