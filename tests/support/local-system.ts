// The whole local system in this process, on the test run's DynamoDB Local with a table of its
// own, for tests that need the dev routes and real HTTP but not a child process.
import { inject } from "vitest";
import { type LocalSystem, startLocalSystem } from "../../functions/local/system";

export const startTestSystem = (prefix: string): Promise<LocalSystem> =>
  startLocalSystem({
    dataDir: "",
    inMemory: true,
    host: "127.0.0.1",
    port: 0,
    sweepIntervalMs: 3_600_000, // tests sweep when they mean to
    seedDemo: true,
    mailFrom: "hr-workflows@example.ee",
    hrEmail: "hr@example.ee",
    quiet: true,
    dynamoEndpoint: inject("dynamoEndpoint"),
    tableName: `${prefix}-${Date.now().toString(36)}`,
  });
