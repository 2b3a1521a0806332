// The workflow engine in AWS: Step Functions. Tokens never appear in errors or logs.
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskSuccessCommand,
  type SFNClient,
  StartExecutionCommand,
  StopExecutionCommand,
} from "@aws-sdk/client-sfn";
import type { WorkflowEngine, WorkflowName } from "../core/ports";

const ALREADY_RESOLVED = new Set(["TaskDoesNotExist", "TaskTimedOut", "InvalidToken"]);

export class StepFunctionsEngine implements WorkflowEngine {
  constructor(
    private readonly client: Pick<SFNClient, "send">,
    private readonly options: { stateMachineArns: Record<WorkflowName, string> },
  ) {}

  async start(workflow: WorkflowName, name: string, input: Record<string, unknown>) {
    const stateMachineArn = this.options.stateMachineArns[workflow];
    try {
      const out = await this.client.send(
        new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify(input) }),
      );
      return { executionId: out.executionArn! };
    } catch (error) {
      if ((error as Error).name !== "ExecutionAlreadyExists") throw error;
      // Same name: a retry of a start that already happened.
      const executionArn = `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${name}`;
      const described = await this.client.send(new DescribeExecutionCommand({ executionArn }));
      return { executionId: described.executionArn ?? executionArn };
    }
  }

  async sendTaskSuccess(taskToken: string, output: Record<string, unknown>) {
    await this.resolve(() =>
      this.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) })),
    );
  }

  async sendTaskFailure(taskToken: string, error: string, cause: string) {
    await this.resolve(() => this.client.send(new SendTaskFailureCommand({ taskToken, error, cause })));
  }

  async stop(executionId: string, cause: string) {
    try {
      await this.client.send(new StopExecutionCommand({ executionArn: executionId, cause }));
    } catch (error) {
      if ((error as Error).name !== "ExecutionDoesNotExist") throw error;
    }
  }

  private async resolve(call: () => Promise<unknown>) {
    try {
      await call();
    } catch (error) {
      const name = (error as Error).name;
      if (ALREADY_RESOLVED.has(name)) return; // completed, timed out or stopped already: nothing to hand back
      throw new Error(`Step Functions callback failed: ${name}`);
    }
  }
}
