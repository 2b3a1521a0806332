// Deploy settings (`cdk deploy -c key=value`), read and checked before any construct exists: a
// deploy with a placeholder issuer or sender, or into a region outside the EU, must never start.
// docs/deploy.md documents every key; keep the two in step.

/** Where HR and sick-leave data may live without an explicit decision: AWS regions inside the EU. */
export const EU_REGIONS = [
  "eu-north-1", // Stockholm: the default, nearest to Tallinn
  "eu-central-1", // Frankfurt
  "eu-west-1", // Ireland
  "eu-west-3", // Paris
  "eu-south-1", // Milan
  "eu-south-2", // Spain
] as const;
export const DEFAULT_REGION = "eu-north-1";

export interface Settings {
  region: string;
  hrEmail: string;
  mailFrom: string;
  /** SES identity (domain or address) allowed to send; mailFrom's domain unless set. */
  sesIdentity: string;
  /** While the SES account is in the sandbox: verified recipient identities outside sesIdentity. */
  sesSandboxRecipients: string[];
  /** Public origin of the email-link pages; the HTTP API's own URL unless set. */
  publicBaseUrl?: string;
  oidcIssuer: string;
  oidcAudience: string;
  oidcJwksUrl: string;
  oidcRolesClaim: string;
  /**
   * The HR console's own OIDC client (authorization code + PKCE); without it the console offers no
   * sign-in in AWS (the bearer API works regardless).
   */
  oidcClientId?: string;
  /**
   * The console client is confidential: the stack makes a Secrets Manager secret for its client
   * secret (the operator puts the provider's value in it), readable by the API function only.
   */
  oidcConfidentialClient: boolean;
  /** Where alarms are mailed; the topic has no subscriber without it. */
  alarmEmail?: string;
  /**
   * OIDC subjects with HR access before any HR employee record exists (break-glass), given to the
   * API function as BREAK_GLASS_HR.
   */
  bootstrapHrSubjects: string[];
  /** Placeholders filled in for a synth that is never deployed (`-c example=true`). */
  example: boolean;
}

/** The settings a real deploy cannot do without: each has no safe default. */
export const REQUIRED = ["hrEmail", "mailFrom", "oidcIssuer", "oidcAudience", "oidcJwksUrl"] as const;

/** Filled in by `-c example=true` only; recognisably fake, and the template refuses to deploy. */
export const EXAMPLE: Record<(typeof REQUIRED)[number], string> = {
  hrEmail: "hr@example.ee",
  mailFrom: "no-reply@example.ee",
  oidcIssuer: "https://login.example.ee",
  oidcAudience: "hr-workflows",
  oidcJwksUrl: "https://login.example.ee/.well-known/jwks.json",
};

export class SettingsError extends Error {
  override name = "SettingsError";
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
const DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}$/i;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

const isHttpsUrl = (value: string) => {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
};

