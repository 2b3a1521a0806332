import nodemailer from "nodemailer";
import type { Mailer, OutgoingMail } from "../../core/ports";

export class SmtpMailer implements Mailer {
  private readonly transport;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
      });
    } catch (error) {
      // The recipient and body stay out of the error: it may end up in logs.
      throw new Error(
        `SMTP send failed (${mail.tag}): ${(error as { code?: string }).code ?? (error as Error).name}`,
      );
    }
  }
}
