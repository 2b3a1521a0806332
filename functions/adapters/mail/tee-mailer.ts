import type { Mailer, OutgoingMail } from "../../core/ports";

/** Sends every mail through each mailer in turn (local mode: the outbox and SMTP). */
export class TeeMailer implements Mailer {
  constructor(private readonly mailers: Mailer[]) {}

  async send(mail: OutgoingMail): Promise<void> {
    for (const mailer of this.mailers) await mailer.send(mail);
  }
}
