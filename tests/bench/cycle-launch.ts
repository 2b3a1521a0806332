// `npm run bench`, part 2: launching a review cycle on the local system (DynamoDB Local and the
// local engine running annual-review.asl.json to each review's first pause), for 1,000 and 10,000
// synthetic employees, against raw DynamoDB Local batch writes of the same number of items
// measured in the same run. Prints one line per size: employees per second, the ratio to raw
// writes, and the process's peak memory.
import "../../functions/adapters/local-engine/polyfill";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoStore } from "../../functions/adapters/dynamodb/store";
import { ensureTable } from "../../functions/adapters/dynamodb/table";
import { DynamoExecutionJournal } from "../../functions/adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import type { Deps } from "../../functions/core/deps";
import type { Employee, JobDescription } from "../../functions/core/model";
import { continueLaunch, createCycle, launchCycle } from "../../functions/core/usecases/cycles";
import { localDynamoClient, startDynamoDbLocal } from "../../functions/local/dynamodb-local";
import { invokeStep } from "../../functions/steps/index";

const sizes = (process.env.BENCH_CYCLE_SIZES ?? "1000,10000").split(",").map(Number);
const db = await startDynamoDbLocal({});
const client = localDynamoClient(db.endpoint);
const documentClient = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});

let peak = 0;
let caseBytes = 3000;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);

const jd: JobDescription = {
  positionTitle: "Spetsialist",
  unitName: "Klienditeenindus",
  duties: [1, 2, 3, 4].map((n) => ({
    code: `3.${n}`,
    text: `Ülesanne ${n}`,
    details: [],
    expectedResults: [`Tulemus ${n}`],
  })),
  rights: [],
  responsibilities: [],
  requirements: { languages: [] },
  competencies: [{ name: "Koostöö", kind: "core", behaviours: ["Jagab infot"] }],
};

