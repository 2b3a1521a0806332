import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One DynamoDB Local for the whole run; each test file creates its own table in it.
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    // 2-core CI machines: DynamoDB Local, CDK synth and the e2e server compete for CPU.
    maxWorkers: 2,
    // See functions/local/main.ts: the SDK's Node 22 notice, once per worker, says nothing actionable here.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
  },
});
