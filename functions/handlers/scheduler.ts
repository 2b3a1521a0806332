// Lambda entry of the scheduler sweep, invoked by EventBridge Scheduler every few minutes.
import { metricNames, publishMetrics } from "../adapters/metrics";
import { sweep } from "../core/usecases/scheduler";
import { awsDeps, logger } from "./container";

const service = process.env.POWERTOOLS_SERVICE_NAME ?? "hr-workflows";

export async function handler(): Promise<unknown> {
  const report = await sweep(await awsDeps());
  logger.info("scheduler sweep", { ...report });
  // Failed items and mails given up are logged and skipped, so the invocation succeeds: only
  // these metrics raise their alarms.
  publishMetrics(service, {
    [metricNames.sweepErrors]: report.errors,
    [metricNames.mailsGivenUp]: report.mailsGivenUp,
  });
  return report;
}
