import type { OperationModel } from '../../spec';
import type { AwsError } from '../aws-error';
import type { MockState } from '../state';

/** What an operation needs: the state, its spec model, and a request that passed validation. */
export interface OperationContext {
  state: MockState;
  op: OperationModel;
  pathParams: Record<string, string>;
  body: Record<string, unknown>;
}

export type OperationOutcome = { ok: true; body: Record<string, unknown> } | { ok: false; error: AwsError };

export const success = (body: Record<string, unknown>): OperationOutcome => ({ ok: true, body });
export const failure = (error: AwsError): OperationOutcome => ({ ok: false, error });
