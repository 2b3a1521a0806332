import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { Env } from "./env";

let cached: Promise<string> | undefined;

/** The link-signing key: from the environment locally, from Secrets Manager (once per container) in AWS. */
export function loadLinkSigningKey(
  env: Pick<Env, "LINK_SIGNING_KEY" | "LINK_SIGNING_SECRET_ARN">,
  client: Pick<SecretsManagerClient, "send"> = new SecretsManagerClient({}),
): Promise<string> {
  if (env.LINK_SIGNING_KEY) return Promise.resolve(env.LINK_SIGNING_KEY);
  cached ??= client.send(new GetSecretValueCommand({ SecretId: env.LINK_SIGNING_SECRET_ARN })).then((out) => {
    if (!out.SecretString || out.SecretString.length < 32)
      throw new Error("link-signing secret is empty or too short");
    return out.SecretString;
  });
  cached.catch(() => {
    cached = undefined; // a transient failure must not poison the container
  });
  return cached;
}

const others = new Map<string, Promise<string>>();

/** Any other secret's string value by ARN, once per container (a failure is retried next time). */
export function loadSecretString(
  arn: string,
  client: Pick<SecretsManagerClient, "send"> = new SecretsManagerClient({}),
): Promise<string> {
  let value = others.get(arn);
  if (!value) {
    value = client.send(new GetSecretValueCommand({ SecretId: arn })).then((out) => {
      if (!out.SecretString) throw new Error("secret is empty");
      return out.SecretString;
    });
    others.set(arn, value);
    value.catch(() => others.delete(arn));
  }
  return value;
}
