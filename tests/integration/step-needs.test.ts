// Each step's function in AWS gets only what its definition declares (functions/steps/*.ts:
// `needs`): mail, and the link-signing key. Here every step runs with only that, as CDK grants it,
// through a whole probation; a step that mails or signs without declaring it fails the case.
import { beforeAll, expect, it } from "vitest";
import type { Deps } from "../../functions/core/deps";
import { sweep } from "../../functions/core/usecases/scheduler";
import type { Probation } from "../../functions/core/workflows/probation";
import { stepNeeds } from "../../functions/steps/index";
import { createHarness, type Harness } from "../support/api-harness";

let h: Harness;
const undeclared: string[] = [];

beforeAll(async () => {
  h = await createHarness("stepneeds", {
    start: "2026-01-05T07:00:00Z",
    stepDeps: (step, deps): Deps => {
      const needs = stepNeeds(step);
      const config = Object.create(deps.config) as Deps["config"];
      if (!needs.signsLinks) {
        Object.defineProperty(config, "linkSigningKey", {
          get() {
            undeclared.push(`${step}: link-signing key`);
            throw new Error(`${step} has no link-signing key`);
          },
        });
      }
      const mailer: Deps["mailer"] = needs.mail
        ? deps.mailer
        : {
            send: async () => {
              undeclared.push(`${step}: mail`);
              throw new Error(`${step} may not mail`);
            },
          };
      return { ...deps, config, mailer };
    },
  });
});

it("a whole probation runs with each step given only what it declares", async () => {
  const res = await h.call("/api/hires", {
    method: "POST",
    token: h.tokens.hr,
    body: JSON.stringify({
      name: "Piiratud Õigustega",
      email: "piiratud@example.ee",
      positionId: "tallinn-spetsialist-3",
      startDate: "2026-01-05",
      regime: "TLS",
    }),
  });
  expect(res.status).toBe(201);
  const { id } = ((await res.json()) as { probation: Probation }).probation;
  // Nobody answers: timers fire, both tasks open and lapse, the outcome is recorded, HR is told.
  for (const instant of ["2026-03-01T08:00:00Z", "2026-04-13T07:00:00Z", "2026-05-04T21:00:00Z"]) {
    h.setNow(instant);
    for (let i = 0; i < 3; i++) {
      await sweep(h.deps);
      await h.engine.whenIdle();
    }
  }
  expect(undeclared).toEqual([]);
  expect(await h.deps.store.getCase(id)).toMatchObject({ status: "closed", outcome: { decision: "lapsed" } });
  expect(h.mails.some((m) => m.tag === "probation:outcome" && /\/r\/\S+/.test(m.text))).toBe(true);
});
