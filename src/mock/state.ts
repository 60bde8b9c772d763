/**
 * The mock's in-memory state: the model's state of the account (src/model, every member known),
 * plus the faults to inject. Every change happens synchronously inside one request's handling, so
 * concurrent requests never interleave half-applied updates.
 */
import type { Fixtures } from '../fixtures';
import { knownState, type ModelState } from '../model';
import type { OperationId, OperationModel } from '../spec';

export interface Fault {
  errorType: string;
  remaining: number;
}

export interface MockState extends ModelState {
  faults: Map<OperationId, Fault[]>;
}

export function createState(fixtures: Fixtures): MockState {
  return { ...knownState(fixtures), faults: new Map() };
}

/**
 * Queues an injected fault: the next `count` calls of the operation answer the error. Throws when
 * the operation does not document that error, as the mock must never answer one it does not.
 */
export function addFault(state: MockState, op: OperationModel, errorType: string, count: number): void {
  if (!op.errors.some((e) => e.type === errorType)) {
    throw new Error(`${op.id} documents ${op.errors.map((e) => e.type).join(', ')}; not ${JSON.stringify(errorType)}`);
  }
  if (!Number.isInteger(count) || count < 1) throw new Error('count must be a positive integer');
  state.faults.set(op.id, [...(state.faults.get(op.id) ?? []), { errorType, remaining: count }]);
}

/** Takes the next injected fault of an operation, if any, counting it down. */
export function takeFault(state: MockState, operationId: OperationId): Fault | undefined {
  const queue = state.faults.get(operationId);
  const fault = queue?.[0];
  if (!queue || !fault) return undefined;
  fault.remaining -= 1;
  if (fault.remaining <= 0) queue.shift();
  return fault;
}
