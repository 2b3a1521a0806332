// Local mode's mailer: every mail becomes an .eml file (plus a JSON sidecar for the outbox page).
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import nodemailer from "nodemailer";
import { newId } from "../../core/ids";
import { MailMessage } from "../../core/model";
import type { Mailer, OutgoingMail } from "../../core/ports";

const SAFE_ID = /^mail_[A-Za-z0-9]+$/;

export class OutboxMailer implements Mailer {
  private readonly composer = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "unix",
  });

  constructor(
    private readonly folder: string,
    private readonly from: string,
  ) {}

  async send(mail: OutgoingMail): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    const id = newId("mail");
    const info = (await this.composer.sendMail({
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    })) as unknown as {
      message: Buffer;
    };
    const record: MailMessage = {
      id,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      tag: mail.tag,
      sentAt: new Date().toISOString(),
    };
    await writeFile(join(this.folder, `${id}.eml`), info.message);
    await writeFile(join(this.folder, `${id}.json`), JSON.stringify(record));
  }

  async list(): Promise<MailMessage[]> {
    const files = await readdir(this.folder).catch(() => [] as string[]);
    const ids = files
      .filter((f) => f.endsWith(".json"))
      .map((f) => f.slice(0, -5))
      .sort()
      .reverse();
    return Promise.all(ids.map((id) => this.get(id) as Promise<MailMessage>));
  }

  async get(id: string): Promise<MailMessage | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    const text = await readFile(join(this.folder, `${id}.json`), "utf8").catch(() => undefined);
    return text ? MailMessage.parse(JSON.parse(text)) : undefined;
  }

  async raw(id: string): Promise<Buffer | undefined> {
    if (!SAFE_ID.test(id)) return undefined;
    return readFile(join(this.folder, `${id}.eml`)).catch(() => undefined);
  }
}
