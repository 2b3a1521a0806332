// The whole HTTP app in process, on its own DynamoDB Local table and the local engine, with the
// demo organisation, a settable clock and tokens for its HR user and a lead.
import { DynamoExecutionJournal } from "../../functions/adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { createApp } from "../../functions/api/app";
import type { Deps } from "../../functions/core/deps";
import type { Mailer, OutgoingMail, WorkflowEngine } from "../../functions/core/ports";
import { QueueingMailer } from "../../functions/core/usecases/mail-queue";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import type { StepName } from "../../functions/steps/catalog";
import { invokeStep } from "../../functions/steps/index";
import { silentLogger, testConfig } from "./deps";
import { createTestTable } from "./dynamo";

export interface Harness {
  app: ReturnType<typeof createApp>;
  deps: Deps;
  engine: LocalWorkflowEngine;
  mails: OutgoingMail[];
  tables: Awaited<ReturnType<typeof createTestTable>>;
  setNow(instant: string | Date): void;
  now(): Date;
  tokens: { hr: string; lead: string; employee: string };
  /** A token for anyone else of the organisation (their stored record must hold the roles). */
  issueToken(claims: {
    employeeId: string;
    email: string;
    roles: Array<"hr" | "lead" | "employee">;
  }): Promise<string>;
  /** A request with a bearer token and a JSON content type when a body is given. */
  call(path: string, init?: RequestInit & { token?: string }): Promise<Response>;
}

export async function createHarness(
  prefix: string,
  options: {
    start?: string;
    wrapEngine?: (engine: WorkflowEngine) => WorkflowEngine;
    /** Mail goes through the queue to this transport, as in the running system; else straight to `mails`. */
    transport?: Mailer;
    /** What a step's function is given, as CDK would grant it (e.g. no signing key unless declared). */
    stepDeps?: (step: StepName, deps: Deps) => Deps;
  } = {},
): Promise<Harness> {
  const tables = await createTestTable(prefix);
  let now = new Date(options.start ?? "2026-03-02T08:00:00Z");
  const clock = { now: () => now };
  const mails: OutgoingMail[] = [];
  let deps: Deps | undefined;
  const engine = new LocalWorkflowEngine({
    journal: new DynamoExecutionJournal(tables.documentClient, tables.tableName),
    clock,
    invokeStep: (step, payload) =>
      invokeStep(options.stepDeps ? options.stepDeps(step, deps!) : deps!, step, payload),
  });
  deps = {
    store: tables.store,
    clock,
    engine: options.wrapEngine ? options.wrapEngine(engine) : engine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig(),
  };
  if (options.transport) {
    deps.mailTransport = options.transport;
    deps.mailer = new QueueingMailer({
      store: tables.store,
      clock,
      logger: silentLogger,
      transport: options.transport,
    });
  }
  await seedDemoOrganisation(tables.store);
  const devAuth = await createDevAuth();
  const app = createApp({ ...deps, auth: devAuth.verifier(tables.store) });
  const tokens = {
    hr: await devAuth.issueToken({ employeeId: "helena-org", email: "helena.org@example.ee", roles: ["hr"] }),
    lead: await devAuth.issueToken({
      employeeId: "tiina-tamm",
      email: "tiina.tamm@example.ee",
      roles: ["lead"],
    }),
    employee: await devAuth.issueToken({
      employeeId: "mari-maasikas",
      email: "mari.maasikas@example.ee",
      roles: ["employee"],
    }),
  };
  const call = async (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return app.request(path, { ...init, headers });
  };
  return {
    app,
    deps: deps as Deps,
    engine,
    mails,
    tables,
    tokens,
    issueToken: (claims) => devAuth.issueToken(claims),
    call,
    now: () => now,
    setNow: (instant) => {
      now = new Date(instant);
    },
  };
}
