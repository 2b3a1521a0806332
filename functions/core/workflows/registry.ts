// Every workflow the system runs, in one place: its ASL file, task kinds, timer purposes and the
// steps its Task states call. The domain model, the step catalog, the local engine and the CDK
// app derive their lists from here, so a new workflow is its module, its ASL file and its tests.
// (No runtime import of the model here: the model derives its enums from this file.)

export interface WorkflowSpec {
  /** The ASL definition, relative to the repository root. */
  file: string;
  title: { et: string; en: string };
  taskKinds: readonly string[];
  timerPurposes: readonly string[];
  /** Steps its Task states call (`${<Pascal>FunctionArn}` placeholders in the ASL file). */
  steps: readonly string[];
}

export const workflowRegistry = {
  probation: {
    file: "workflows/probation.asl.json",
    title: { et: "Katseaeg", en: "Probation" },
    taskKinds: ["probation.midConversation", "probation.finalAssessment", "probation.summaryAcknowledgement"],
    timerPurposes: ["midConversationOpens", "finalAssessmentOpens"],
    steps: ["startProbation", "waitUntil", "createHumanTask", "recordProbationOutcome", "notifyHr"],
  },
  annualReview: {
    file: "workflows/annual-review.asl.json",
    title: { et: "Arenguvestlus", en: "Development conversation" },
    taskKinds: [
      "review.selfAssessment",
      "review.leadAssessment",
      "review.meeting",
      "review.conversation",
      "review.signOff",
    ],
    timerPurposes: ["reviewOpens"],
    steps: [
      "waitUntil",
      "createHumanTask",
      "sendReviewInvitation",
      "recordReviewOutcome",
      "reportCaseFailure",
    ],
  },
  midtermReview: {
    file: "workflows/midterm-review.asl.json",
    title: { et: "Vahevestlus", en: "Mid-term check-in" },
    taskKinds: ["midterm.checkIn", "midterm.signOff"],
    timerPurposes: ["midtermOpens"],
    steps: ["waitUntil", "createHumanTask", "recordMidtermOutcome", "reportCaseFailure"],
  },
  training: {
    file: "workflows/training.asl.json",
    title: { et: "Koolitus", en: "Training" },
    // One case per session (see core/workflows/training.ts): the trainer's attendance list.
    taskKinds: ["training.attendance"],
    timerPurposes: ["sessionEnds"],
    steps: ["waitUntil", "createHumanTask", "recordTrainingAttendance", "reportCaseFailure"],
  },
  infoSession: {
    file: "workflows/info-session.asl.json",
    title: { et: "Infotund", en: "Info session" },
    // One case per session (see core/workflows/info-session.ts): the lead's summary.
    taskKinds: ["infoSession.summary"],
    timerPurposes: ["infoSessionEnds"],
    steps: ["waitUntil", "createHumanTask", "sendInfoSessionSummary", "reportCaseFailure"],
  },
} as const satisfies Record<string, WorkflowSpec>;

type Registry = typeof workflowRegistry;
export type WorkflowName = keyof Registry;
export const workflowNames = Object.keys(workflowRegistry) as [WorkflowName, ...WorkflowName[]];

type Each<K extends keyof WorkflowSpec> = Registry[WorkflowName][K] extends readonly (infer T)[] ? T : never;

const unique = <T>(lists: ReadonlyArray<readonly T[]>): T[] => [...new Set(lists.flat())];

export const allTaskKinds = unique(workflowNames.map((w) => workflowRegistry[w].taskKinds)) as [
  Each<"taskKinds">,
  ...Each<"taskKinds">[],
];
export const allTimerPurposes = unique(workflowNames.map((w) => workflowRegistry[w].timerPurposes)) as [
  Each<"timerPurposes">,
  ...Each<"timerPurposes">[],
];
export const allStepNames = unique(workflowNames.map((w) => workflowRegistry[w].steps)) as Each<"steps">[];

/** `probation` -> `Probation`: construct ids and placeholders. */
export const pascal = (name: string) => name.replace(/(^|[-_])(\w)/g, (_m, _s, c: string) => c.toUpperCase());

/** The environment variable that carries a workflow's state machine ARN to the functions. */
export const stateMachineArnEnv = (workflow: WorkflowName) =>
  `${workflow.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase()}_STATE_MACHINE_ARN`;
