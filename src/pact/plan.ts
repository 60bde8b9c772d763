/**
 * Plans the Pact interactions from the spec and the fixtures, without loading Pact itself: for each
 * operation a success and one interaction per documented error of its page, each error provoked the
 * way a real request can provoke it (a missing resource, an invalid value, a foreign account) or,
 * for the service-side ones, through a provider state.
 */
import { namesTaken, outsideEnum, REQUEST_ID, type Scenario, validScenario, validStringOfLength } from '../cases';
import { absentName, type Fixtures, foreignAccountId, type ProviderState, STATES } from '../fixtures';
import type { JsonSchema, OperationId, OperationModel, SpecModel } from '../spec';
import { buildPath } from '../spec';

export interface InteractionPlan {
  operationId: OperationId;
  description: string;
  states: ProviderState[];
  request: {
    method: OperationModel['method'];
    pathParams: Record<string, string>;
    /** Percent-encoded, as the SDK sends it. */
    path: string;
    body: Record<string, unknown>;
    /** The request breaks a documented constraint on purpose (the InvalidParameterValueException case). */
    invalid: boolean;
  };
  response: {
    status: number;
    /** The error type for an error response. */
    errorType: string | undefined;
    /** Example values; the Pact layer adds matchers from `schema`. */
    body: Record<string, unknown>;
    schema: JsonSchema;
  };
}

/**
 * A value outside a documented constraint, chosen from the spec: the first body member with an
 * enum gets a value outside the enum and its tolerated values, else the first resource name gets
 * one character more than its maxLength.
 */
function breakOneConstraint(op: OperationModel, scenario: Scenario): { pathParams: Record<string, string>; body: Record<string, unknown> } {
  const enumMember = Object.entries(op.body?.schema.properties ?? {}).find(([, s]) => s.enum);
  if (enumMember) {
    const [name, schema] = enumMember;
    return { pathParams: scenario.pathParams, body: { ...scenario.body, [name]: outsideEnum(schema) } };
  }
  const param = op.pathParams.find((p) => p.name !== 'AwsAccountId' && p.schema.maxLength !== undefined);
  const tooLong = param && validStringOfLength(param.schema, (param.schema.maxLength as number) + 1);
  if (!param || tooLong === undefined) throw new Error(`${op.id}: no constraint to break`);
  return { pathParams: { ...scenario.pathParams, [param.name]: tooLong }, body: scenario.body };
}

function errorBody(description: string, resourceType?: string): Record<string, unknown> {
  return { Message: description, RequestId: REQUEST_ID, ...(resourceType ? { ResourceType: resourceType } : {}) };
}

export function planInteractions(model: SpecModel, fixtures: Fixtures): InteractionPlan[] {
  return model.operations.flatMap((op) => {
    const scenario = validScenario(op, fixtures);
    const plan = (
      description: string,
      states: ProviderState[],
      request: { pathParams: Record<string, string>; body: Record<string, unknown>; invalid?: boolean },
      status: number,
      body: Record<string, unknown>,
      errorType?: string,
    ): InteractionPlan => {
      const schema = op.responses.find((r) => r.status === status)?.schema;
      if (!schema) throw new Error(`${op.id} documents no body for status ${status}`);
      return {
        operationId: op.id,
        description: `${op.id}: ${description}`,
        states,
        request: {
          method: op.method,
          pathParams: request.pathParams,
          path: buildPath(op, request.pathParams),
          body: request.body,
          invalid: request.invalid ?? false,
        },
        response: { status, errorType, body, schema },
      };
    };

    const plans = [
      plan('a valid update of an existing resource', scenario.states, scenario, op.success.status, scenario.successBody),
      ...(scenario.variants ?? []).map((v) => plan(v.description, v.states, v, op.success.status, v.successBody)),
    ];
    for (const error of op.errors.filter((e) => !e.common)) {
      const answer = (description: string, states: ProviderState[], request: Parameters<typeof plan>[2], resourceType?: string) =>
        plans.push(plan(description, states, request, error.status, errorBody(error.description, resourceType), error.type));
      switch (error.type) {
        case 'ResourceNotFoundException':
          for (const resource of scenario.resources) {
            const missing = absentName(namesTaken(fixtures, resource.param), resource.base);
            const pathParams = { ...scenario.pathParams, [resource.param]: missing };
            answer(
              `${resource.param} names nothing that exists`,
              [{ name: resource.state, params: pathParams }],
              { pathParams, body: scenario.body },
              resource.resourceType,
            );
          }
          break;
        case 'InvalidParameterValueException':
          answer('a request that breaks a documented constraint', scenario.states, { ...breakOneConstraint(op, scenario), invalid: true });
          break;
        case 'AccessDeniedException': {
          const pathParams = { ...scenario.pathParams, AwsAccountId: foreignAccountId(fixtures) };
          answer(
            'a request for an account that is not the caller’s',
            [{ name: STATES.accountNotCallers, params: { AwsAccountId: pathParams.AwsAccountId } }],
            { pathParams, body: scenario.body },
          );
          break;
        }
        case 'UnsupportedUserEditionException':
          answer(
            'a call on a Standard edition subscription',
            [...scenario.states, { name: STATES.standardEdition, params: { AwsAccountId: fixtures.accountId } }],
            scenario,
          );
          break;
        case 'LimitExceededException':
          if (!scenario.limit) throw new Error(`${op.id} documents LimitExceededException but its scenario sets up no limit`);
          answer('a grant beyond the maximum number of principals', scenario.limit.states, {
            pathParams: scenario.pathParams,
            body: scenario.limit.body,
          });
          break;
        default:
          // Throttling, internal failures, unavailability, conflicts and unmet preconditions are the
          // service's own state, which no request can provoke: the provider is told to answer them.
          answer(
            `the service answers ${error.type}`,
            [
              ...scenario.states,
              { name: STATES.operationFails, params: { OperationId: op.id, ErrorType: error.type, Status: error.status } },
            ],
            scenario,
          );
      }
    }
    return plans;
  });
}
