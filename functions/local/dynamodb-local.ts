// DynamoDB Local, Amazon's own emulator (transactions, TTL, real error shapes). Its jar ships in
// the npm package amplify-dynamodb-simulator; we fetch only that package's tarball with `npm pack`
// (installing it would pull ~280 dependencies) and cache the extracted emulator.
//
// The jar has no option to choose the listening address (its -help lists none, and it builds its
// Jetty server from the port alone), so it listens on every interface. Its default CORS setting
// grants no browser origin, so web pages cannot read it; keep the port firewalled on shared networks.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { homedir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";

const VERSION = "2.9.30";
const PACKAGE = `amplify-dynamodb-simulator@${VERSION}`;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

const JAVA_MISSING =
  "Java 17+ is required for DynamoDB Local and was not found: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17; or set JAVA_BIN).";
const JAVA_TOO_OLD =
  "DynamoDB Local needs Java 17 or newer: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; macOS: brew install openjdk@17; or set JAVA_BIN).";

/** `$DYNAMODB_LOCAL_DIR`, else `$XDG_CACHE_HOME/hr-workflows`, else `~/.cache/hr-workflows`. */
function cacheRoot(): string {
  if (process.env.DYNAMODB_LOCAL_DIR) return process.env.DYNAMODB_LOCAL_DIR;
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "hr-workflows");
}

const hasJar = (dir: string) => existsSync(join(dir, "DynamoDBLocal.jar"));

/** Runs a command to completion; resolves with its output, rejects with a message naming it. */
function run(command: string, args: string[], cwd?: string): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
      shell: process.platform === "win32", // npm is npm.cmd there
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    child.once("error", (error) => reject(new Error(`${command}: ${error.message}`)));
    child.once("close", (code) =>
      code === 0
        ? resolve({ stdout, stderr })
        : reject(new Error(`${command} ${args[0]} exited with code ${code}: ${stderr.trim()}`)),
    );
  });
}

/**
 * The folder holding DynamoDBLocal.jar and DynamoDBLocal_lib, downloaded once through the npm
 * registry. Safe to call from several processes at once: each extracts into its own temporary
 * folder and renames it into place; whoever loses the rename uses the winner's copy.
 */
export async function ensureDynamoDbLocal(): Promise<string> {
  const root = cacheRoot();
  const target = join(root, `dynamodb-local-${VERSION}`);
  if (hasJar(target)) return target;
  mkdirSync(root, { recursive: true });
  const work = mkdtempSync(join(root, ".download-"));
  try {
    let tarball: string;
    try {
      const { stdout } = await run("npm", ["pack", PACKAGE, "--pack-destination", work, "--json"]);
      const [info] = JSON.parse(stdout) as Array<{ filename: string }>;
      tarball = join(work, info!.filename);
    } catch (error) {
      throw new Error(
        `Could not fetch DynamoDB Local (${PACKAGE}) from the npm registry, which is needed once to download it ` +
          `(then cached in ${target}; or set DYNAMODB_LOCAL_DIR to a folder holding dynamodb-local-${VERSION}): ` +
          (error as Error).message,
      );
    }
    await run("tar", ["-xzf", tarball, "-C", work, "package/emulator"]).catch((error: Error) => {
      throw new Error(`Could not extract DynamoDB Local from ${tarball}: ${error.message}`);
    });
    const extracted = join(work, "package", "emulator");
    if (!hasJar(extracted)) throw new Error(`${PACKAGE} has no emulator/DynamoDBLocal.jar`);
    try {
      renameSync(extracted, target); // atomic: others see the whole folder or none of it
    } catch (error) {
      if (!hasJar(target)) throw error; // anything but "someone else was first"
    }
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Binds port 0 on all interfaces, as DynamoDB Local will, so the port is free on every one. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

/** A client for DynamoDB Local: any region and credentials are accepted; these are fixed. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 5,
  });
}

export interface RunningDynamoDb {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  port: number;
  /** SIGTERM, then SIGKILL after 5 s; resolves once the process has exited. Safe to call twice. */
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  /** 0 or omitted: a free port. */
  port?: number;
  /** Where the database file lives (created if missing); omitted: in memory, gone on stop. */
  dataDir?: string;
}

/**
 * POSIX: java runs under a small sh guard that stops it when our end of its stdin closes, which
 * happens however this process ends (even by SIGKILL), and forwards SIGTERM to it. The guard and
 * java share a process group, so a SIGKILL to the group leaves nothing behind.
 */
const GUARD = [
  "exec 3<&0",
  '"$@" </dev/null &',
  "pid=$!",
  "trap 'kill -TERM \"$pid\" 2>/dev/null' TERM INT HUP",
  '( cat <&3 >/dev/null 2>&1; kill -TERM "$pid" 2>/dev/null ) &',
  'wait "$pid"; status=$?',
  'while kill -0 "$pid" 2>/dev/null; do wait "$pid"; status=$?; done',
  'exit "$status"',
].join("\n");

class StartFailure extends Error {
  constructor(
    message: string,
    readonly portTaken = false,
  ) {
    super(message);
  }
}

/** Starts DynamoDB Local and resolves once it answers ListTables. */
export async function startDynamoDbLocal(opts: DynamoDbLocalOptions = {}): Promise<RunningDynamoDb> {
  const dir = await ensureDynamoDbLocal();
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  if (opts.port) {
    if (!(await portIsFree(opts.port)))
      throw new Error(`DynamoDB Local: port ${opts.port} is already in use`);
    return launch(dir, opts.port, opts.dataDir);
  }
  // A port picked free can be taken before java binds it: pick again then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(dir, await freePort(), opts.dataDir);
    } catch (error) {
      if (!(error instanceof StartFailure && error.portTaken) || attempt >= 3) throw error;
    }
  }
}

