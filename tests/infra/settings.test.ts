// A deploy with placeholders, or outside the EU, is refused before anything is synthesized.
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../infra/app";
import { EU_REGIONS, REQUIRED, SettingsError } from "../../infra/settings";
import { environmentOf, newApp, realSettings, synth } from "./synth";

const attempt = (context: Record<string, unknown>) => {
  try {
    buildApp(newApp(context));
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected the app to refuse these settings");
};

describe("required settings", () => {
  it("refuses a synth without settings, naming every missing one and the example flag", () => {
    const error = attempt({});
    expect(error).toBeInstanceOf(SettingsError);
    for (const key of REQUIRED) expect(error.message).toContain(key);
    expect(error.message).toContain("-c example=true");
    expect(error.message).toContain("docs/deploy.md");
  });

  it("names only what is missing", () => {
    const { oidcJwksUrl: _, hrEmail: __, ...some } = realSettings;
    const message = attempt(some).message;
    expect(message).toMatch(/missing settings: hrEmail, oidcJwksUrl\n/);
  });

  it("reports malformed values together", () => {
    const message = attempt({
      ...realSettings,
      hrEmail: "hr",
      oidcIssuer: "http://login.example.ee",
      alarmEmail: "ops",
      sesIdentity: "other.ee",
    }).message;
    expect(message).toContain('hrEmail: "hr" is not an email address');
    expect(message).toContain("oidcIssuer");
    expect(message).toContain("alarmEmail");
    expect(message).toContain("sesIdentity: other.ee does not cover mailFrom hr-workflows@ska.ee");
  });

  it("takes the break-glass HR list under either name, within the limits the API function accepts", () => {
    const { template } = synth({ ...realSettings, breakGlassHr: "abc-123" });
    expect(environmentOf(template, "ApiFunction")).toMatchObject({ BREAK_GLASS_HR: "abc-123" });
    expect(
      attempt({ ...realSettings, bootstrapHrSubjects: "abc-123", breakGlassHr: "abc-123" }).message,
    ).toContain("give it once");
    const eleven = Array.from({ length: 11 }, (_, i) => `subject-${i}`).join(",");
    expect(attempt({ ...realSettings, bootstrapHrSubjects: eleven }).message).toContain(
      "at most 10 subjects",
    );
  });

  it("synthesizes placeholders with -c example=true, in a template CloudFormation refuses to deploy", () => {
    const { template } = synth({ example: "true" });
    template.hasResourceProperties("AWS::ApiGatewayV2::Authorizer", {
      JwtConfiguration: { Issuer: "https://login.example.ee", Audience: ["hr-workflows"] },
    });
    expect(template.toJSON().Rules).toHaveProperty("ExampleSettingsAreNotDeployable");
    expect(synth(realSettings).template.toJSON().Rules).not.toHaveProperty("ExampleSettingsAreNotDeployable");
  });
});

describe("region", () => {
  const saved = process.env.CDK_DEFAULT_REGION;
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK_DEFAULT_REGION;
    else process.env.CDK_DEFAULT_REGION = saved;
  });

  it("is eu-north-1 by default, whatever the CLI puts in CDK_DEFAULT_REGION", () => {
    process.env.CDK_DEFAULT_REGION = "us-east-1";
    const { stack } = buildApp(newApp(realSettings));
    expect(stack.region).toBe("eu-north-1");
  });

  it("is overridable with another EU region", () => {
    expect(EU_REGIONS).toContain("eu-central-1");
    const { stack } = buildApp(newApp({ ...realSettings, region: "eu-central-1" }));
    expect(stack.region).toBe("eu-central-1");
  });

  it.each(["us-east-1", "eu-west-2", "eu-central-2"])(
    "refuses %s, outside the EU, without the override",
    (region) => {
      const message = attempt({ ...realSettings, region }).message;
      expect(message).toContain(`region: ${region} is outside the EU`);
      expect(message).toContain("allowNonEuRegion=true");
    },
  );

  it("takes a region outside the EU only when told so explicitly", () => {
    const { stack } = buildApp(newApp({ ...realSettings, region: "eu-west-2", allowNonEuRegion: "true" }));
    expect(stack.region).toBe("eu-west-2");
  });

  it("refuses a malformed region name", () => {
    expect(attempt({ ...realSettings, region: "Stockholm" }).message).toContain("not an AWS region name");
  });
});
