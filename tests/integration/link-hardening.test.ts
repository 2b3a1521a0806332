// Email-link POSTs on DynamoDB Local: the link is checked before the body is read, the body is
// capped, a foreign Origin is refused in the reader's language, a body that is not a readable form
// gets a clear 400/415 page that does not call the link invalid; GET and HEAD still change nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../functions/api/app";
import { MAX_FORM_BYTES } from "../../functions/api/link-pages";
import type { Deps } from "../../functions/core/deps";
import type { OutgoingMail } from "../../functions/core/ports";
import { createHumanTask } from "../../functions/core/usecases/tasks";
import { seedDemoOrganisation } from "../../functions/local/demo/org";
import { createDevAuth } from "../../functions/local/dev-auth";
import { activeProbation, idleEngine, silentLogger, testConfig } from "../support/deps";
import { createTestTable } from "../support/dynamo";

let app: ReturnType<typeof createApp>;
let deps: Deps;
const mails: OutgoingMail[] = [];
let tasks = 0;

beforeAll(async () => {
  const { store } = await createTestTable("links");
  deps = {
    store,
    clock: { now: () => new Date("2026-06-01T08:00:00Z") },
    engine: idleEngine,
    logger: silentLogger,
    mailer: { send: async (m) => void mails.push(m) },
    config: testConfig({ publicBaseUrl: "https://hr.example.ee" }),
  };
  await seedDemoOrganisation(store);
  app = createApp({ ...deps, auth: (await createDevAuth()).verifier(store) });
  await store.createCase(
    activeProbation("prob-links", "olga-ivanova", { startDate: "2026-04-01", endDate: "2026-07-31" }),
  );
});

/** A fresh open task for Tiina (locale et); returns its link's path and id. */
async function openTask(): Promise<{ path: string; taskId: string }> {
  const { taskId } = await createHumanTask(deps, {
    taskToken: `links-token-${++tasks}`,
    executionId: `exec-links-token-${tasks}`,
    state: "MidProbationConversation",
    caseId: "prob-links",
    kind: "probation.midConversation",
  });
  const mail = mails.findLast((m) => m.text.includes(taskId))!;
  return { path: new URL(/https:\/\/hr\.example\.ee\S+/.exec(mail.text)![0]).pathname, taskId };
}

const nonceOf = async (path: string) =>
  /name="nonce" value="([^"]+)"/.exec(await (await app.request(path)).text())![1]!;

const form = (nonce: string) =>
  new URLSearchParams({ heldOn: "2026-05-29", summary: "Hea vestlus.", nonce }).toString();

const post = (path: string, body: RequestInit["body"], headers: Record<string, string> = {}) =>
  app.request(path, {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    duplex: "half",
  } as RequestInit);

const statusOf = async (taskId: string) => (await deps.store.getTask(taskId))?.status;

/** A body that counts what was read of it: `size` bytes of "a" in 16 KB chunks. */
function countingBody(size: number) {
  const read = { bytes: 0 };
  const chunk = new TextEncoder().encode("a".repeat(16 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read.bytes >= size) return controller.close();
      read.bytes += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, read };
}

const expectPageHeaders = (res: Response) => {
  expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  expect(res.headers.get("cache-control")).toBe("no-store");
  expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
};

