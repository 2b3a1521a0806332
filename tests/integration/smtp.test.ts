// Mail that leaves the process: the SMTP mailer against a real SMTP server on 127.0.0.1.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SmtpMailer } from "../../functions/adapters/mail/smtp-mailer";

const received: Array<{ from: string; to: string[]; raw: string }> = [];
let server: SMTPServer;
let port: number;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, done) {
      let raw = "";
      stream.on("data", (chunk: Buffer) => (raw += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it("delivers a task mail over SMTP with an encoded Estonian subject", async () => {
  const mailer = new SmtpMailer(`smtp://127.0.0.1:${port}?ignoreTLS=true`, "hr-workflows@example.ee");
  await mailer.send({
    to: "tiina.tamm@example.ee",
    subject: "Katseaja vahevestlus – Tõnu Töötaja",
    text: "Tere! Link: http://x/l/abc",
    html: "<p>Tere!</p>",
    tag: "t",
  });
  expect(received).toHaveLength(1);
  expect(received[0]).toMatchObject({ from: "hr-workflows@example.ee", to: ["tiina.tamm@example.ee"] });
  expect(received[0]!.raw).toMatch(/^Subject: =\?UTF-8\?/m);
});

it("reports a failed delivery without the recipient or body", async () => {
  const mailer = new SmtpMailer(
    "smtp://127.0.0.1:1?ignoreTLS=true&connectionTimeout=2000",
    "hr-workflows@example.ee",
  );
  const error = await mailer
    .send({ to: "secret.person@example.ee", subject: "s", text: "private", html: "", tag: "task:x" })
    .catch((e: Error) => e);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(/^SMTP send failed \(task:x\)/);
  expect((error as Error).message).not.toContain("secret.person");
});
