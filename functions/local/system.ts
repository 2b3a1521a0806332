// The whole system on one machine: DynamoDB Local, the local workflow engine running the same
// workflows/*.asl.json, the Hono app, the scheduler loop on a virtual clock, and a mail outbox.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { getRequestListener, serve } from "@hono/node-server";
import { VirtualClock } from "../adapters/clock";
import { DynamoStore } from "../adapters/dynamodb/store";
import { ensureTable } from "../adapters/dynamodb/table";
import { DynamoExecutionJournal } from "../adapters/local-engine/dynamo-journal";
import { LocalWorkflowEngine } from "../adapters/local-engine/engine";
import { createLogger } from "../adapters/logger";
import { OutboxMailer } from "../adapters/mail/outbox-mailer";
import { SmtpMailer } from "../adapters/mail/smtp-mailer";
import { TeeMailer } from "../adapters/mail/tee-mailer";
import { createApp } from "../api/app";
import type { Deps } from "../core/deps";
import type { Mailer } from "../core/ports";
import { QueueingMailer } from "../core/usecases/mail-queue";
import { sweep } from "../core/usecases/scheduler";
import { invokeStep } from "../steps/index";
import { seedDemoOrganisation } from "./demo/org";
import { createDevAuth } from "./dev-auth";
import { devRoutes } from "./dev-routes";
import { localDynamoClient, startDynamoDbLocal } from "./dynamodb-local";

export interface LocalOptions {
  /** Where data lives between runs; ignored with inMemory. */
  dataDir: string;
  inMemory: boolean;
  host: string;
  /** 0 picks a free port. */
  port: number;
  /** How often the scheduler sweeps (real time). */
  sweepIntervalMs: number;
  seedDemo: boolean;
  mailFrom: string;
  hrEmail: string;
  /** Also send mail through this SMTP server (the outbox keeps a copy). */
  smtpUrl?: string;
  quiet?: boolean;
  /** Use this running DynamoDB Local (tests share one) instead of starting one; its own table. */
  dynamoEndpoint?: string;
  tableName?: string;
}

export interface LocalSystem {
  url: string;
  /** The HTTP app, for in-process requests (`app.request`). */
  app: ReturnType<typeof createApp>;
  tableName: string;
  deps: Deps;
  clock: VirtualClock;
  engine: LocalWorkflowEngine;
  outbox: OutboxMailer;
  dataDir: string;
  seeded: boolean;
  sweepNow(): Promise<Awaited<ReturnType<typeof sweep>>>;
  stop(): Promise<void>;
}

export const TABLE_NAME = "hr-workflows";

/** A key that survives restarts, so links mailed before a restart still verify after it. */
function persistentSecret(dataDir: string, file: string): string {
  const path = join(dataDir, file);
  if (existsSync(path)) return readFileSync(path, "utf8").trim();
  const key = randomBytes(32).toString("base64url");
  writeFileSync(path, key, { mode: 0o600 });
  return key;
}

