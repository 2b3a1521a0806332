// Where a running `npm start` says which URL it serves, for the CLIs next to it.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const DEFAULT_DATA_DIR = ".local/data";

export function runningSystemUrl(dataDir = process.env.DATA_DIR ?? DEFAULT_DATA_DIR): string | undefined {
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

/**
 * The URL of the system `npm start` runs with this data folder; exits with a message saying how to
 * start it, or how to point at one started with `--data-dir`.
 */
export function runningSystemUrlOrExit(dataDir: string | undefined, retry: string): string {
  const dir = dataDir ?? process.env.DATA_DIR ?? DEFAULT_DATA_DIR;
  const url = runningSystemUrl(dir);
  if (url) return url;
  console.error(
    `No local system is running with the data folder ${resolve(dir)}: start it with \`npm start\`` +
      ` (or, if it was started with --data-dir DIR, give the same --data-dir DIR here), then ${retry}.`,
  );
  process.exit(1);
}
