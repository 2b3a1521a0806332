// `npm run clock -- +30d | +12h | 2027-01-15T09:00:00Z | next | show [--data-dir DIR]`: moves the
// running local system's virtual clock forward (never back) and runs the scheduler at once.
import { parseArgs } from "node:util";
import { runningSystemUrlOrExit } from "./state-file";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { "data-dir": { type: "string" } },
});
const arg = positionals[0] ?? "show";
const url = runningSystemUrlOrExit(values["data-dir"], "move the clock again");
let body: Record<string, unknown> | undefined;
const rel = /^\+(\d+)([dh])$/.exec(arg);
if (rel) body = rel[2] === "d" ? { days: Number(rel[1]) } : { hours: Number(rel[1]) };
else if (arg === "next") body = {};
else if (!Number.isNaN(Date.parse(arg))) body = { to: new Date(arg).toISOString() };
else if (arg !== "show") {
  console.error(`expected +Nd, +Nh, an ISO time, "next" or "show"; got '${arg}'`);
  process.exit(2);
}
const res = await fetch(
  `${url}/dev/clock${arg === "next" ? "/next" : ""}`,
  body ? { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) } : {},
);
const out = (await res.json()) as { now?: string; error?: { message: string } };
if (!res.ok) {
  console.error(out.error?.message ?? `failed: ${res.status}`);
  process.exit(1);
}
console.log(`Virtual time is now ${out.now}`);