export async function startLocalSystem(options: LocalOptions): Promise<LocalSystem> {
  const dataDir = options.inMemory ? mkdtempSync(join(tmpdir(), "hr-workflows-")) : resolve(options.dataDir);
  mkdirSync(join(dataDir, "dynamodb"), { recursive: true });
  const logger = createLogger(
    "hr-workflows-local",
    process.env.LOG_LEVEL ?? (options.quiet ? "WARN" : "INFO"),
  );

  const db = options.dynamoEndpoint
    ? { endpoint: options.dynamoEndpoint, stop: async () => {} }
    : await startDynamoDbLocal({ dataDir: options.inMemory ? undefined : join(dataDir, "dynamodb") });
  const tableName = options.tableName ?? TABLE_NAME;
  const stops: Array<() => Promise<void>> = [() => db.stop()];
  try {
    const client = localDynamoClient(db.endpoint);
    await ensureTable(client, tableName);
    const documentClient = DynamoDBDocumentClient.from(client, {
      marshallOptions: { removeUndefinedValues: true },
    });
    const store = new DynamoStore(documentClient, tableName);
    const clock = await VirtualClock.load(store);
    const outbox = new OutboxMailer(join(dataDir, "outbox"), options.mailFrom);
    const mailTransport: Mailer = options.smtpUrl
      ? new TeeMailer([outbox, new SmtpMailer(options.smtpUrl, options.mailFrom)])
      : outbox;
    const mailer = new QueueingMailer({ store, clock, logger, transport: mailTransport });

    // The engine calls steps and steps use the engine: tie the knot through a late-bound reference.
    let deps: Deps | undefined;
    const engine = new LocalWorkflowEngine({
      journal: new DynamoExecutionJournal(documentClient, tableName),
      clock,
      invokeStep: (step, payload) => invokeStep(deps!, step, payload),
      logger,
    });

    // Listen first (answering 503 meanwhile): with --port 0 the links in mails need the real port,
    // and the app that builds them is created only once it is known.
    const server = serve({
      fetch: () => new Response(null, { status: 503 }),
      hostname: options.host,
      port: options.port,
    });
    await new Promise<void>((ok) => (server.listening ? ok() : server.once("listening", () => ok())));
    const port = (server.address() as AddressInfo).port;
    const url = `http://${options.host}:${port}`;
    stops.unshift(() => new Promise<void>((ok) => server.close(() => ok())));

    deps = {
      store,
      clock,
      mailer,
      mailTransport,
      engine,
      logger,
      config: {
        publicBaseUrl: url,
        linkSigningKey: process.env.LINK_SIGNING_KEY ?? persistentSecret(dataDir, "link-signing.key"),
        linkTtlDays: Number(process.env.LINK_TTL_DAYS ?? 30),
        hrEmail: options.hrEmail,
        hrLocale: process.env.HR_LOCALE === "en" ? "en" : "et",
        reminderDaysBeforeDue: Number(process.env.REMINDER_DAYS_BEFORE_DUE ?? 3),
        requireSignInForContractEnd: process.env.REQUIRE_SIGN_IN_FOR_CONTRACT_END === "true",
        keepTasksWithSubstituteAfterReturn: process.env.KEEP_TASKS_WITH_SUBSTITUTE === "true",
      },
    };
    const seeded = options.seedDemo ? await seedDemoOrganisation(store) : false;
    const devAuth = await createDevAuth(dataDir);

    let sweeping: Promise<unknown> = Promise.resolve();
    const sweepNow = () => {
      const run = sweeping.then(async () => {
        await engine.fireTimeouts(clock.now());
        const report = await sweep(deps!);
        await engine.whenIdle();
        return report;
      });
      sweeping = run.catch(() => undefined);
      return run;
    };

    const app = createApp(
      { ...deps, auth: devAuth.verifier(store, { logger }) },
      {
        devRoutes: devRoutes({ deps, clock, outbox, engine, devAuth, sweepNow }),
        // The console's sign-in chooser: the same identities /dev/sign-in issues tokens for.
        console: {
          devSignIn: async (employeeId) => {
            const person = await store.getEmployee(employeeId);
            return person && devAuth.issueToken({ employeeId, email: person.email, roles: person.roles });
          },
        },
      },
    );
    server.removeAllListeners("request");
    server.on("request", getRequestListener(app.fetch));

    // The only process on this data folder: a sweep lease left by a killed run is stale.
    await store.releaseLease("sweep");
    await engine.resumeAll();
    const timer = setInterval(() => {
      sweepNow().catch((error) => logger.error("scheduler sweep failed", { error: String(error) }));
    }, options.sweepIntervalMs);
    timer.unref();
    stops.unshift(async () => {
      clearInterval(timer);
      await sweeping;
      await engine.whenIdle();
    });

    writeFileSync(
      join(dataDir, "state.json"),
      JSON.stringify({ url, pid: process.pid, dynamoEndpoint: db.endpoint }),
    );
    return {
      url,
      app,
      tableName,
      deps,
      clock,
      engine,
      outbox,
      dataDir,
      seeded,
      sweepNow,
      async stop() {
        for (const stop of stops) await stop().catch(() => undefined);
        rmSync(join(dataDir, "state.json"), { force: true });
        if (options.inMemory) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
}
