// The CLIs beside `npm start` find a system started with --data-dir when given the same flag, and
// say how when they cannot find it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSystem, startLocalProcess } from "../support/local-process";

const root = fileURLToPath(new URL("../..", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "hr-cli-"));
const elsewhere = mkdtempSync(join(tmpdir(), "hr-cli-none-"));
let system: RunningSystem;

const cli = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", `functions/local/${script}`, ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: "" },
  }).then(
    (out) => ({ code: 0, out: out.stdout + out.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      out: error.stdout + error.stderr,
    }),
  );

beforeAll(async () => {
  system = await startLocalProcess(dataDir);
}, 180_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(elsewhere, { recursive: true, force: true });
});

describe("CLIs with --data-dir", () => {
  it("npm run clock finds the system by its data folder, and explains --data-dir when it cannot", async () => {
    const found = await cli("clock-cli.ts", ["+1d", "--data-dir", dataDir]);
    expect(found.out).toMatch(/Virtual time is now/);
    expect(found.code).toBe(0);
    const missing = await cli("clock-cli.ts", ["show", "--data-dir", elsewhere]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/--data-dir/);
  });

  it("npm run import:jd stores on the system started with that data folder", async () => {
    const file = "functions/local/demo/ametijuhend-tallinna-klienditeeninduse-juht.md";
    const stored = await cli("import-jd.ts", [file, "--position", "tallinn-juht", "--data-dir", dataDir]);
    expect(stored.out).toMatch(/Stored on position tallinn-juht/);
    const missing = await cli("import-jd.ts", [file, "--data-dir", elsewhere]);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/--data-dir/);
  });
});
