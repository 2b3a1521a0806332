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
