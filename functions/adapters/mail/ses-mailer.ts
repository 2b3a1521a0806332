import { type SESv2Client, SendEmailCommand } from "@aws-sdk/client-sesv2";
import type { Mailer, OutgoingMail } from "../../core/ports";

export class SesMailer implements Mailer {
  constructor(
    private readonly from: string,
    private readonly client: Pick<SESv2Client, "send">,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    try {
      await this.client.send(
        new SendEmailCommand({
          FromEmailAddress: this.from,
          Destination: { ToAddresses: [mail.to] },
          Content: {
            Simple: {
              Subject: { Data: mail.subject, Charset: "UTF-8" },
              Body: {
                Text: { Data: mail.text, Charset: "UTF-8" },
                Html: { Data: mail.html, Charset: "UTF-8" },
              },
            },
          },
          EmailTags: [{ Name: "kind", Value: mail.tag.replace(/[^A-Za-z0-9_-]/g, "_") }],
        }),
      );
    } catch (error) {
      throw new Error(`SES send failed (${mail.tag}): ${(error as Error).name}`);
    }
  }
}
