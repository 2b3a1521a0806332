// Mail as a retried side effect: use cases queue mails in the store; the transport (SES, SMTP,
// the local outbox) is only ever called here, and its failure is recorded and retried with
// backoff, never thrown into a request, a workflow step or a workflow.
import { newId } from "../ids";
import type { QueuedMail } from "../model";
import type { Clock, Logger, Mailer, MailQueueStore, OutgoingMail } from "../ports";

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

/** One delivery attempt; the mail's new state is written unless another sweep attempted it first. */
async function attempt(deps: QueueDeps, mail: QueuedMail, report: DeliveryReport): Promise<void> {
  const now = deps.clock.now();
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
        mail.attempts,
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
    mail.attempts,
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
 * The Mailer the use cases get: `send` stores the mail (so it survives any crash after this
 * point) and makes one attempt at once so mail is not late when the transport works. It throws
 * only if the store cannot keep the mail, which the caller's own retry covers.
 */
export class QueueingMailer implements Mailer {
  constructor(private readonly deps: QueueDeps) {}

  async send(outgoing: OutgoingMail): Promise<void> {
    const now = this.deps.clock.now().toISOString();
    const mail: QueuedMail = {
      id: newId("mail", Date.parse(now)),
      ...outgoing,
      status: "pending",
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
    };
    await this.deps.store.queueMail(mail);
    await attempt(this.deps, mail, { sent: 0, retried: 0, givenUp: 0 }).catch((error: unknown) =>
      // The mail is queued: the sweep delivers it if this first attempt could not be recorded.
      this.deps.logger.warn("first mail attempt not recorded", {
        mailId: mail.id,
        error: (error as Error).name,
      }),
    );
  }
}
