// Pieces of the dependency container that integration tests share.
import type { DomainConfig } from "../../functions/core/deps";
import type { Logger, WorkflowEngine } from "../../functions/core/ports";
import type { Probation } from "../../functions/core/workflows/probation";

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

/** An active probation written straight to the store, for tests that run no workflow. */
export const activeProbation = (
  id: string,
  employeeId: string,
  dates: { startDate: string; endDate: string },
): Probation => ({
  id,
  workflow: "probation",
  subjectId: employeeId,
  data: {
    regime: "TLS",
    startDate: dates.startDate,
    baseEndDate: dates.endDate,
    endDate: dates.endDate,
    extensionDays: 0,
  },
  status: "active",
  createdAt: `${dates.startDate}T08:00:00.000Z`,
  updatedAt: `${dates.startDate}T08:00:00.000Z`,
});
