// Loading an ASL file with the same placeholders CDK fills with definitionSubstitutions.
import { readFileSync } from "node:fs";

export type AslState = Record<string, unknown> & { Type: string };
export interface AslDefinition {
  StartAt: string;
  States: Record<string, AslState>;
  [key: string]: unknown;
}

const PLACEHOLDER = /\$\{([A-Za-z0-9_]+)\}/g;

/** Replaces every `${Name}`; a name without a substitution is an error naming it. */
export function substitute<T>(value: T, substitutions: Record<string, string>, where = "$"): T {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (_, name: string) => {
      const replacement = substitutions[name];
      if (replacement === undefined)
        throw new Error(`no substitution for placeholder \${${name}} at ${where}`);
      return replacement;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, substitutions, `${where}[${i}]`)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, substitute(v, substitutions, `${where}.${k}`)]),
    ) as T;
  }
  return value;
}

export function placeholdersIn(text: string): Set<string> {
  return new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!));
}

export function loadWorkflowDefinition(file: string, substitutions: Record<string, string>): AslDefinition {
  const definition = substitute(JSON.parse(readFileSync(file, "utf8")) as AslDefinition, substitutions);
  const leftover = placeholdersIn(JSON.stringify(definition));
  if (leftover.size > 0)
    throw new Error(`${file}: placeholders left after substitution: ${[...leftover].join(", ")}`);
  return definition;
}

export const isCallbackTask = (state: AslState) =>
  state.Type === "Task" && typeof state.Resource === "string" && state.Resource.endsWith(".waitForTaskToken");

/** Calls `visit` for every state, nested ones (Parallel branches, Map iterators) included. */
export function walkStates(
  states: Record<string, AslState>,
  visit: (name: string, state: AslState, nested: boolean) => void,
  nested = false,
): void {
  for (const [name, state] of Object.entries(states)) {
    visit(name, state, nested);
    for (const branch of (state.Branches as Array<{ States: Record<string, AslState> }> | undefined) ?? []) {
      walkStates(branch.States, visit, true);
    }
    const iterator = (state.ItemProcessor ?? state.Iterator) as
      | { States: Record<string, AslState> }
      | undefined;
    if (iterator) walkStates(iterator.States, visit, true);
  }
}
