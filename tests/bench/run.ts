// `npm run bench`: the local engine's cost per workflow segment, against a baseline measured in the
// same run (building a fresh StateMachine for every segment, which caching avoids).
import "../../functions/adapters/local-engine/polyfill";
import { StateMachine } from "aws-local-stepfunctions";
import { loadWorkflowDefinition } from "../../functions/adapters/local-engine/definition";
import { LocalWorkflowEngine } from "../../functions/adapters/local-engine/engine";
import { MemoryJournal } from "../../functions/adapters/local-engine/journal";
import { localSubstitutions } from "../../functions/steps/catalog";

const N = Number(process.env.BENCH_N ?? 50);

async function timed(label: string, fn: () => Promise<void>): Promise<number> {
  await fn(); // warm-up
  const start = performance.now();
  await fn();
  const ms = performance.now() - start;
  console.log(`${label.padEnd(48)} ${ms.toFixed(0).padStart(7)} ms`);
  return ms;
}

const definition = loadWorkflowDefinition("workflows/probation.asl.json", localSubstitutions());

const baseline = await timed(`baseline: new StateMachine per segment x${N}`, async () => {
  for (let i = 0; i < N; i++) new StateMachine(definition as never);
});

const engineRun = await timed(`engine: ${N} probations to the first pause`, async () => {
  const engine = new LocalWorkflowEngine({
    journal: new MemoryJournal(),
    clock: { now: () => new Date() },
    invokeStep: async (step) => (step === "startProbation" ? { regime: "TLS" } : {}),
  });
  for (let i = 0; i < N; i++)
    await engine.start("probation", `bench-${i}-${Math.random()}`, { caseId: `p${i}` });
  await engine.whenIdle();
});

console.log(
  `ratio engine/baseline: ${(engineRun / baseline).toFixed(2)} (below 1: a whole segment costs less than building one machine)`,
);
