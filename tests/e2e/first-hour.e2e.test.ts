// A newcomer's first hour on `npm start`: the start page's "try first" story lands on one open,
// not yet overdue task with one mail, and every link and form on every page answers (no 404,
// no 5xx), as a crawl that also presses every button.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalSystem } from "../../functions/local/system";
import { startTestSystem } from "../support/local-system";

let system: LocalSystem;

beforeAll(async () => {
  system = await startTestSystem("first-hour");
});

afterAll(async () => {
  await system?.stop();
});

const form = (path: string, fields: Record<string, string> = {}) =>
  fetch(`${system.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "follow",
  });

interface Mail {
  to: string;
  subject: string;
  text: string;
  tag: string;
}

describe("the first hour on the local system", () => {
  it("the start page's three steps land on one open, not yet overdue task and one mail", async () => {
    // The start page is the console's sign-in chooser; its developer menu leads to /dev/.
    const start = await fetch(`${system.url}/`);
    expect(start.status).toBe(200);
    expect(await start.text()).toContain('href="/dev/"');
    const dev = await fetch(`${system.url}/dev/`);
    expect(await dev.text()).toContain("Advance to the next task");

    expect((await form("/dev/demo-hire")).status).toBe(200);
    expect((await form("/dev/clock/next")).status).toBe(200);

    const mails = (await (await fetch(`${system.url}/dev/outbox.json`)).json()) as Mail[];
    expect(mails.map((m) => m.tag)).toEqual(["task:probation.midConversation"]);
    const link = /(http:\/\/\S+\/l\/\S+)/.exec(mails[0]!.text)![1]!;
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('name="nonce"');
    const employee = (await system.deps.store.listEmployees()).find((e) => e.id.startsWith("hire-"))!;
    const [task] = await system.deps.store.listTasks({ subjectId: employee.id, status: "open" });
    expect(task?.kind).toBe("probation.midConversation");
    expect(task!.dueDate > system.clock.now().toISOString().slice(0, 10)).toBe(true);
  });

  it("every link and form of every page answers without 404 or 5xx", async () => {
    const origin = new URL(system.url).origin;
    const seen = new Map<string, number>();
    const queue: Array<{ method: "GET" | "POST"; url: string; fields?: Record<string, string> }> = [
      { method: "GET", url: `${system.url}/` },
    ];
    while (queue.length && seen.size < 300) {
      const next = queue.shift()!;
      const key = `${next.method} ${next.url}`;
      if (seen.has(key)) continue;
      const res =
        next.method === "GET"
          ? await fetch(next.url, { redirect: "follow" })
          : await fetch(next.url, {
              method: "POST",
              headers: { "content-type": "application/x-www-form-urlencoded" },
              body: new URLSearchParams(next.fields).toString(),
              redirect: "follow",
            });
      seen.set(key, res.status);
      if (!(res.headers.get("content-type") ?? "").includes("html")) continue;
      const html = await res.text();
      for (const m of html.matchAll(/href="([^"#]+)"/g)) {
        const url = new URL(m[1]!.replaceAll("&amp;", "&"), res.url);
        if (url.origin === origin && !/\/raw$/.test(url.pathname))
          queue.push({ method: "GET", url: url.href });
      }
      for (const f of html.matchAll(
        /<form[^>]*method="post"[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/g,
      )) {
        const url = new URL(f[1]!.replaceAll("&amp;", "&"), res.url);
        const fields = Object.fromEntries(
          [...f[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)].map((i) => [i[1]!, i[2]!]),
        );
        if (url.origin === origin) queue.push({ method: "POST", url: url.href, fields });
      }
    }
    const broken = [...seen].filter(([, status]) => status === 404 || status >= 500);
    expect(broken).toEqual([]);
    expect(seen.size).toBeGreaterThan(10);
  });
});
