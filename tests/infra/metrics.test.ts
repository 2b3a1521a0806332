// The alarms watch metrics the functions publish themselves: the EMF line must name them exactly.
import { describe, expect, it } from "vitest";
import {
  emfLine,
  METRIC_DIMENSION,
  METRICS_NAMESPACE,
  publishMetrics,
} from "../../functions/adapters/metrics";

describe("embedded metric format", () => {
  it("writes one JSON line CloudWatch turns into HrWorkflows metrics with a service dimension", () => {
    const line = JSON.parse(emfLine("hr-workflows", { SweepErrors: 2, MailsGivenUp: 1 }, 1_700_000_000_000));
    expect(line).toEqual({
      _aws: {
        Timestamp: 1_700_000_000_000,
        CloudWatchMetrics: [
          {
            Namespace: METRICS_NAMESPACE,
            Dimensions: [[METRIC_DIMENSION]],
            Metrics: [
              { Name: "SweepErrors", Unit: "Count" },
              { Name: "MailsGivenUp", Unit: "Count" },
            ],
          },
        ],
      },
      service: "hr-workflows",
      SweepErrors: 2,
      MailsGivenUp: 1,
    });
  });

  it("publishes zeros too (an alarm sees a healthy sweep), and nothing for no values", () => {
    const lines: string[] = [];
    publishMetrics("hr-workflows", { SweepErrors: 0 }, (l) => lines.push(l));
    publishMetrics("hr-workflows", {}, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).SweepErrors).toBe(0);
  });
});
