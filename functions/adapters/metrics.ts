// Custom CloudWatch metrics as Embedded Metric Format log lines, built by Powertools Metrics:
// CloudWatch Logs turns them into metrics, so there is no PutMetricData call, no extra permission
// and no latency. The alarms in infra/stack.ts watch these names in this namespace.
import { Metrics, MetricUnit } from "@aws-lambda-powertools/metrics";

export const METRICS_NAMESPACE = "HrWorkflows";
export const METRIC_DIMENSION = "service";

/** The metrics the alarms watch; infra/stack.ts alarms on these names. */
export const metricNames = {
  /** Items of one scheduler sweep that failed (the sweep carries on with the others). */
  sweepErrors: "SweepErrors",
  /** Mails that exhausted their retries and will not be sent. */
  mailsGivenUp: "MailsGivenUp",
} as const;
export type MetricName = (typeof metricNames)[keyof typeof metricNames];

export function emfLine(
  service: string,
  values: Partial<Record<MetricName, number>>,
  timestamp = Date.now(),
): string {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: service });
  metrics.setTimestamp(timestamp);
  for (const [name, value] of Object.entries(values)) metrics.addMetric(name, MetricUnit.Count, value);
  const line = JSON.stringify(metrics.serializeMetrics());
  metrics.clearMetrics();
  return line;
}

/**
 * Publishes the values. Written straight to stdout, not through console.log: with Lambda's JSON
 * log format console output is wrapped in another JSON object and CloudWatch no longer sees EMF.
 */
export function publishMetrics(
  service: string,
  values: Partial<Record<MetricName, number>>,
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): void {
  if (Object.keys(values).length === 0) return;
  write(emfLine(service, values));
}
