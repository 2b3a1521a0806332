// Signed, expiring links to a probation's read-only record, for HR's mailbox: the page behind
// `/r/{token}` until a signed-in HR console exists. The HMAC's purpose string ("record-link")
// differs from the task links' ("link"), and the shapes differ (three parts, not four), so a task
// link can never open a record and a record link can never open a task.
import { createHmac, timingSafeEqual } from "node:crypto";

/** How long HR's record link stays valid. */
export const RECORD_LINK_TTL_DAYS = 30;

const PURPOSE = "record-link";

export interface RecordLinkClaims {
  caseId: string;
  expiresAt: Date;
}

/** A review meeting's calendar file (`/ics/{token}`): the same shape, its own purpose. */
export const INVITE_PURPOSE = "meeting-invite";

const sign = (key: string, caseId: string, exp: string, purpose: string) =>
  createHmac("sha256", key).update([purpose, caseId, exp].join("\u001f")).digest();

/** `<caseId>.<expiry, base36 seconds>.<signature>`: URL-safe. */
export function signRecordLink(key: string, claims: RecordLinkClaims, purpose = PURPOSE): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000).toString(36);
  return [claims.caseId, exp, sign(key, claims.caseId, exp, purpose).toString("base64url")].join(".");
}

/** The claims of a record link whose signature holds (expired or not); undefined when forged or damaged. */
export function verifyRecordLink(
  key: string,
  token: string,
  purpose = PURPOSE,
): RecordLinkClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]{1,64}$/.test(p))) return undefined;
  const [caseId, exp, sig] = parts as [string, string, string];
  const seconds = Number.parseInt(exp, 36);
  if (!Number.isSafeInteger(seconds)) return undefined;
  const given = Buffer.from(sig, "base64url");
  const expected = sign(key, caseId, exp, purpose);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { caseId, expiresAt: new Date(seconds * 1000) };
}

/** The URL of a probation's record page for HR's mails, valid for RECORD_LINK_TTL_DAYS from now. */
export function recordLinkUrl(
  deps: { config: { publicBaseUrl: string; linkSigningKey: string }; clock: { now(): Date } },
  caseId: string,
): string {
  const expiresAt = new Date(deps.clock.now().getTime() + RECORD_LINK_TTL_DAYS * 86_400_000);
  return `${deps.config.publicBaseUrl}/r/${signRecordLink(deps.config.linkSigningKey, { caseId, expiresAt })}`;
}

/** The URL of a review meeting's calendar file, valid until well after the meeting. */
export function inviteLinkUrl(
  deps: { config: { publicBaseUrl: string; linkSigningKey: string }; clock: { now(): Date } },
  caseId: string,
): string {
  const expiresAt = new Date(deps.clock.now().getTime() + 120 * 86_400_000);
  return `${deps.config.publicBaseUrl}/ics/${signRecordLink(deps.config.linkSigningKey, { caseId, expiresAt }, INVITE_PURPOSE)}`;
}
