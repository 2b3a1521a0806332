// Lambda entry of the scheduler sweep, invoked by EventBridge Scheduler every few minutes.
import { sweep } from "../core/usecases/scheduler";
import { awsDeps, logger } from "./container";

export async function handler(): Promise<unknown> {
  const report = await sweep(await awsDeps());
  logger.info("scheduler sweep", { ...report });
  return report;
}
