// Rules every content service shares: the request's workspace, key syntax, errors.
import { badUserInput, workspaceRequired } from '../../lib/errors.js';

export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

export function requireWorkspace(workspaceId: string | undefined): string {
  if (!workspaceId) throw workspaceRequired();
  return workspaceId;
}

export interface FieldProblem {
  readonly field: string;
  readonly reason: string;
}

/** One BAD_USER_INPUT listing every problem, so a client fixes them in one go. */
export function invalidInput(problems: readonly FieldProblem[]) {
  return badUserInput(`Invalid input: ${problems.map((problem) => `${problem.field} ${problem.reason}`).join('; ')}`, { fieldErrors: problems });
}
