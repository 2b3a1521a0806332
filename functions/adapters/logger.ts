// Structured JSON logs (Powertools) with a correlation id, and a redaction layer so that a careless
// call cannot leak personal data, answers or task tokens.
import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import type { Logger } from "../core/ports";

const SENSITIVE = /token|email|answers|password|authorization|^name$|body|secret|cookie/i;

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      SENSITIVE.test(k) ? "[redacted]" : redact(v, depth + 1),
    ]),
  );
}

export interface AppLogger extends Logger {
  withCorrelation(id: string): AppLogger;
}

type Level = "DEBUG" | "INFO" | "WARN" | "ERROR";

export function createLogger(service: string, level = "INFO", base?: PowertoolsLogger): AppLogger {
  const logger =
    base ??
    new PowertoolsLogger({ serviceName: service, logLevel: (level.toUpperCase() as Level) ?? "INFO" });
  const log =
    (fn: "debug" | "info" | "warn" | "error") => (message: string, extra?: Record<string, unknown>) => {
      if (extra) logger[fn](message, redact(extra) as Record<string, unknown>);
      else logger[fn](message);
    };
  return {
    debug: log("debug"),
    info: log("info"),
    warn: log("warn"),
    error: log("error"),
    withCorrelation(id: string) {
      return createLogger(service, level, logger.createChild({ persistentKeys: { correlationId: id } }));
    },
  };
}
