// `npm start`: the whole system on this machine. Flags: --in-memory (throwaway data),
// --port N (default 3000, 0 = any free), --data-dir DIR (default .local/data), --no-demo.
import { parseArgs } from "node:util";
import { DEFAULT_DATA_DIR } from "./state-file";
import { startLocalSystem } from "./system";

const { values } = parseArgs({
  options: {
    "in-memory": { type: "boolean", default: false },
    port: { type: "string", default: process.env.PORT ?? "3000" },
    host: { type: "string", default: "127.0.0.1" },
    "data-dir": { type: "string", default: process.env.DATA_DIR ?? DEFAULT_DATA_DIR },
    "sweep-interval-ms": { type: "string", default: process.env.SWEEP_INTERVAL_MS ?? "5000" },
    "no-demo": { type: "boolean", default: false },
  },
});

// The AWS SDK warns on every start that releases after January 2027 need Node 22. Locally it only
// talks to DynamoDB Local, at the version package-lock.json pins, and Lambda runs Node 24 (set in
// infra/): the warning tells a local user nothing they can act on. The README says which Node runs where.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port: expected a port number, got '${values.port}'`);
  process.exit(2);
}

const started = Date.now();
const system = await startLocalSystem({
  dataDir: values["data-dir"]!,
  inMemory: values["in-memory"]!,
  host: values.host!,
  port,
  sweepIntervalMs: Number(values["sweep-interval-ms"]),
  seedDemo: !values["no-demo"],
  mailFrom: process.env.MAIL_FROM ?? "hr-workflows@example.ee",
  hrEmail: process.env.HR_EMAIL ?? "personal@example.ee",
  smtpUrl: process.env.MAILER === "smtp" ? process.env.SMTP_URL : undefined,
  quiet: process.env.QUIET === "true",
}).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

const u = system.url;
console.log(`
HR workflows are running (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)${system.seeded ? ", demo organisation loaded" : ""}.

  Start page        ${u}/
  Mail outbox       ${u}/dev/outbox
  Dev sign-in       ${u}/dev/sign-in      (tokens for the demo people)
  Virtual clock     ${u}/dev/clock        (now ${system.clock.now().toISOString()})
  API document      ${u}/openapi.json
  Data              ${values["in-memory"] ? "in memory (gone when you stop)" : system.dataDir}

Try first: open the start page, press "Register a demo hire", then "Advance to the next task"
(or \`npm run clock -- next\`), and open the outbox: the lead's one mail links to the
mid-probation conversation, open and not yet overdue.
Stop with Ctrl-C.
READY ${u}
`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log("Stopping...");
    await system.stop();
    process.exit(0);
  });
}
