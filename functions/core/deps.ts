// Everything a use case may touch, created once per process by the composition root
// (functions/handlers/* in AWS, functions/local/* on one machine).
import type { Locale } from "./model";
import type { Clock, Logger, Mailer, Store, WorkflowEngine } from "./ports";

export interface DomainConfig {
  /** Base URL of the public site that serves the email-link pages, without a trailing slash. */
  publicBaseUrl: string;
  /** Key for HMAC signatures on email links and form nonces. */
  linkSigningKey: string;
  /** How long an email link stays valid. */
  linkTtlDays: number;
  /** Where HR notifications go. */
  hrEmail: string;
  /** The language of HR's mails and of the HR record pages (default: Estonian). */
  hrLocale?: Locale;
  /** Days before the due date when the assignee gets a reminder. */
  reminderDaysBeforeDue: number;
  /** Ending a contract in probation needs a signed-in lead, not just the email link (DESIGN §6). */
  requireSignInForContractEnd: boolean;
  /** When a lead returns, open tasks stay with the substitute instead of returning (default: return). */
  keepTasksWithSubstituteAfterReturn?: boolean;
}

export interface Deps {
  store: Store;
  clock: Clock;
  /** What use cases send with: in the running system a QueueingMailer, so sending never fails them. */
  mailer: Mailer;
  /** The transport behind the queue (SES, SMTP, the local outbox), used by the sweep's retries. */
  mailTransport?: Mailer;
  engine: WorkflowEngine;
  logger: Logger;
  config: DomainConfig;
}
