// Where Debian's chromium is (playwright-core drives it; Playwright's own browser download cannot
// work here). CHROMIUM_PATH overrides. Undefined when there is none: browser tests then skip.
import { existsSync } from "node:fs";

export const chromiumPath: string | undefined = [
  process.env.CHROMIUM_PATH,
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
].find((p): p is string => !!p && existsSync(p));

if (!chromiumPath) {
  console.warn(
    "Browser tests SKIPPED: no chromium found (looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser). Install it with `sudo apt-get install -y chromium`.",
  );
}
