// Email links and form nonces. A link names a task and one issued link of it, carries an expiry,
// and is signed with HMAC-SHA256; it never carries the Step Functions task token (DESIGN §6).
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export interface LinkClaims {
  taskId: string;
  linkId: string;
  assigneeId: string;
  expiresAt: Date;
}

const b64url = (buf: Buffer) => buf.toString("base64url");

function hmac(key: string, ...parts: string[]): Buffer {
  return createHmac("sha256", key).update(parts.join("\u001f")).digest();
}

function sameBytes(a: string, b: Buffer): boolean {
  const given = Buffer.from(a, "base64url");
  return given.length === b.length && timingSafeEqual(given, b);
}

export const newOpaqueId = (bytes = 12) => b64url(randomBytes(bytes));

/** `<taskId>.<linkId>.<expiry, base36 seconds>.<signature>`: URL-safe, nothing personal in it. */
export function signLink(key: string, claims: LinkClaims): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000).toString(36);
  const sig = hmac(key, "link", claims.taskId, claims.linkId, claims.assigneeId, exp);
  return [claims.taskId, claims.linkId, exp, b64url(sig)].join(".");
}

export type ParsedLink = {
  taskId: string;
  linkId: string;
  expiresAt: Date;
  verify(assigneeId: string): boolean;
};

/** Splits a link token; the signature can only be checked once the link's assignee is known. */
export function parseLink(key: string, token: string): ParsedLink | undefined {
  const parts = token.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^[A-Za-z0-9_-]{1,64}$/.test(p))) return undefined;
  const [taskId, linkId, exp, sig] = parts as [string, string, string, string];
  const seconds = Number.parseInt(exp, 36);
  if (!Number.isFinite(seconds)) return undefined;
  return {
    taskId,
    linkId,
    expiresAt: new Date(seconds * 1000),
    verify: (assigneeId) => sameBytes(sig, hmac(key, "link", taskId, linkId, assigneeId, exp)),
  };
}

/**
 * A per-render form nonce: proof that a POST comes from a page we rendered for this link, so a
 * mail scanner's blind POST or a cross-site form cannot complete the task. Stateless, so GET
 * stays free of writes.
 */
export function issueNonce(key: string, linkId: string, now: Date): string {
  const salt = b64url(randomBytes(9));
  const at = Math.floor(now.getTime() / 1000).toString(36);
  return [salt, at, b64url(hmac(key, "nonce", linkId, salt, at))].join(".");
}

export function nonceIsValid(
  key: string,
  linkId: string,
  nonce: string,
  now: Date,
  maxAgeHours = 24,
): boolean {
  const parts = nonce.split(".");
  if (parts.length !== 3) return false;
  const [salt, at, sig] = parts as [string, string, string];
  if (!sameBytes(sig, hmac(key, "nonce", linkId, salt, at))) return false;
  const ageSeconds = now.getTime() / 1000 - Number.parseInt(at, 36);
  return ageSeconds >= -60 && ageSeconds <= maxAgeHours * 3600;
}

/** The store keeps the task token apart, addressed by this hash; the hash alone reveals nothing. */
export function tokenHash(taskToken: string): string {
  return createHmac("sha256", "hr-workflows/task-token").update(taskToken).digest("base64url");
}
