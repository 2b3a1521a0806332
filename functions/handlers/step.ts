// Lambda entry of one workflow step; STEP_NAME (set by CDK) picks which.
import { z } from "zod";
import { stepNames } from "../steps/catalog";
import { invokeStep } from "../steps/index";
import { awsDeps, logger } from "./container";

const stepName = z.enum(stepNames).parse(process.env.STEP_NAME);

export async function handler(event: unknown): Promise<unknown> {
  const executionId = z.object({ executionId: z.string() }).safeParse(event);
  const log = logger.withCorrelation(executionId.success ? executionId.data.executionId : "unknown");
  log.info("step started", { step: stepName });
  const result = await invokeStep({ ...(await awsDeps()), logger: log }, stepName, event);
  log.info("step finished", { step: stepName });
  return result;
}
