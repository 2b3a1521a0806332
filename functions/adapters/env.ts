// Process configuration, read once and validated: a missing or malformed variable stops the
// process at start with a message naming it, instead of failing on the first request.
import { z } from "zod";
import { stateMachineArnEnv, type WorkflowName, workflowNames } from "../core/workflows/registry";

const flag = z
  .enum(["true", "false", "1", "0"])
  .default("false")
  .transform((v) => v === "true" || v === "1");

export const EnvSchema = z.object({
  TABLE_NAME: z.string().min(3),
  /** Public origin of the email-link pages, e.g. https://hr.example.ee (no trailing slash). */
  PUBLIC_BASE_URL: z.url().transform((u) => u.replace(/\/+$/, "")),
  /** AWS: the Secrets Manager secret holding the link-signing key. */
  LINK_SIGNING_SECRET_ARN: z.string().optional(),
  /** Local: the link-signing key itself (at least 32 characters). */
  LINK_SIGNING_KEY: z.string().min(32).optional(),
  LINK_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  REMINDER_DAYS_BEFORE_DUE: z.coerce.number().int().min(0).max(60).default(3),
  REQUIRE_SIGN_IN_FOR_CONTRACT_END: flag,
  /** When a lead returns from an absence, open tasks stay with the substitute. */
  KEEP_TASKS_WITH_SUBSTITUTE: flag,
  HR_EMAIL: z.email(),
  /** The language of HR's mails and record pages. */
  HR_LOCALE: z.enum(["et", "en"]).default("et"),
  MAIL_FROM: z.email(),
  MAILER: z.enum(["ses", "smtp", "outbox"]).default("ses"),
  /** smtp://user:pass@host:port when MAILER=smtp. */
  SMTP_URL: z.string().optional(),
  OIDC_ISSUER: z.string().optional(),
  OIDC_AUDIENCE: z.string().default("hr-workflows"),
  OIDC_JWKS_URL: z.url().optional(),
  /** The HR console's OIDC client (authorization code + PKCE); without it the console offers no sign-in. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** The console client's secret (a confidential client); leave unset for a public client. */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** AWS: the Secrets Manager secret holding the console client's secret (CDK: oidcConfidentialClient). */
  OIDC_CLIENT_SECRET_ARN: z.string().min(1).optional(),
  /** Claim that carries the roles (hr, lead, employee), e.g. "roles" or "cognito:groups". */
  OIDC_ROLES_CLAIM: z.string().default("roles"),
  /** Tokens issued longer ago than this are refused, whatever their `exp` says. */
  OIDC_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().min(300).max(86_400).default(43_200),
  /**
   * Break-glass HR: comma-separated token subjects (or emails, matched only when the token says
   * `email_verified: true`) that hold `hr` without an employee record, so that the first HR user
   * can sign in to an empty system. Their token must still claim `hr`. Empty once HR is set up.
   */
  BREAK_GLASS_HR: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().min(3).max(256)).max(10)),
  LOG_LEVEL: z.enum(["DEBUG", "INFO", "WARN", "ERROR"]).default("INFO"),
});
export type Env = z.infer<typeof EnvSchema>;

export function readEnv(
  source: Record<string, string | undefined> = process.env,
  // In AWS only functions that sign or check email links get the key (least privilege).
  options: { linkSigningKey: "required" | "optional" } = { linkSigningKey: "required" },
): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const hasKey = parsed.data.LINK_SIGNING_SECRET_ARN || parsed.data.LINK_SIGNING_KEY;
  if (!hasKey && options.linkSigningKey === "required") {
    throw new Error("Invalid configuration:\n  LINK_SIGNING_SECRET_ARN or LINK_SIGNING_KEY must be set");
  }
  if (parsed.data.MAILER === "smtp" && !parsed.data.SMTP_URL) {
    throw new Error("Invalid configuration:\n  SMTP_URL: required when MAILER=smtp");
  }
  return parsed.data;
}

const StateMachineArn = z
  .string()
  .regex(/^arn:[\w-]+:states:[\w-]+:\d{12}:stateMachine:[\w-]+$/, "not a state machine ARN");

/**
 * Each workflow's state machine ARN, from `<WORKFLOW>_STATE_MACHINE_ARN` (CDK sets them for the
 * functions that start or stop executions). A function without them never starts one.
 */
export function stateMachineArns(
  source: Record<string, string | undefined> = process.env,
): Record<WorkflowName, string> {
  return Object.fromEntries(
    workflowNames.map((w) => {
      const value = source[stateMachineArnEnv(w)];
      if (value !== undefined && !StateMachineArn.safeParse(value).success) {
        throw new Error(`Invalid configuration:\n  ${stateMachineArnEnv(w)}: not a state machine ARN`);
      }
      return [w, value ?? ""];
    }),
  ) as Record<WorkflowName, string>;
}