/** Context values arrive as strings from `-c` and as any JSON value from cdk.json or tests. */
const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) return undefined;
  const s = String(value).trim();
  return s === "" ? undefined : s;
};
const flag = (value: unknown) => value === true || text(value)?.toLowerCase() === "true";
const list = (value: unknown) =>
  (text(value) ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The identity an address is covered by: the address itself or its domain (or a parent domain). */
const coveredBy = (address: string, identity: string) => {
  const a = address.toLowerCase();
  const i = identity.toLowerCase();
  if (i.includes("@")) return a === i;
  const domain = a.split("@")[1] ?? "";
  return domain === i || domain.endsWith(`.${i}`);
};

/**
 * Reads every setting and reports all problems at once, so an operator fixes them in one go.
 * `get` is the CDK context lookup (`app.node.tryGetContext`).
 */
export function readSettings(get: (key: string) => unknown): Settings {
  const example = flag(get("example"));
  const problems: string[] = [];
  const missing = REQUIRED.filter((key) => !text(get(key)) && !example);
  const value = (key: (typeof REQUIRED)[number]) => text(get(key)) ?? (example ? EXAMPLE[key] : "");

  const region = text(get("region")) ?? DEFAULT_REGION;
  const allowNonEu = flag(get("allowNonEuRegion"));
  if (!REGION.test(region)) {
    problems.push(`region: "${region}" is not an AWS region name (e.g. ${DEFAULT_REGION})`);
  } else if (!(EU_REGIONS as readonly string[]).includes(region) && !allowNonEu) {
    problems.push(
      `region: ${region} is outside the EU; HR and sick-leave data would leave it. Use one of ` +
        `${EU_REGIONS.join(", ")}, or decide otherwise explicitly with -c allowNonEuRegion=true`,
    );
  }

  const hrEmail = value("hrEmail");
  const mailFrom = value("mailFrom");
  for (const [key, v] of [
    ["hrEmail", hrEmail],
    ["mailFrom", mailFrom],
  ] as const) {
    if (v && !EMAIL.test(v)) problems.push(`${key}: "${v}" is not an email address`);
  }
  const sesIdentity = text(get("sesIdentity")) ?? mailFrom.split("@")[1] ?? "";
  if (text(get("sesIdentity")) && !EMAIL.test(sesIdentity) && !DOMAIN.test(sesIdentity)) {
    problems.push(`sesIdentity: "${sesIdentity}" is neither a domain nor an email address`);
  } else if (mailFrom && EMAIL.test(mailFrom) && !coveredBy(mailFrom, sesIdentity)) {
    // The send permission names the identity and the From address: a mismatch denies every mail.
    problems.push(`sesIdentity: ${sesIdentity} does not cover mailFrom ${mailFrom}`);
  }
  const sesSandboxRecipients = list(get("sesSandboxRecipients"));
  for (const r of sesSandboxRecipients) {
    if (!EMAIL.test(r) && !DOMAIN.test(r)) {
      problems.push(`sesSandboxRecipients: "${r}" is neither a domain nor an email address`);
    }
  }

  const oidcIssuer = value("oidcIssuer");
  const oidcJwksUrl = value("oidcJwksUrl");
  for (const [key, v] of [
    ["oidcIssuer", oidcIssuer],
    ["oidcJwksUrl", oidcJwksUrl],
  ] as const) {
    if (v && !isHttpsUrl(v)) problems.push(`${key}: "${v}" is not an https:// URL`);
  }
  const publicBaseUrl = text(get("publicBaseUrl"))?.replace(/\/+$/, "");
  if (publicBaseUrl && !isHttpsUrl(publicBaseUrl)) {
    problems.push(`publicBaseUrl: "${publicBaseUrl}" is not an https:// URL`);
  }
  const alarmEmail = text(get("alarmEmail"));
  if (alarmEmail && !EMAIL.test(alarmEmail)) {
    problems.push(`alarmEmail: "${alarmEmail}" is not an email address`);
  }
  const oidcRolesClaim = text(get("oidcRolesClaim")) ?? "roles";
  const oidcClientId = text(get("oidcClientId"));
  if (oidcClientId && !/^[\x21-\x7e]{1,256}$/.test(oidcClientId)) {
    problems.push(
      `oidcClientId: "${oidcClientId}" is not a client id (1 to 256 visible characters, no spaces)`,
    );
  }
  const oidcConfidentialClient = flag(get("oidcConfidentialClient"));
  if (oidcConfidentialClient && !oidcClientId) {
    problems.push("oidcConfidentialClient: needs oidcClientId (the console's client at your provider)");
  }
  // `breakGlassHr` is the name the sign-in code's README uses for the same list.
  const bootstrapHrSubjects = list(get("bootstrapHrSubjects") ?? get("breakGlassHr"));
  if (text(get("bootstrapHrSubjects")) && text(get("breakGlassHr"))) {
    problems.push("bootstrapHrSubjects: give it once (breakGlassHr is the same setting)");
  }
  // The API function refuses to start otherwise (functions/adapters/env.ts, BREAK_GLASS_HR).
  if (bootstrapHrSubjects.length > 10 || bootstrapHrSubjects.some((s) => s.length < 3 || s.length > 256)) {
    problems.push("bootstrapHrSubjects: at most 10 subjects of 3 to 256 characters each");
  }

  if (missing.length > 0 || problems.length > 0) {
    const lines = [
      "Refusing to synthesize the HrWorkflows stack:",
      ...(missing.length > 0
        ? [
            `  missing settings: ${missing.join(", ")}`,
            `  pass each with -c, e.g. ${missing.map((k) => `-c ${k}=...`).join(" ")}`,
            "  (for a synth with placeholder values that must never be deployed: -c example=true)",
          ]
        : []),
      ...problems.map((p) => `  ${p}`),
      "See docs/deploy.md for every setting.",
    ];
    throw new SettingsError(lines.join("\n"));
  }

  return {
    region,
    hrEmail,
    mailFrom,
    sesIdentity,
    sesSandboxRecipients,
    publicBaseUrl,
    oidcIssuer,
    oidcAudience: value("oidcAudience"),
    oidcJwksUrl,
    oidcRolesClaim,
    oidcClientId,
    oidcConfidentialClient,
    alarmEmail,
    bootstrapHrSubjects,
    example,
  };
}
