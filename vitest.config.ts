import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One DynamoDB Local for the whole run; each test file creates its own table in it.
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // 2-core CI machines: DynamoDB Local, CDK synth and the e2e server compete for CPU.
    maxWorkers: 2,
  },
});
