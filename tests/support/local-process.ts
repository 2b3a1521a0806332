// Starts the real local system (`npm start`'s entry) as a child process and stops it, for e2e tests.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface RunningSystem {
  url: string;
  process: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

export async function startLocalProcess(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<RunningSystem> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "functions/local/main.ts",
      "--data-dir",
      dataDir,
      "--port",
      "0",
      "--sweep-interval-ms",
      "500",
    ],
    { cwd: root, env: { ...process.env, QUIET: "true", ...extraEnv }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local system did not start in 90 s:\n${out}`)), 90_000);
    const check = () => {
      const m = /READY (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`local system exited with ${code}:\n${out}`));
    });
  });
  return {
    url,
    process: child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill("SIGKILL"), 20_000);
        child.once("exit", () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

export interface OutboxMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  tag: string;
  sentAt: string;
}

/** HTTP helpers against a running local system; `current` is read per call, so restarts are followed. */
export function localClient(current: () => RunningSystem) {
  const api = (path: string, init: RequestInit & { token?: string } = {}) => {
    const headers = new Headers(init.headers);
    if (init.token) headers.set("authorization", `Bearer ${init.token}`);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    return fetch(`${current().url}${path}`, { ...init, headers, redirect: "manual" });
  };
  const mails = async () => (await (await api("/dev/outbox.json")).json()) as OutboxMail[];
  return {
    api,
    mails,
    async signIn(employeeId: string): Promise<string> {
      const res = await api("/dev/sign-in", { method: "POST", body: JSON.stringify({ employeeId }) });
      if (res.status !== 200) throw new Error(`dev sign-in failed: ${res.status}`);
      return ((await res.json()) as { token: string }).token;
    },
    async advanceDays(days: number) {
      const res = await api("/dev/clock", { method: "POST", body: JSON.stringify({ days }) });
      if (res.status !== 200) throw new Error(`clock refused: ${await res.text()}`);
    },
    /** Polls (running the scheduler between tries) until `probe` answers. */
    async waitFor<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const found = await probe();
        if (found) return found;
        await api("/dev/sweep", { method: "POST", headers: { "content-type": "application/json" } });
        await new Promise((r) => setTimeout(r, 300));
      }
      throw new Error(`timed out waiting for ${what}\n${current().output()}`);
    },
    submitForm: (path: string, fields: Record<string, string>) =>
      api(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
      }),
  };
}

export function linkIn(mail: OutboxMail): string {
  const m = /(http:\/\/\S+\/l\/\S+)/.exec(mail.text);
  if (!m) throw new Error(`no link in mail ${mail.subject}`);
  return new URL(m[1]!).pathname;
}

export const nonceIn = (html: string) => /name="nonce" value="([^"]+)"/.exec(html)?.[1] ?? "";