async function launch(dir: string, port: number, dataDir: string | undefined): Promise<RunningDynamoDb> {
  const java = process.env.JAVA_BIN || "java";
  const javaArgs = [
    // In memory (tests, --in-memory) every item lives on the JVM heap: a 10,000-person cycle
    // needs more than the default (DYNAMODB_LOCAL_HEAP, e.g. 3g; the bench sets it).
    `-Xmx${/^\d+[mg]$/.test(process.env.DYNAMODB_LOCAL_HEAP ?? "") ? process.env.DYNAMODB_LOCAL_HEAP : "512m"}`,
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-disableTelemetry",
    "-port",
    String(port),
    ...(dataDir ? ["-dbPath", dataDir, "-sharedDb"] : ["-inMemory"]),
  ];
  const guarded = process.platform !== "win32";
  const child: ChildProcess = guarded
    ? spawn("sh", ["-c", GUARD, "dynamodb-local", java, ...javaArgs], {
        cwd: dir,
        stdio: ["pipe", "pipe", "pipe"],
        detached: true, // own process group: see GUARD
      })
    : spawn(java, javaArgs, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });

  let log = "";
  const append = (d: Buffer) => {
    log = (log + d).slice(-8000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  const lastLines = () => log.trim().split("\n").slice(-15).join("\n");

  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (guarded && child.pid) process.kill(-child.pid, signal);
      else child.kill(signal);
    } catch {
      // already gone
    }
  };
  const killOnExit = () => killGroup("SIGKILL");
  process.once("exit", killOnExit);

  const exited = new Promise<number | null>((resolve) => {
    child.once("exit", (code) => {
      process.removeListener("exit", killOnExit);
      child.stdin?.destroy(); // lets the guard's watcher end
      resolve(code);
    });
  });
  let spawnError: NodeJS.ErrnoException | undefined;
  child.once("error", (error) => {
    spawnError = error;
  });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null && !spawnError) {
        const force = setTimeout(() => killGroup("SIGKILL"), STOP_GRACE_MS);
        killGroup("SIGTERM");
        await exited;
        clearTimeout(force);
      }
    })();
    return stopping;
  };

  const failure = (): StartFailure | undefined => {
    if (spawnError) return new StartFailure(spawnError.code === "ENOENT" ? JAVA_MISSING : spawnError.message);
    if (/UnsupportedClassVersionError/.test(log)) return new StartFailure(JAVA_TOO_OLD);
    if (/Failed to bind|BindException/.test(log)) {
      return new StartFailure(`DynamoDB Local: port ${port} is already in use`, true);
    }
    if (child.exitCode !== null || child.signalCode !== null) {
      if (child.exitCode === 127) return new StartFailure(JAVA_MISSING);
      return new StartFailure(
        `DynamoDB Local exited (${child.exitCode ?? child.signalCode}) while starting:\n${lastLines()}`,
      );
    }
    return undefined;
  };

  const endpoint = `http://127.0.0.1:${port}`;
  // One attempt per probe with short timeouts: a port that accepts and never answers cannot stall us.
  const probe = new DynamoDBClient({
    endpoint,
    region: "eu-north-1",
    credentials: { accessKeyId: "local", secretAccessKey: "local" },
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1000, requestTimeout: 2000 },
  });
  const deadline = Date.now() + START_TIMEOUT_MS;
  try {
    for (;;) {
      const early = failure();
      if (early) throw early;
      // Answers count only once java has printed its configuration: until then whatever answers is not it.
      if (log.includes("Initializing DynamoDB Local")) {
        const ok = await probe.send(new ListTablesCommand({})).then(
          () => true,
          () => false,
        );
        const late = failure();
        if (late) throw late;
        if (ok) break;
      }
      if (Date.now() > deadline) {
        throw new StartFailure(
          `DynamoDB Local did not answer on ${endpoint} within ${START_TIMEOUT_MS / 1000} s:\n${lastLines()}`,
        );
      }
      await Promise.race([new Promise((r) => setTimeout(r, 100)), exited]);
    }
  } catch (error) {
    await stop();
    throw error;
  } finally {
    probe.destroy();
  }
  return { endpoint, port, stop };
}
