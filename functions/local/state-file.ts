// Where a running `npm start` says which URL it serves, for the CLIs next to it.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export function runningSystemUrl(dataDir = process.env.DATA_DIR ?? ".local/data"): string | undefined {
  const file = join(resolve(dataDir), "state.json");
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, "utf8")) as { url?: string }).url;
  } catch {
    return undefined;
  }
}

export async function devToken(url: string, employeeId = "helena-org"): Promise<string> {
  const res = await fetch(`${url}/dev/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ employeeId }),
  });
  if (!res.ok) throw new Error(`dev sign-in failed: ${res.status}`);
  return ((await res.json()) as { token: string }).token;
}
