/**
 * `--inject OP=ERROR[:COUNT]`: parsed here, queued on the running mock with its own addFault, which
 * refuses an error the operation does not document (the mock never answers one).
 */
import { ToolError } from '../errors';
import type { RunningMock } from '../mock';
import { addFault } from '../mock/state';
import type { OperationId, SpecModel } from '../spec';
import type { InjectedFault } from './types';

const SYNTAX = 'OPERATION=ERROR[:COUNT], e.g. UpdateUser=ThrottlingException:2';

export function parseInjection(text: string, model: SpecModel): InjectedFault {
  const match = /^([^=:\s]+)=([^=:\s]+)(?::(\S*))?$/.exec(text.trim());
  if (!match) throw new ToolError('USAGE', `--inject ${JSON.stringify(text)}: expected ${SYNTAX}`);
  const [, operation, errorType, countText] = match as unknown as [string, string, string, string | undefined];
  const op = model.operations.find((o) => o.id === operation);
  if (!op)
    throw new ToolError('USAGE', `--inject ${text}: no operation ${operation}; one of ${model.operations.map((o) => o.id).join(', ')}`);
  if (countText !== undefined && !/^[1-9]\d{0,5}$/.test(countText)) {
    throw new ToolError('USAGE', `--inject ${text}: COUNT must be an integer from 1 to 999999 (got ${JSON.stringify(countText)})`);
  }
  return { operationId: op.id as OperationId, errorType, count: countText === undefined ? 1 : Number(countText) };
}

/** Queues each fault on the mock, in order; an error the operation does not document is a usage error. */
export function injectFaults(mock: RunningMock, model: SpecModel, faults: readonly InjectedFault[]): void {
  for (const fault of faults) {
    try {
      addFault(mock.handler.state, model.operation(fault.operationId), fault.errorType, fault.count);
    } catch (error) {
      throw new ToolError('USAGE', `--inject ${fault.operationId}=${fault.errorType}: ${(error as Error).message}`);
    }
  }
}
