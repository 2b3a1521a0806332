// Every workflow definition: valid ASL, JSONPath only, placeholders that match the substitutions
// CDK and the local engine fill in, and callback tasks that cannot wait forever.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import aslValidator from "asl-validator";
import { describe, expect, it } from "vitest";
import {
  type AslState,
  isCallbackTask,
  placeholdersIn,
  substitute,
  walkStates,
} from "../../functions/adapters/local-engine/definition";
import { localSubstitutions } from "../../functions/steps/catalog";

const dir = new URL("../../workflows/", import.meta.url).pathname;
const files = readdirSync(dir).filter((f) => f.endsWith(".asl.json"));

describe.each(files)("%s", (file) => {
  const text = readFileSync(join(dir, file), "utf8");
  const raw = JSON.parse(text);

  it("uses only placeholders the step catalog substitutes, and all of them resolve", () => {
    const known = new Set(Object.keys(localSubstitutions()));
    for (const name of placeholdersIn(text)) expect(known, `unknown placeholder \${${name}}`).toContain(name);
    expect(placeholdersIn(JSON.stringify(substitute(raw, localSubstitutions())))).toEqual(new Set());
  });

  it("is valid Amazon States Language", () => {
    const { isValid, errors } = aslValidator(substitute(raw, localSubstitutions()));
    expect(errors ?? []).toEqual([]);
    expect(isValid).toBe(true);
  });

  it("is JSONPath only, has no long Wait states, and every callback task has a timeout", () => {
    expect(raw.QueryLanguage ?? "JSONPath").toBe("JSONPath");
    walkStates(raw.States, (name, state: AslState) => {
      for (const field of ["QueryLanguage", "Assign", "Output", "Arguments"]) {
        expect(state, `${name} uses ${field}`).not.toHaveProperty(field);
      }
      if (state.Type === "Wait") {
        expect(
          state.Timestamp ?? state.TimestampPath ?? state.SecondsPath,
          `${name} waits on a date`,
        ).toBeUndefined();
        expect(Number(state.Seconds ?? 0)).toBeLessThanOrEqual(3600);
      }
      if (isCallbackTask(state)) {
        expect(state.TimeoutSeconds, `${name} has no TimeoutSeconds`).toBeTypeOf("number");
        expect(JSON.stringify(state.Parameters)).toContain("$$.Task.Token");
        // What the state creates is named by (execution, state): a retry re-binds it, never doubles it.
        expect((state.Parameters as { Payload?: { state?: string } }).Payload?.state, name).toBe(name);
      }
      if (state.Type === "Task") expect(state.Retry, `${name} has no Retry`).toBeDefined();
    });
  });
});

describe("the workflow registry", () => {
  it("names an ASL file for every workflow, whose placeholders are exactly the steps it declares", async () => {
    const { workflowNames, workflowRegistry } = await import("../../functions/core/workflows/registry");
    const { substitutionKey } = await import("../../functions/steps/catalog");
    for (const name of workflowNames) {
      const spec = workflowRegistry[name];
      const text = readFileSync(new URL(`../../${spec.file}`, import.meta.url), "utf8");
      expect(placeholdersIn(text), name).toEqual(new Set(spec.steps.map((s) => substitutionKey(s as never))));
    }
    expect(files.map((f) => `workflows/${f}`).sort()).toEqual(
      workflowNames.map((n) => workflowRegistry[n].file).sort(),
    );
  });
});