/** Batch writes of `count` items of `bytes` each (a review case's size), 25 a request, 8 requests at once. */
async function rawWrites(table: string, count: number, bytes: number): Promise<number> {
  await ensureTable(client, table);
  const payload = "x".repeat(bytes);
  const start = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < count) {
        const from = next;
        next += 25;
        const items = Array.from({ length: Math.min(25, count - from) }, (_, i) => ({
          PutRequest: { Item: { pk: `RAW#${from + i}`, sk: "RAW", data: payload } },
        }));
        let request: Record<string, unknown[]> | undefined = { [table]: items };
        while (request && Object.keys(request).length > 0) {
          const out = await documentClient.send(new BatchWriteCommand({ RequestItems: request as never }));
          request = out.UnprocessedItems as Record<string, unknown[]> | undefined;
        }
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

async function launchOf(size: number): Promise<{ written: number; running: number; seconds: number }> {
  const table = `bench-cycle-${size}-${Date.now()}`;
  await ensureTable(client, table);
  const dynamoStore = new DynamoStore(documentClient, table);
  // When the last review was written: the launch's durable part, before the workflows start.
  let lastWrite = 0;
  const store: DynamoStore = Object.create(dynamoStore);
  store.createCases = async (cases) => {
    const created = await dynamoStore.createCases(cases);
    lastWrite = performance.now();
    return created;
  };
  const clock = { now: () => new Date("2026-11-25T08:00:00Z") };
  let deps!: Deps;
  const engine = new LocalWorkflowEngine({
    journal: new DynamoExecutionJournal(documentClient, table),
    clock,
    invokeStep: (step, payload) => invokeStep(deps, step, payload),
  });
  deps = {
    store,
    clock,
    engine,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
    mailer: { send: async () => {} },
    config: {
      publicBaseUrl: "http://hr.bench",
      linkSigningKey: "bench-key-0123456789-0123456789-0123456789",
      linkTtlDays: 30,
      hrEmail: "hr@example.ee",
      reminderDaysBeforeDue: 3,
      requireSignInForContractEnd: false,
    },
  };
  // The organisation (not timed): one unit, a lead, one shared specialist position with a job description.
  await store.putUnit({ id: "unit", name: "Üksus" });
  await store.putPosition({ id: "lead", title: "Juht", unitId: "unit", substitutePositionIds: [] });
  await store.putPosition({
    id: "spec",
    title: "Spetsialist",
    unitId: "unit",
    managerPositionId: "lead",
    substitutePositionIds: [],
    multipleHolders: true,
  });
  await store.putJobDescription("spec", jd);
  const people: Employee[] = [
    {
      id: "lead-1",
      name: "Juht Üks",
      email: "juht@example.ee",
      locale: "et",
      positionId: "lead",
      startDate: "2020-01-01",
      regime: "TLS",
      probationExtensionWaived: false,
      roles: ["lead"],
    },
    ...Array.from(
      { length: size },
      (_, i): Employee => ({
        id: `e${i}`,
        name: `Töötaja ${i}`,
        email: `e${i}@example.ee`,
        locale: "et",
        positionId: "spec",
        startDate: "2020-01-01",
        regime: "TLS",
        probationExtensionWaived: false,
        roles: ["employee"],
      }),
    ),
  ];
  for (let i = 0; i < people.length; i += 50)
    await Promise.all(people.slice(i, i + 50).map((p) => store.putEmployee(p)));

  const cycle = await createCycle(
    deps,
    { id: "hr" },
    {
      type: "annual",
      title: { et: "Arenguvestlused", en: "Development conversations" },
      scope: { kind: "positions", positionIds: ["spec"] },
      opensOn: "2026-11-25",
      deadline: "2026-12-31",
    },
  );
  const start = performance.now();
  let result = await launchCycle(deps, { id: "hr" }, cycle.id);
  if (process.env.BENCH_VERBOSE)
    console.log(
      `  ${result.created.toLocaleString("en")} reviews written in ${((lastWrite - start) / 1000).toFixed(1)} s by the launch request; ${result.started.toLocaleString("en")} workflows started within its budget`,
    );
  // What the sweep would carry on with, one run after another, until every review runs.
  while (!result.done) result = await continueLaunch(deps, result.cycle, 60_000);
  const launched = performance.now();
  await engine.whenIdle();
  if (process.env.BENCH_VERBOSE)
    console.log(
      `  launch request(s) ${((launched - start) / 1000).toFixed(1)} s, executions to their first pause ${((performance.now() - launched) / 1000).toFixed(1)} s more`,
    );
  const seconds = (performance.now() - start) / 1000;
  if (result.created !== size) throw new Error(`created ${result.created} of ${size}`);
  // The raw writes get items as large as a review case is stored (its forms are most of it).
  const sample = (await store.listCasesInGroup(`cycle:${cycle.id}`))[0];
  caseBytes = JSON.stringify(sample?.data ?? {}).length;
  return { written: size / ((lastWrite - start) / 1000), running: size / seconds, seconds };
}

try {
  // DynamoDB Local's JVM warms up first, so that neither measurement pays for it.
  await rawWrites(`bench-warmup-${Date.now()}`, 2000, 4000);
  for (const size of sizes) {
    peak = 0;
    const rate = await launchOf(size);
    const raw = await rawWrites(`bench-raw-${size}-${Date.now()}`, size, caseBytes);
    // Two figures, never one blended: reviews written (each with its generated forms, durable and
    // queued to start: what HR's launch waits for) against raw batch writes of as many items of
    // the same size; and every workflow at its first pause, which in AWS StartExecution's rate
    // paces anyway.
    console.log(
      `cycle launch ${size.toLocaleString("en")} employees: ${rate.written.toFixed(0)}/s written, ratio ${(rate.written / raw).toFixed(2)} to raw batch writes (${raw.toFixed(0)}/s, items of ${(caseBytes / 1024).toFixed(1)} KB); every workflow running after ${rate.seconds.toFixed(1)} s (${rate.running.toFixed(0)}/s, ratio ${(rate.running / raw).toFixed(2)}); peak ${(peak / 1024 / 1024).toFixed(0)} MB`,
    );
  }
} finally {
  clearInterval(sampler);
  await db.stop();
}
