import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../../functions/adapters/clock";
import { redact } from "../../functions/adapters/logger";
import { OutboxMailer } from "../../functions/adapters/mail/outbox-mailer";
import { StepFunctionsEngine } from "../../functions/adapters/sfn-engine";

describe("log redaction", () => {
  it("hides tokens, emails, names and answers at any depth", () => {
    const out = redact({
      taskId: "t1",
      taskToken: "secret",
      nested: { email: "a@b.ee", name: "Mari", answers: { x: 1 }, kind: "k" },
    });
    expect(out).toEqual({
      taskId: "t1",
      taskToken: "[redacted]",
      nested: { email: "[redacted]", name: "[redacted]", answers: "[redacted]", kind: "k" },
    });
  });
});

describe("outbox mailer", () => {
  it("writes a proper .eml with an encoded Estonian subject, and lists newest first across instances", async () => {
    const dir = mkdtempSync(join(tmpdir(), "outbox-"));
    const outbox = new OutboxMailer(dir, "hr@example.ee");
    await outbox.send({
      to: "mari@example.ee",
      subject: "Katseaja vestlus – Mari Maasikas",
      text: "Tere! ä ö ü õ",
      html: "<p>Tere!</p>",
      tag: "t1",
    });
    await new Promise((r) => setTimeout(r, 5));
    await outbox.send({ to: "jaan@example.ee", subject: "Teine", text: "x", html: "<p>x</p>", tag: "t2" });
    const list = await new OutboxMailer(dir, "hr@example.ee").list();
    expect(list.map((m) => m.tag)).toEqual(["t2", "t1"]);
    const raw = (await outbox.raw(list[1]!.id))!.toString("utf8");
    expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(raw).toContain("multipart/alternative");
    expect(raw).toMatch(/^To: mari@example.ee/m);
    expect(await outbox.get("../../etc/passwd")).toBeUndefined();
    expect(readFileSync(join(dir, `${list[0]!.id}.json`), "utf8")).toContain("jaan@example.ee");
  });
});

describe("virtual clock", () => {
  it("only moves forward and keeps its offset in the settings store", async () => {
    const settings = new Map<string, unknown>();
    const store = {
      getSetting: async <T>(k: string) => settings.get(k) as T,
      putSetting: async <T>(k: string, v: T) => void settings.set(k, v),
    };
    const clock = await VirtualClock.load(store);
    await clock.advance(30 * 86_400_000);
    await expect(clock.advance(-1)).rejects.toThrow(/forward/);
    const reloaded = await VirtualClock.load(store);
    expect(reloaded.offsetMs).toBe(30 * 86_400_000);
    expect(reloaded.now().getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
  });
});

describe("Step Functions engine (AWS only, so a recording client stands in)", () => {
  const named = (name: string) => Object.assign(new Error(name), { name });
  it("treats an already-resolved token as done and a repeated start as the same execution", async () => {
    const sent: string[] = [];
    const client = {
      send: async (command: { constructor: { name: string } }) => {
        sent.push(command.constructor.name);
        if (command.constructor.name === "SendTaskSuccessCommand") throw named("TaskTimedOut");
        if (command.constructor.name === "StartExecutionCommand") throw named("ExecutionAlreadyExists");
        if (command.constructor.name === "DescribeExecutionCommand")
          return { executionArn: "arn:aws:states:eu-north-1:1:execution:sm:p1" };
        return {};
      },
    };
    const engine = new StepFunctionsEngine(client as never, {
      stateMachineArns: {
        probation: "arn:aws:states:eu-north-1:1:stateMachine:sm",
        annualReview: "arn:aws:states:eu-north-1:1:stateMachine:review",
        training: "arn:aws:states:eu-north-1:1:stateMachine:training",
      },
    });
    await expect(engine.sendTaskSuccess("token-value", {})).resolves.toBeUndefined();
    expect(await engine.start("probation", "p1", {})).toEqual({
      executionId: "arn:aws:states:eu-north-1:1:execution:sm:p1",
    });
    expect(sent).toEqual(["SendTaskSuccessCommand", "StartExecutionCommand", "DescribeExecutionCommand"]);
  });

  it("never puts the token in an error", async () => {
    const client = { send: async () => Promise.reject(named("ThrottlingException")) };
    const engine = new StepFunctionsEngine(client as never, {
      stateMachineArns: { probation: "sm", annualReview: "review", training: "training" },
    });
    await expect(engine.sendTaskSuccess("very-secret-token", {})).rejects.toThrow(
      /^Step Functions callback failed: ThrottlingException$/,
    );
  });
});

describe("configuration", () => {
  const base = {
    TABLE_NAME: "hr-table",
    PUBLIC_BASE_URL: "https://hr.example.ee/",
    LINK_SIGNING_KEY: "x".repeat(40),
    HR_EMAIL: "hr@example.ee",
    MAIL_FROM: "no-reply@example.ee",
  };
  it("reads a valid environment with defaults", async () => {
    const { readEnv } = await import("../../functions/adapters/env");
    expect(readEnv(base)).toMatchObject({
      PUBLIC_BASE_URL: "https://hr.example.ee",
      LINK_TTL_DAYS: 30,
      KEEP_TASKS_WITH_SUBSTITUTE: false,
    });
  });
  it("stops at start naming what is wrong", async () => {
    const { readEnv } = await import("../../functions/adapters/env");
    expect(() => readEnv({ ...base, HR_EMAIL: "nope" })).toThrow(/HR_EMAIL/);
    expect(() => readEnv({ ...base, LINK_SIGNING_KEY: undefined })).toThrow(
      /LINK_SIGNING_SECRET_ARN or LINK_SIGNING_KEY/,
    );
    expect(() => readEnv({ ...base, MAILER: "smtp" })).toThrow(/SMTP_URL/);
  });
});
