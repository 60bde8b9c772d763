/**
 * Plans the Pact interactions from the spec and the fixtures, without loading Pact itself: for each
 * operation a success and one interaction per documented error of its page, each error provoked the
 * way a real request can provoke it (a missing resource, an invalid value, a foreign account) or,
 * for the service-side ones, through a provider state.
 */
import { namesTaken, outsideEnum, REQUEST_ID, type Scenario, validScenario, validStringOfLength } from '../cases';
import { absentName, type Fixtures, foreignAccountId, type ProviderState, STATES } from '../fixtures';
import { buildPath } from '../protocol';
import type { JsonSchema, OperationId, OperationModel, SpecModel } from '../spec';

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
    /** What a provider that holds the fixtures answers: example values for the consumer's side. */
    body: Record<string, unknown>;
    /**
     * The members of `body` the contract requires of a provider (the Pact layer adds matchers from
     * `schema`): no response member is required by the pages, so only those that show the update
     * itself are, as verify's update-reflected check holds them. Every other member is optional.
     */
    promised: Record<string, unknown>;
    schema: JsonSchema;
  };
}

/**
 * The success members that show the update: the user of the path with its new Email and Role; the
 * theme of the path and its resulting permissions. UpdateCustomPermissions' page promises an Arn
 * of a form it does not give, and Status, which the pages require no more than any other member.
 */
const PROMISED: Record<OperationId, string[][]> = {
  UpdateUser: [
    ['User', 'UserName'],
    ['User', 'Email'],
    ['User', 'Role'],
  ],
  UpdateThemePermissions: [['ThemeId'], ['Permissions']],
  UpdateCustomPermissions: [],
};

/** The members of a success body the contract requires of a provider (PROMISED). */
export function promisedOf(operationId: OperationId, body: Record<string, unknown>): Record<string, unknown> {
  return pick(body, PROMISED[operationId]);
}

/** The members of a body at the given paths (nested objects kept as objects). */
function pick(body: Record<string, unknown>, paths: string[][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const path of paths) {
    let from: unknown = body;
    let to = out;
    path.forEach((key, i) => {
      from = (from as Record<string, unknown> | undefined)?.[key];
      if (from === undefined) return;
      if (i === path.length - 1) to[key] = from;
      else {
        to[key] ??= {};
        to = to[key] as Record<string, unknown>;
      }
    });
  }
  return out;
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

interface PlanRequest {
  pathParams: Record<string, string>;
  body: Record<string, unknown>;
  invalid?: boolean;
}

interface PlanAnswer {
  description: string;
  states: ProviderState[];
  request: PlanRequest;
  status: number;
  body: Record<string, unknown>;
  errorType?: string;
}

function planOne(op: OperationModel, answer: PlanAnswer): InteractionPlan {
  const schema = op.responses.find((r) => r.status === answer.status)?.schema;
  if (!schema) throw new Error(`${op.id} documents no body for status ${answer.status}`);
  const { request } = answer;
  return {
    operationId: op.id,
    description: `${op.id}: ${answer.description}`,
    states: answer.states,
    request: {
      method: op.method,
      pathParams: request.pathParams,
      path: buildPath(op, request.pathParams),
      body: request.body,
      invalid: request.invalid ?? false,
    },
    response: {
      status: answer.status,
      errorType: answer.errorType,
      body: answer.body,
      promised: answer.errorType ? {} : pick(answer.body, PROMISED[op.id]),
      schema,
    },
  };
}

/** The interactions that provoke each error the operation's page documents (not the common ones). */
function errorPlans(op: OperationModel, scenario: Scenario, fixtures: Fixtures): InteractionPlan[] {
  return op.errors
    .filter((e) => !e.common)
    .flatMap((error) => {
      const answer = (description: string, states: ProviderState[], request: PlanRequest, resourceType?: string) =>
        planOne(op, {
          description,
          states,
          request,
          status: error.status,
          body: errorBody(error.description, resourceType),
          errorType: error.type,
        });
      switch (error.type) {
        case 'ResourceNotFoundException':
          return scenario.resources.map((resource) => {
            const missing = absentName(namesTaken(fixtures, resource.param), resource.base);
            const pathParams = { ...scenario.pathParams, [resource.param]: missing };
            return answer(
              `${resource.param} names nothing that exists`,
              [resource.absent(pathParams)],
              { pathParams, body: scenario.body },
              resource.resourceType,
            );
          });
        case 'InvalidParameterValueException':
          return [
            answer('a request that breaks a documented constraint', scenario.states, {
              ...breakOneConstraint(op, scenario),
              invalid: true,
            }),
          ];
        case 'AccessDeniedException': {
          const pathParams = { ...scenario.pathParams, AwsAccountId: foreignAccountId(fixtures) };
          const states: ProviderState[] = [{ name: STATES.accountNotCallers, params: { AwsAccountId: pathParams.AwsAccountId } }];
          return [answer('a request for an account that is not the caller’s', states, { pathParams, body: scenario.body })];
        }
        case 'UnsupportedUserEditionException': {
          const states: ProviderState[] = [
            ...scenario.states,
            { name: STATES.standardEdition, params: { AwsAccountId: fixtures.accountId } },
          ];
          return [answer('a call on a Standard edition subscription', states, scenario)];
        }
        case 'LimitExceededException':
          if (!scenario.limit) throw new Error(`${op.id} documents LimitExceededException but its scenario sets up no limit`);
          return [
            answer('a grant beyond the maximum number of principals', scenario.limit.states, {
              pathParams: scenario.pathParams,
              body: scenario.limit.body,
            }),
          ];
        default: {
          // Throttling, internal failures, unavailability, conflicts and unmet preconditions are the
          // service's own state, which no request can provoke: the provider is told to answer them.
          const fails: ProviderState = {
            name: STATES.operationFails,
            params: { OperationId: op.id, ErrorType: error.type, Status: error.status },
          };
          return [answer(`the service answers ${error.type}`, [...scenario.states, fails], scenario)];
        }
      }
    });
}

export function planInteractions(model: SpecModel, fixtures: Fixtures): InteractionPlan[] {
  return model.operations.flatMap((op) => {
    const scenario = validScenario(op, fixtures);
    const success = (description: string, states: ProviderState[], request: PlanRequest, body: Record<string, unknown>) =>
      planOne(op, { description, states, request, status: op.success.status, body });
    return [
      success('a valid update of an existing resource', scenario.states, scenario, scenario.successBody),
      ...(scenario.variants ?? []).map((v) => success(v.description, v.states, v, v.successBody)),
      ...errorPlans(op, scenario, fixtures),
    ];
  });
}
