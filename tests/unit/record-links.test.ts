import { describe, expect, it } from "vitest";
import { parseLink, signLink } from "../../functions/core/links";
import {
  RECORD_LINK_TTL_DAYS,
  recordLinkUrl,
  signRecordLink,
  verifyRecordLink,
} from "../../functions/core/record-links";

const key = "record-key-0123456789-0123456789";
const expiresAt = new Date("2026-04-01T08:00:00Z");

describe("HR's record links", () => {
  it("carry the probation and the expiry, and verify with the key that signed them", () => {
    const token = signRecordLink(key, { caseId: "prob-1", expiresAt });
    expect(token).toMatch(/^prob-1\.[0-9a-z]+\.[A-Za-z0-9_-]+$/);
    expect(verifyRecordLink(key, token)).toEqual({ caseId: "prob-1", expiresAt });
    expect(verifyRecordLink("another-key", token)).toBeUndefined();
  });

  it("refuse a changed probation, expiry or signature, and damaged tokens", () => {
    const token = signRecordLink(key, { caseId: "prob-1", expiresAt });
    const [id, exp, sig] = token.split(".") as [string, string, string];
    expect(verifyRecordLink(key, `prob-2.${exp}.${sig}`)).toBeUndefined();
    expect(
      verifyRecordLink(key, `${id}.${(Number.parseInt(exp, 36) + 86_400).toString(36)}.${sig}`),
    ).toBeUndefined();
    expect(verifyRecordLink(key, `${id}.${exp}.${sig.slice(0, -2)}AA`)).toBeUndefined();
    for (const bad of ["", "a.b", "a.b.c.d", `${id}.${exp}.${sig}!`, `${"x".repeat(65)}.${exp}.${sig}`]) {
      expect(verifyRecordLink(key, bad), bad).toBeUndefined();
    }
  });

  it("can never stand in for a task link, nor a task link for them (different purpose and shape)", () => {
    const record = signRecordLink(key, { caseId: "prob-1", expiresAt });
    expect(parseLink(key, record)).toBeUndefined();
    const task = signLink(key, { taskId: "prob-1", linkId: "l1", assigneeId: "a", expiresAt });
    expect(verifyRecordLink(key, task)).toBeUndefined();
    // Even spliced into a record link's shape, a task link's signature does not verify.
    const [taskId, , exp, sig] = task.split(".") as [string, string, string, string];
    expect(verifyRecordLink(key, `${taskId}.${exp}.${sig}`)).toBeUndefined();
  });

  it(`recordLinkUrl gives a /r/ URL valid for ${RECORD_LINK_TTL_DAYS} days from the clock's now`, () => {
    const now = new Date("2026-03-02T08:00:00Z");
    const url = recordLinkUrl(
      { config: { publicBaseUrl: "https://hr.example.ee", linkSigningKey: key }, clock: { now: () => now } },
      "prob-9",
    );
    expect(url).toMatch(/^https:\/\/hr\.example\.ee\/r\/prob-9\./);
    const claims = verifyRecordLink(key, url.split("/r/")[1]!);
    expect(claims?.expiresAt.toISOString()).toBe("2026-04-01T08:00:00.000Z");
  });
});
