// Pieces of the dependency container that integration tests share.
import type { DomainConfig } from "../../functions/core/deps";
import type { Logger, WorkflowEngine } from "../../functions/core/ports";

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const testConfig = (overrides: Partial<DomainConfig> = {}): DomainConfig => ({
  publicBaseUrl: "http://hr.test",
  linkSigningKey: "test-key-0123456789-0123456789-0123456789",
  linkTtlDays: 30,
  hrEmail: "hr@example.ee",
  reminderDaysBeforeDue: 3,
  requireSignInForContractEnd: false,
  ...overrides,
});

/** For tests that drive use cases without running workflows. */
export const idleEngine: WorkflowEngine = {
  start: async () => ({ executionId: "none" }),
  sendTaskSuccess: async () => {},
  sendTaskFailure: async () => {},
  stop: async () => {},
};
