// Custom CloudWatch metrics as Embedded Metric Format log lines: CloudWatch Logs turns them into
// metrics, so there is no PutMetricData call, no extra permission and no latency. The shape is
// the one Powertools Metrics writes (namespace, a `service` dimension), so adopting that package
// later changes nothing the alarms in infra/stack.ts watch.

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
  const names = Object.keys(values) as MetricName[];
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[METRIC_DIMENSION]],
          Metrics: names.map((Name) => ({ Name, Unit: "Count" })),
        },
      ],
    },
    [METRIC_DIMENSION]: service,
    ...values,
  });
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
