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

/** A participant's calendar file of a training session (`/ics/training/{token}`). */
export const TRAINING_INVITE_PURPOSE = "training-invite";
/** A participant's "confirm or ask for another session" page (`/t/{token}`). */
export const TRAINING_CONFIRM_PURPOSE = "training-confirm";

export interface SeatLinkClaims {
  caseId: string;
  employeeId: string;
  expiresAt: Date;
}

const signSeat = (key: string, caseId: string, employeeId: string, exp: string, purpose: string) =>
  createHmac("sha256", key).update([purpose, caseId, employeeId, exp].join("\u001f")).digest();

/**
 * `<caseId>.<employeeId>.<expiry>.<signature>`: a link for one participant of one session. Four
 * parts, its own purposes: it can open neither a task, a record nor a review's calendar file.
 */
export function signSeatLink(key: string, claims: SeatLinkClaims, purpose: string): string {
  const exp = Math.floor(claims.expiresAt.getTime() / 1000).toString(36);
  const sig = signSeat(key, claims.caseId, claims.employeeId, exp, purpose).toString("base64url");
  return [claims.caseId, claims.employeeId, exp, sig].join(".");
}

export function verifySeatLink(key: string, token: string, purpose: string): SeatLinkClaims | undefined {
  const parts = token.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^[A-Za-z0-9_-]{1,64}$/.test(p))) return undefined;
  const [caseId, employeeId, exp, sig] = parts as [string, string, string, string];
  const seconds = Number.parseInt(exp, 36);
  if (!Number.isSafeInteger(seconds)) return undefined;
  const given = Buffer.from(sig, "base64url");
  const expected = signSeat(key, caseId, employeeId, exp, purpose);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return { caseId, employeeId, expiresAt: new Date(seconds * 1000) };
}

/** The participant's links: valid until a year from now (the session and its attendance list are sooner). */
export function seatLinkUrls(
  deps: { config: { publicBaseUrl: string; linkSigningKey: string }; clock: { now(): Date } },
  caseId: string,
  employeeId: string,
): { ics: string; confirm: string } {
  const expiresAt = new Date(deps.clock.now().getTime() + 365 * 86_400_000);
  const claims = { caseId, employeeId, expiresAt };
  const key = deps.config.linkSigningKey;
  return {
    ics: `${deps.config.publicBaseUrl}/ics/training/${signSeatLink(key, claims, TRAINING_INVITE_PURPOSE)}`,
    confirm: `${deps.config.publicBaseUrl}/t/${signSeatLink(key, claims, TRAINING_CONFIRM_PURPOSE)}`,
  };
}
