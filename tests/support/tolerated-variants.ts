/**
 * Mocks that differ from the faithful one only in ways the contract tolerates: each is an answer a
 * real AWS endpoint or SDK-compatible server gives, and a gate that fails one of them is wrong.
 */
import { randomUUID } from 'node:crypto';
import {
  awsError,
  count,
  editJson,
  errorTypeOf,
  isObject,
  mapJson,
  onEveryAnswer,
  routeOf,
  type Tolerated,
  withHeaders,
} from './middleware';

/** Every object's members in reverse order, at every depth (lists keep theirs). */
function reverseMembers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseMembers);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([name, member]) => [name, reverseMembers(member)]),
  );
}

/** Every list in reverse order, at every depth (members keep theirs). */
function reverseLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseLists).reverse();
  if (!isObject(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([name, member]) => [name, reverseLists(member)]));
}

export const TOLERATED: Record<string, Tolerated> = {
  'long-form-error-type': {
    // AWS's own form; SDKs drop everything from the first `:`.
    description: 'names error types in the long form Type:http://internal.amazon.com/coral/com.amazonaws.quicksight/',
    middleware: onEveryAnswer((response) => {
      const type = errorTypeOf(response);
      return type
        ? withHeaders(response, { 'x-amzn-errortype': `${type}:http://internal.amazon.com/coral/com.amazonaws.quicksight/` })
        : response;
    }),
  },

  'error-type-in-body': {
    // SDKs fall back to `__type` and drop its namespace up to `#`.
    description: 'names error types only as __type "com.amazonaws.quicksight#Type" in the body, with no x-amzn-ErrorType header',
    middleware: onEveryAnswer((response) => {
      const type = errorTypeOf(response);
      if (!type) return response;
      return editJson(withHeaders(response, { 'x-amzn-errortype': undefined }), (body) => {
        body.__type = `com.amazonaws.quicksight#${type}`;
      });
    }),
  },

  'extra-members': {
    // Newer AWS models add response members; clients ignore the ones they do not know.
    description: 'adds unknown members to every answer and to the User it describes',
    middleware: onEveryAnswer((response) =>
      editJson(response, (body) => {
        body.ServedBy = 'defective-mock';
        if (isObject(body.User)) body.User.IdentityStoreUserId = 'a1b2c3d4-0000-0000-0000-000000000000';
      }),
    ),
  },

  'request-id-mismatch': {
    // AWS answers one id in both, but the pages do not promise it: a warning, never a failure.
    description: 'answers successes with an x-amzn-RequestId header that differs from the body RequestId',
    middleware: onEveryAnswer((response) =>
      response.status === 200 ? withHeaders(response, { 'x-amzn-requestid': randomUUID() }) : response,
    ),
  },

  'reversed-members': {
    description: 'writes the members of every JSON object in reverse order',
    middleware: onEveryAnswer((response) => mapJson(response, reverseMembers)),
  },

  'json-charset': {
    description: 'answers with Content-Type: application/json; charset=utf-8',
    middleware: onEveryAnswer((response) => withHeaders(response, { 'content-type': 'application/json; charset=utf-8' })),
  },

  'reversed-lists': {
    // The pages give no order for Permissions or their Actions.
    description: 'writes every JSON list (Permissions, Actions) in reverse order',
    middleware: onEveryAnswer((response) => mapJson(response, reverseLists)),
  },

  'validation-exception': {
    // A Smithy-generated server rejects broken constraints with ValidationException, a documented common 400 error.
    description: 'rejects requests that break a documented rule with 400 ValidationException instead of InvalidParameterValueException',
    middleware: onEveryAnswer((response) =>
      errorTypeOf(response) === 'InvalidParameterValueException'
        ? withHeaders(response, { 'x-amzn-errortype': 'ValidationException' })
        : response,
    ),
  },

  'throttles-every-fifth': {
    // The real service throttles bursts; every AWS SDK retries ThrottlingException, and so does verify.
    description: 'answers every 5th request 429 ThrottlingException without acting on it',
    middleware: (request, next, context) =>
      count(context, 'requests') % 5 === 0 ? awsError(429, 'ThrottlingException', 'Rate exceeded') : next(request),
  },

  'slow-60ms': {
    description: 'answers every request 60 ms late',
    middleware: async (request, next) => {
      const response = await next(request);
      await new Promise((resolve) => setTimeout(resolve, 60));
      return response;
    },
  },

  'chunked-connection-close': {
    // defective-mock.ts writes such an answer in two chunks with no Content-Length, then closes the connection.
    description: 'answers with Transfer-Encoding: chunked and Connection: close',
    middleware: onEveryAnswer((response) => withHeaders(response, { 'transfer-encoding': 'chunked', connection: 'close' })),
  },

  'empty-segment-unknown-path': {
    // What negative-rejected itself allows: a router drops a path with an empty segment before reading any constraint.
    description:
      'answers a path with an empty segment (a 0-character UserName, ThemeId or CustomPermissionsName) ' +
      'as an unknown path, 404 UnknownOperationException',
    middleware: (request, next) =>
      Object.values(routeOf(request)?.pathParams ?? {}).includes('')
        ? awsError(404, 'UnknownOperationException', `no operation is ${request.method} ${request.url}`)
        : next(request),
  },
};