describe("where a link POST comes from", () => {
  it("refuses a foreign Origin with a 403 page in the reader's language, the task untouched", async () => {
    const { path, taskId } = await openTask();
    const nonce = await nonceOf(path);
    const res = await post(path, form(nonce), { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expectPageHeaders(res);
    const text = await res.text();
    expect(text).toContain("Vormi ei saa siit saata");
    expect(text).not.toContain("Link ei kehti");
    const en = await post(`${path}?lang=en`, form(nonce), { origin: "https://evil.example" });
    expect(await en.text()).toContain("The form cannot be sent from here");
    // A cross-site browser request without a usable Origin is caught by Sec-Fetch-Site.
    const crossSite = await post(path, form(nonce), { origin: "null", "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect(await statusOf(taskId)).toBe("open");
  });

  it("accepts our public origin, the request's own origin, no Origin, and a same-origin Origin: null", async () => {
    const cases: Array<Record<string, string>> = [
      { origin: "https://hr.example.ee", "sec-fetch-site": "same-origin" },
      { origin: "http://localhost" }, // app.request's own origin
      {},
      // What browsers send for our own form under Referrer-Policy: no-referrer.
      { origin: "null", "sec-fetch-site": "same-origin" },
    ];
    for (const headers of cases) {
      const { path, taskId } = await openTask();
      const res = await post(path, form(await nonceOf(path)), headers);
      expect(res.status, JSON.stringify(headers)).toBe(200);
      expect(await statusOf(taskId)).toBe("completed");
    }
  });

  it("still needs the page's nonce from an allowed origin", async () => {
    const { path, taskId } = await openTask();
    const res = await post(path, form("forged"), { origin: "https://hr.example.ee" });
    expect(res.status).toBe(403);
    expect(await statusOf(taskId)).toBe("open");
  });
});

describe("the body of a link POST", () => {
  it("is not read at all when the link is forged, expired or used", async () => {
    const { path } = await openTask();
    const [, , taskId, linkId, exp, sig] = path.split(/[/.]/);
    const forged = `/l/${taskId}.${linkId}.${exp}.${sig!.slice(0, -3)}abc`;
    const huge = countingBody(50 * 1024 * 1024);
    const res = await post(forged, huge.stream);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Link ei kehti");
    expect(huge.read.bytes).toBeLessThanOrEqual(16 * 1024); // at most what a stream buffers ahead

    await post(path, form(await nonceOf(path)));
    const used = countingBody(50 * 1024 * 1024);
    expect((await post(path, used.stream)).status).toBe(409);
    expect(used.read.bytes).toBeLessThanOrEqual(16 * 1024);
  });

  it("is capped at 64 KB with a 413 page, read no further than the cap", async () => {
    const { path, taskId } = await openTask();
    const nonce = await nonceOf(path);
    const big = countingBody(50 * 1024 * 1024);
    const streamed = await post(path, big.stream);
    expect(streamed.status).toBe(413);
    expectPageHeaders(streamed);
    expect(await streamed.text()).toContain("Vastus on liiga pikk");
    expect(big.read.bytes).toBeLessThan(MAX_FORM_BYTES + 64 * 1024);
    // A declared Content-Length over the cap is refused before reading.
    const padded = `${form(nonce)}&pad=${"x".repeat(MAX_FORM_BYTES)}`;
    const declared = await post(path, padded, { "content-length": String(padded.length) });
    expect(declared.status).toBe(413);
    expect(await statusOf(taskId)).toBe("open");
    // Just under the cap is fine.
    const fits = `${form(nonce)}&pad=${"x".repeat(MAX_FORM_BYTES - 200)}`;
    expect((await post(path, fits)).status).toBe(200);
  });

  it("answers a multipart body without a boundary, or with a truncated part, with a clear 400 page", async () => {
    const { path, taskId } = await openTask();
    const noBoundary = await post(path, "--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--", {
      "content-type": "multipart/form-data",
    });
    expect(noBoundary.status).toBe(400);
    expectPageHeaders(noBoundary);
    const text = await noBoundary.text();
    expect(text).toContain("Vormi ei õnnestunud lugeda");
    expect(text).not.toContain("Link ei kehti");
    const truncated = await post(path, '--x\r\nContent-Disposition: form-data; name="summary"\r\n\r\nHea', {
      "content-type": "multipart/form-data; boundary=x",
    });
    expect(truncated.status).toBe(400);
    expect(await statusOf(taskId)).toBe("open");
    // A well-formed multipart form still works.
    const body = new FormData();
    for (const [k, v] of new URLSearchParams(form(await nonceOf(path)))) body.set(k, v);
    const ok = await app.request(path, { method: "POST", body });
    expect(ok.status).toBe(200);
  });

  it("says the form could not be read (415) for another content type, without calling the link invalid", async () => {
    const { path, taskId } = await openTask();
    const nonce = await nonceOf(path);
    for (const type of ["text/plain", "application/json"]) {
      const res = await post(path, form(nonce), { "content-type": type });
      expect(res.status).toBe(415);
      const text = await res.text();
      expect(text).toContain("Vormi ei õnnestunud lugeda");
      expect(text).not.toContain("Link ei kehti");
    }
    const en = await post(`${path}?lang=en`, form(nonce), { "content-type": "text/plain" });
    expect(await en.text()).toContain("The form could not be read");
    // The type is matched case-insensitively, with parameters.
    const upper = await post(path, form(nonce), {
      "content-type": "Application/X-WWW-Form-Urlencoded; charset=UTF-8",
    });
    expect(upper.status).toBe(200);
    expect(await statusOf(taskId)).toBe("completed");
  });
});

describe("reading a link", () => {
  it("GET and HEAD change nothing, with the strict page headers", async () => {
    const { path, taskId } = await openTask();
    const before = await deps.store.getTask(taskId);
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expectPageHeaders(page);
    expect((await app.request(path, { method: "HEAD" })).status).toBe(200);
    expect(await deps.store.getTask(taskId)).toEqual(before);
  });
});
