// Mail as a retried side effect: use cases queue mails in the store; the transport (SES, SMTP,
// the local outbox) is only ever called here, and its failure is recorded and retried with
// backoff, never thrown into a request, a workflow step or a workflow.
import { idFor, newId } from "../ids";
import type { QueuedMail } from "../model";
import {
  type Clock,
  ConditionFailed,
  type Logger,
  type Mailer,
  type MailQueueStore,
  type OutgoingMail,
} from "../ports";

/** Attempts before a mail is given up (and an alarm fires): about a day of retries. */
export const MAX_MAIL_ATTEMPTS = 8;

/** 1, 2, 4, ... minutes, at most six hours between attempts. */
export const backoffMs = (attempts: number) => Math.min(2 ** Math.max(0, attempts - 1), 360) * 60_000;

interface QueueDeps {
  store: MailQueueStore;
  clock: Clock;
  logger: Pick<Logger, "info" | "warn" | "error">;
  transport: Mailer;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  givenUp: number;
}

/** How long a sender holds a mail it is sending before another may try it (a crash mid-send). */
export const MAIL_CLAIM_MS = 5 * 60_000;

/**
 * One delivery attempt. The sender first claims the mail (moves its next attempt past the claim),
 * so a request's first attempt and a sweep that lists the same mail never both send it; a sender
 * that dies mid-send leaves the mail to be tried again once the claim runs out.
 */
async function attempt(deps: QueueDeps, mail: QueuedMail, report: DeliveryReport): Promise<void> {
  const now = deps.clock.now();
  const claimed: QueuedMail = {
    ...mail,
    nextAttemptAt: new Date(now.getTime() + MAIL_CLAIM_MS).toISOString(),
  };
  if (!(await deps.store.updateQueuedMail(claimed, mail))) return; // another sender has it
  try {
    await deps.transport.send({
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      tag: mail.tag,
    });
  } catch (error) {
    const attempts = mail.attempts + 1;
    const givenUp = attempts >= MAX_MAIL_ATTEMPTS;
    const lastError = ((error as Error).name || "Error").slice(0, 200);
    if (
      await deps.store.updateQueuedMail(
        {
          ...mail,
          attempts,
          lastError,
          status: givenUp ? "given_up" : "pending",
          nextAttemptAt: new Date(now.getTime() + backoffMs(attempts)).toISOString(),
        },
        claimed,
      )
    ) {
      if (givenUp) {
        report.givenUp++;
        // The metric behind the "mails given up" alarm (MailsGivenUp); no address or text in it.
        deps.logger.error("mail given up", {
          mailId: mail.id,
          tag: mail.tag,
          attempts,
          error: lastError,
          metric: "MailsGivenUp",
        });
      } else {
        report.retried++;
        deps.logger.warn("mail delivery failed; will retry", { mailId: mail.id, attempts, error: lastError });
      }
    }
    return;
  }
  await deps.store.updateQueuedMail(
    { ...mail, status: "sent", attempts: mail.attempts + 1, sentAt: now.toISOString(), lastError: undefined },
    claimed,
  );
  report.sent++;
}

/** The sweep's part: every pending mail that is due gets one attempt. */
export async function deliverDueMails(deps: QueueDeps, limit = 200): Promise<DeliveryReport> {
  const report: DeliveryReport = { sent: 0, retried: 0, givenUp: 0 };
  for (const mail of await deps.store.listMailsDue(deps.clock.now().toISOString(), limit)) {
    await attempt(deps, mail, report);
  }
  return report;
}

/**
 * A mail as the queue keeps it, ready to be stored with the write that causes it (Effects.mails).
 * A keyed mail has the key's id, so a retried write or step cannot queue it twice.
 */
export function composeMail(clock: Clock, outgoing: OutgoingMail): QueuedMail {
  const now = clock.now().toISOString();
  const { key, ...mail } = outgoing;
  return {
    id: key ? idFor("mail", key) : newId("mail", Date.parse(now)),
    ...mail,
    status: "pending",
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
  };
}

/** After the write that stored them: one attempt now (a mailer with no queue just sends them). */
export async function dispatchMails(mailer: Mailer, mails: QueuedMail[]): Promise<void> {
  if (mails.length === 0) return;
  if (mailer.deliverQueued) return mailer.deliverQueued(mails);
  for (const { to, subject, text, html, tag } of mails) await mailer.send({ to, subject, text, html, tag });
}

/**
 * The Mailer the use cases get: `send` stores the mail (so it survives any crash after this
 * point) and makes one attempt at once so mail is not late when the transport works. It throws
 * only if the store cannot keep the mail, which the caller's own retry covers.
 */
export class QueueingMailer implements Mailer {
  constructor(private readonly deps: QueueDeps) {}

  async send(outgoing: OutgoingMail): Promise<void> {
    const mail = composeMail(this.deps.clock, outgoing);
    try {
      await this.deps.store.queueMail(mail);
    } catch (error) {
      // A keyed mail queued before (a retried step): it is on its way already.
      if (outgoing.key && error instanceof ConditionFailed) return;
      throw error;
    }
    await this.deliverQueued([mail]);
  }

  async deliverQueued(mails: QueuedMail[]): Promise<void> {
    for (const mail of mails) {
      await attempt(this.deps, mail, { sent: 0, retried: 0, givenUp: 0 }).catch((error: unknown) =>
        // The mail is queued: the sweep delivers it if this first attempt could not be recorded.
        this.deps.logger.warn("first mail attempt not recorded", {
          mailId: mail.id,
          error: (error as Error).name,
        }),
      );
    }
  }
}
