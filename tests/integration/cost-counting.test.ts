// The counting adapters of `npm run cost` count what AWS bills: known DynamoDB writes and reads
// give the request units AWS's rounding rules give, and a known execution of the real
// probation.asl.json gives the state transitions Step Functions Standard bills (retries counted,
// a resumed callback state not counted twice).
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { z } from "zod";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { MemoryJournal } from "../../functions/adapters/local-engine/journal";
import { localDynamoClient } from "../../functions/local/dynamodb-local";
import { defineStep, runStep } from "../../functions/steps/define";
import { CostMeter, countDynamoDb, itemSize } from "../bench/cost-counting";
import { createTestTable } from "../support/dynamo";

let meter: CostMeter;
let doc: DynamoDBDocumentClient;
let table: string;

beforeAll(async () => {
  const t = await createTestTable("costcount");
  table = t.tableName;
  // A client of its own: the meter's middleware must not count the table's creation or the peeks.
  const counted = localDynamoClient(inject("dynamoEndpoint"));
  meter = new CostMeter();
  countDynamoDb(counted, t.client, meter);
  doc = DynamoDBDocumentClient.from(counted);
});

/** Runs `work` and returns the units it added. */
async function units(work: () => Promise<unknown>) {
  const before = meter.snapshot();
  await work();
  return {
    read: meter.usage.readUnits - before.readUnits,
    write: meter.usage.writeUnits - before.writeUnits,
  };
}

describe("DynamoDB request units", () => {
  it("sizes items as AWS does: names plus values", () => {
    expect(itemSize({ pk: { S: "ab" }, n: { N: "12345" }, ok: { BOOL: true } })).toBe(2 + 2 + 1 + 4 + 2 + 1);
  });

  it("a 2.5 KB write is 3 units, 3 more for the GSI it enters; reads round by 4 KB and halve when eventual", async () => {
    const data = "x".repeat(2500);
    expect(
      await units(() => doc.send(new PutCommand({ TableName: table, Item: { pk: "A", sk: "A", data } }))),
    ).toEqual({
      read: 0,
      write: 3,
    });
    const indexed = { pk: "B", sk: "B", gsi1pk: "G", gsi1sk: "1", data };
    expect((await units(() => doc.send(new PutCommand({ TableName: table, Item: indexed })))).write).toBe(6);
    const get = (ConsistentRead: boolean) =>
      doc.send(new GetCommand({ TableName: table, Key: { pk: "B", sk: "B" }, ConsistentRead }));
    expect((await units(() => get(false))).read).toBe(0.5);
    expect((await units(() => get(true))).read).toBe(1);
    const query = (g: string) =>
      doc.send(
        new QueryCommand({
          TableName: table,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :g",
          ExpressionAttributeValues: { ":g": g },
        }),
      );
    expect((await units(() => query("G"))).read).toBe(0.5);
    // An empty page is still billed its minimum (DynamoDB Local says 0).
    expect((await units(() => query("nobody"))).read).toBe(0.5);
  });

  it("a transaction bills 2 units per KB of each item, the larger of before and after, and its GSIs", async () => {
    const put = (pk: string, extra: Record<string, string> = {}) => ({
      Put: { TableName: table, Item: { pk, sk: pk, ...extra } },
    });
    // Two small new items: 2 + 2.
    expect(
      (await units(() => doc.send(new TransactWriteCommand({ TransactItems: [put("T1"), put("T2")] }))))
        .write,
    ).toBe(4);
    // Replacing the 2.5 KB item A by a small one bills the larger (3 KB): 6; deleting T1: 2.
    expect(
      (
        await units(() =>
          doc.send(
            new TransactWriteCommand({
              TransactItems: [put("A"), { Delete: { TableName: table, Key: { pk: "T1", sk: "T1" } } }],
            }),
          ),
        )
      ).write,
    ).toBe(8);
    // A small item entering gsi1: 2 for the table, 2 for the index.
    expect(
      (
        await units(() =>
          doc.send(new TransactWriteCommand({ TransactItems: [put("T3", { gsi1pk: "H", gsi1sk: "1" })] })),
        )
      ).write,
    ).toBe(4);
  });

  it("a conditional write that fails is billed all the same", async () => {
    const write = units(() =>
      doc.send(
        new PutCommand({
          TableName: table,
          Item: { pk: "T2", sk: "T2" },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      ),
    );
    await expect(write).rejects.toThrow();
    expect(meter.usage.writeUnits).toBeGreaterThan(0);
    const before = meter.usage.writeUnits;
    await doc
      .send(
        new PutCommand({
          TableName: table,
          Item: { pk: "T2", sk: "T2" },
          ConditionExpression: "attribute_not_exists(pk)",
        }),
      )
      .catch(() => undefined);
    expect(meter.usage.writeUnits - before).toBe(1);
    await doc.send(new DeleteCommand({ TableName: table, Key: { pk: "T2", sk: "T2" } }));
  });
});

describe("state transitions", () => {
  it("counts each state entered and each retry of the real probation workflow, a resumed state once", async () => {
    const entered: string[] = [];
    const tokens: string[] = [];
    let throttled = 0;
    const engine = new LocalWorkflowEngine({
      journal: new MemoryJournal(),
      clock: { now: () => new Date("2026-01-05T08:00:00Z") },
      onTransition: (_workflow, state) => entered.push(state),
      invokeStep: (step, payload) =>
        runStep(
          defineStep({
            input: z.unknown(),
            run: async () => {
              const token = (payload as { taskToken?: string }).taskToken;
              if (token) tokens.push(token);
              if (step === "startProbation" && throttled++ === 0) {
                const error = new Error("Rate exceeded");
                error.name = "ProvisionedThroughputExceededException";
                throw error;
              }
              return step === "startProbation" ? { caseId: "p1", regime: "TLS", endDate: "2026-05-04" } : {};
            },
          }),
          {} as never,
          payload,
        ),
    });
    await engine.start("probation", "cost-1", { caseId: "p1", employeeId: "e1" });
    await engine.whenIdle();
    // StartProbation, its one retry, then the timer state where it parks.
    expect(entered).toEqual(["StartProbation", "StartProbation", "WaitForMidConversationWindow"]);
    await engine.sendTaskSuccess(tokens.at(-1)!, {});
    await engine.whenIdle();
    expect(entered.slice(3)).toEqual(["MidProbationConversation"]);
  }, 20_000);
});
