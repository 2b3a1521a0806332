// Composition root for AWS: clients, logger and configuration are created once per Lambda
// container and reused across invocations.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SESv2Client } from "@aws-sdk/client-sesv2";
import { SFNClient } from "@aws-sdk/client-sfn";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { systemClock } from "../adapters/clock";
import { DynamoStore } from "../adapters/dynamodb/store";
import { readEnv, stateMachineArns } from "../adapters/env";
import { createLogger } from "../adapters/logger";
import { SesMailer } from "../adapters/mail/ses-mailer";
import { loadLinkSigningKey } from "../adapters/secrets";
import { StepFunctionsEngine } from "../adapters/sfn-engine";
import { oidcVerifier, personCheckedVerifier, type TokenVerifier } from "../api/auth";
import type { Deps } from "../core/deps";
import { QueueingMailer } from "../core/usecases/mail-queue";

// CDK gives the link-signing secret only to functions that sign or check links (infra/house-function.ts).
export const env = readEnv(process.env, { linkSigningKey: "optional" });
export const logger = createLogger(process.env.POWERTOOLS_SERVICE_NAME ?? "hr-workflows", env.LOG_LEVEL);

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({}), {
  marshallOptions: { removeUndefinedValues: true },
});

let deps: Promise<Deps> | undefined;

/** Without the secret, signing a link fails loudly instead of signing with an empty key. */
async function withLinkSigningKey<T extends object>(config: T): Promise<T & { linkSigningKey: string }> {
  if (env.LINK_SIGNING_SECRET_ARN || env.LINK_SIGNING_KEY) {
    return { ...config, linkSigningKey: await loadLinkSigningKey(env) };
  }
  return Object.defineProperty(config, "linkSigningKey", {
    enumerable: true,
    get(): string {
      throw new Error(
        "This function has no link-signing key: CDK grants it only to functions that sign links.",
      );
    },
  }) as T & { linkSigningKey: string };
}

/** The dependencies of every use case, built on first use (the signing key is fetched once). */
export function awsDeps(): Promise<Deps> {
  const store = new DynamoStore(documentClient, env.TABLE_NAME);
  // Mail is queued in the table and tried once at once; the scheduler retries what SES refused.
  const mailTransport = new SesMailer(env.MAIL_FROM, new SESv2Client({}));
  deps ??= (async () => ({
    store,
    clock: systemClock,
    mailer: new QueueingMailer({ store, clock: systemClock, logger, transport: mailTransport }),
    mailTransport,
    engine: new StepFunctionsEngine(new SFNClient({}), {
      stateMachineArns: stateMachineArns(),
    }),
    logger,
    config: await withLinkSigningKey({
      publicBaseUrl: env.PUBLIC_BASE_URL,
      linkTtlDays: env.LINK_TTL_DAYS,
      hrEmail: env.HR_EMAIL,
      hrLocale: env.HR_LOCALE,
      reminderDaysBeforeDue: env.REMINDER_DAYS_BEFORE_DUE,
      requireSignInForContractEnd: env.REQUIRE_SIGN_IN_FOR_CONTRACT_END,
      keepTasksWithSubstituteAfterReturn: env.KEEP_TASKS_WITH_SUBSTITUTE,
    }),
  }))();
  return deps;
}

/**
 * The API's sign-in: the OIDC token, then the person as the store has them now (roles revoked or
 * people deleted lose access within 30 s); break-glass subjects bootstrap the first HR user.
 */
export function apiVerifier(people: Deps["store"]): TokenVerifier {
  const tokens = oidcVerifier({
    issuer: env.OIDC_ISSUER ?? "",
    audience: env.OIDC_AUDIENCE,
    jwksUrl: env.OIDC_JWKS_URL ?? "",
    rolesClaim: env.OIDC_ROLES_CLAIM,
    maxTokenAgeSeconds: env.OIDC_MAX_TOKEN_AGE_SECONDS,
  });
  return personCheckedVerifier(tokens, { people, breakGlassHr: env.BREAK_GLASS_HR, logger });
}
