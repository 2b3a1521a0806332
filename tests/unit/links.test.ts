import { describe, expect, it } from "vitest";
import { issueNonce, nonceIsValid, parseLink, signLink, tokenHash } from "../../functions/core/links";

const key = "k".repeat(40);
const claims = {
  taskId: "task_abc",
  linkId: "lnk1",
  assigneeId: "tiina-tamm",
  expiresAt: new Date("2027-01-01T00:00:00Z"),
};

describe("email links", () => {
  it("round-trips and verifies against the intended assignee only", () => {
    const token = signLink(key, claims);
    const parsed = parseLink(key, token)!;
    expect(parsed).toMatchObject({ taskId: "task_abc", linkId: "lnk1" });
    expect(parsed.expiresAt.toISOString()).toBe("2027-01-01T00:00:00.000Z");
    expect(parsed.verify("tiina-tamm")).toBe(true);
    expect(parsed.verify("peeter-parn")).toBe(false);
  });

  it("rejects a forged signature, a changed expiry, another key and garbage", () => {
    const token = signLink(key, claims);
    const [t, l, exp, sig] = token.split(".");
    expect(parseLink(key, [t, l, exp, `${sig!.slice(0, -2)}AA`].join("."))!.verify("tiina-tamm")).toBe(false);
    expect(
      parseLink(key, [t, l, (Number.parseInt(exp!, 36) + 1).toString(36), sig].join("."))!.verify(
        "tiina-tamm",
      ),
    ).toBe(false);
    expect(parseLink("x".repeat(40), token)!.verify("tiina-tamm")).toBe(false);
    for (const bad of ["", "a.b.c", "a.b.c.d.e", "../../etc.x.y.z", "a b.c.d.e"])
      expect(parseLink(key, bad)).toBeUndefined();
  });

  it("carries no task token and nothing personal", () => {
    const token = signLink(key, claims);
    expect(token).not.toContain("tiina");
    expect(token.length).toBeLessThan(100);
  });
});

describe("form nonces", () => {
  const now = new Date("2026-05-01T10:00:00Z");
  it("are valid for the link they were rendered for, for a day", () => {
    const nonce = issueNonce(key, "lnk1", now);
    expect(nonceIsValid(key, "lnk1", nonce, now)).toBe(true);
    expect(nonceIsValid(key, "lnk2", nonce, now)).toBe(false);
    expect(nonceIsValid(key, "lnk1", nonce, new Date(now.getTime() + 25 * 3_600_000))).toBe(false);
    expect(nonceIsValid(key, "lnk1", "forged.nonce.value", now)).toBe(false);
    expect(nonceIsValid(key, "lnk1", "", now)).toBe(false);
  });
  it("differ on every render", () => {
    expect(issueNonce(key, "lnk1", now)).not.toBe(issueNonce(key, "lnk1", now));
  });
});

it("hashes task tokens deterministically without revealing them", () => {
  expect(tokenHash("secret-token")).toBe(tokenHash("secret-token"));
  expect(tokenHash("secret-token")).not.toContain("secret");
});
