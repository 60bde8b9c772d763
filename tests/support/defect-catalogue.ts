/**
 * Seeded defects of the reference mock: each is a bug a hand-written QuickSight mock plausibly has,
 * made by one middleware around the faithful handler, with the checks that must catch it. The
 * catalogue is the engine's own test: a check that lets one of these through is a hole in the gate.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { createSigV4Check, type MockRequest, type MockResponse } from '../../src/mock';
import type { Credentials, SignatureDefect } from '../../src/protocol';
import {
  awsError,
  count,
  type Defect,
  droppingMember,
  editJson,
  errorTypeOf,
  HANG_UP,
  isMalformedJson,
  isObject,
  isOperation,
  isSuccess,
  type Middleware,
  onEveryAnswer,
  onSuccessOf,
  requestJson,
  routeOf,
  withHeaders,
  withPathParams,
  withRequestJson,
} from './middleware';
import { STATEFUL_DEFECTS } from './stateful-defects';

/** Edits the `User` object of a successful UpdateUser answer. */
function userAnswer(edit: (user: Record<string, unknown>, request: MockRequest) => void): Middleware {
  return onSuccessOf('UpdateUser', (response, request) =>
    editJson(response, (body) => {
      if (isObject(body.User)) edit(body.User, request);
    }),
  );
}

/** Rewrites the error type of every answer that carries `from`. */
function errorTypeRewrite(from: string, rewrite: (response: MockResponse) => MockResponse): Middleware {
  return onEveryAnswer((response) => (errorTypeOf(response) === from ? rewrite(response) : response));
}

/** Percent-decodes a path segment byte by byte as Latin-1, as a server that forgets UTF-8 does. */
function decodeLatin1(segment: string): string {
  return segment.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('latin1'));
}

export const DEFECTS: Record<string, Defect> = {
  ...STATEFUL_DEFECTS,
  'created-201': {
    description: 'answers 201 to a successful UpdateUser',
    expectedChecks: ['status-documented'],
    middleware: onSuccessOf('UpdateUser', (response) => ({ ...response, status: 201 })),
  },

  'no-request-id': {
    description: 'answers successes with no RequestId in the body and no x-amzn-RequestId header',
    expectedChecks: ['request-id'],
    middleware: onEveryAnswer((response) =>
      response.status === 200
        ? editJson(withHeaders(response, { 'x-amzn-requestid': undefined }), (body) => {
            delete body.RequestId;
          })
        : response,
    ),
  },

  'active-as-string': {
    description: 'answers User.Active as the string "true" instead of a boolean',
    expectedChecks: ['response-schema'],
    middleware: userAnswer((user) => {
      user.Active = String(user.Active);
    }),
  },

  'status-as-string': {
    description: 'answers UpdateCustomPermissions with Status as the string "200"',
    expectedChecks: ['response-schema', 'status-in-body'],
    middleware: onSuccessOf('UpdateCustomPermissions', (response) =>
      editJson(response, (body) => {
        body.Status = String(body.Status);
      }),
    ),
  },

  'status-in-body-differs': {
    description: 'answers UpdateCustomPermissions 200 with "Status": 201 in the body',
    expectedChecks: ['status-in-body'],
    middleware: onSuccessOf('UpdateCustomPermissions', (response) =>
      editJson(response, (body) => {
        body.Status = 201;
      }),
    ),
  },

  'empty-success-body': {
    description: 'answers a successful UpdateCustomPermissions with an empty body',
    expectedChecks: ['response-schema'],
    middleware: onSuccessOf('UpdateCustomPermissions', (response) => ({ ...response, body: '' })),
  },

  'text-plain-success': {
    description: 'answers successes with Content-Type: text/plain',
    expectedChecks: ['json-content-type'],
    middleware: onEveryAnswer((response) => (response.status === 200 ? withHeaders(response, { 'content-type': 'text/plain' }) : response)),
  },

  'long-profile-name-accepted': {
    // A mock that cuts names to their maximum instead of refusing them: a 65-character name is answered as the 64-character one.
    description: 'accepts a 65-character CustomPermissionsName, answering it as its first 64 characters',
    expectedChecks: ['negative-rejected'],
    middleware: (request, next) => {
      const routed = routeOf(request);
      const name = routed?.pathParams.CustomPermissionsName;
      if (!routed || name === undefined || [...name].length <= 64) return next(request);
      return next(withPathParams(request, routed, { ...routed.pathParams, CustomPermissionsName: [...name].slice(0, 64).join('') }));
    },
  },

  'namespace-max-63': {
    // Off by one: `length >= 64` where `length > 64` was meant. Only the boundary case (64, valid) sees it.
    description: 'rejects a 64-character Namespace with 400 (maxLength treated as 63)',
    expectedChecks: ['missing-resource'],
    middleware: (request, next) => {
      const namespace = routeOf(request)?.pathParams.Namespace;
      return namespace !== undefined && [...namespace].length >= 64
        ? awsError(400, 'InvalidParameterValueException', 'Namespace must be at most 63 characters.')
        : next(request);
    },
  },

  'body-profile-name-length-not-enforced': {
    // The path's CustomPermissionsName is validated, the body member of the same name is not: cut to 64 characters.
    description: 'accepts a 65-character CustomPermissionsName in the UpdateUser body, answering it as its first 64 characters',
    expectedChecks: ['negative-rejected'],
    middleware: (request, next) => {
      const body = requestJson(request);
      const name = body?.CustomPermissionsName;
      if (!body || !isOperation(request, 'UpdateUser') || typeof name !== 'string' || [...name].length <= 64) return next(request);
      return next(withRequestJson(request, { ...body, CustomPermissionsName: [...name].slice(0, 64).join('') }));
    },
  },

  'account-length-not-enforced': {
    // A single-account mock that checks the account id only for digits and serves the one account it holds.
    description: 'accepts a 13-digit AwsAccountId (its fixed length of 12 not enforced)',
    expectedChecks: ['negative-rejected'],
    middleware: (request, next, { handler }) => {
      const routed = routeOf(request);
      const account = routed?.pathParams.AwsAccountId;
      if (!routed || account === undefined || !/^[0-9]+$/.test(account) || account.length === 12) return next(request);
      return next(withPathParams(request, routed, { ...routed.pathParams, AwsAccountId: handler.state.accountId }));
    },
  },

  'error-without-type': {
    description: 'answers errors with no type at all (no x-amzn-ErrorType, no __type or code)',
    expectedChecks: ['error-type', 'missing-resource'],
    middleware: onEveryAnswer((response) => (response.status >= 400 ? withHeaders(response, { 'x-amzn-errortype': undefined }) : response)),
  },

  'not-found-as-400': {
    description: 'answers ResourceNotFoundException with status 400',
    expectedChecks: ['error-type', 'missing-resource'],
    middleware: errorTypeRewrite('ResourceNotFoundException', (response) => ({ ...response, status: 400 })),
  },

  'not-found-undocumented-type': {
    // IAM's name for the same thing, as a mock built on an IAM mock might answer.
    description: 'answers a missing resource with the undocumented error type NoSuchEntity',
    expectedChecks: ['error-type', 'missing-resource'],
    middleware: errorTypeRewrite('ResourceNotFoundException', (response) => withHeaders(response, { 'x-amzn-errortype': 'NoSuchEntity' })),
  },

  'throttling-as-400': {
    // The facts sheet lists ThrottlingException at 400; the pages (and so the contract) say 429.
    description: 'throttles every 10th request with 400 ThrottlingException instead of 429',
    expectedChecks: ['error-type'],
    middleware: (request, next, context) =>
      routeOf(request) && count(context, 'requests') % 10 === 0 ? awsError(400, 'ThrottlingException', 'Rate exceeded') : next(request),
  },

  'missing-resource-200': {
    // An "upsert" mock: an update of something that does not exist creates it.
    description: 'answers 200 to an update of a resource that does not exist',
    expectedChecks: ['missing-resource'],
    middleware: async (request, next) => {
      const response = await next(request);
      const routed = routeOf(request);
      if (!routed || errorTypeOf(response) !== 'ResourceNotFoundException') return response;
      const requestId = randomUUID();
      const asked = requestJson(request) ?? {};
      const created: Record<string, Record<string, unknown>> = {
        UpdateUser: { User: { UserName: routed.pathParams.UserName, Email: asked.Email, Role: asked.Role } },
        UpdateThemePermissions: {
          ThemeId: routed.pathParams.ThemeId,
          ...(Array.isArray(asked.GrantPermissions) && asked.GrantPermissions.length > 0 ? { Permissions: asked.GrantPermissions } : {}),
        },
        UpdateCustomPermissions: { Status: 200 },
      };
      return {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ ...created[routed.op.id], RequestId: requestId }),
      };
    },
  },

  'validation-500': {
    description: 'answers requests that break a documented rule with 500 InternalFailure',
    expectedChecks: ['no-server-error', 'negative-rejected'],
    middleware: errorTypeRewrite('InvalidParameterValueException', (response) =>
      withHeaders({ ...response, status: 500 }, { 'x-amzn-errortype': 'InternalFailure' }),
    ),
  },

  'malformed-json-500': {
    // JSON.parse throwing past the handler, caught by a generic 500.
    description: 'answers a body that is not JSON with 500 InternalFailure',
    expectedChecks: ['no-server-error', 'negative-rejected'],
    middleware: (request, next) =>
      routeOf(request) && isMalformedJson(request) ? awsError(500, 'InternalFailure', 'Unexpected end of JSON input') : next(request),
  },

  'hangs-up-on-empty-body': {
    // Reads `JSON.parse(body)` unguarded and crashes the connection on an empty one.
    description: 'drops the connection on a request with no body',
    expectedChecks: ['responds'],
    middleware: (request, next) => (routeOf(request) && request.body.length === 0 ? HANG_UP : next(request)),
  },

  'slash-decoded-before-routing': {
    // Decoding the whole path before splitting it: eve%2Fops becomes two segments and no route.
    description: 'decodes %2F as a path separator, so the user eve/ops is not found',
    expectedChecks: ['positive-accepted'],
    middleware: (request, next) => next({ ...request, url: request.url.replace(/%2F/gi, '/') }),
  },

  'latin1-path-decoding': {
    description: 'percent-decodes path segments as Latin-1 instead of UTF-8, so the user "Zoë Ångström" is not found',
    expectedChecks: ['positive-accepted'],
    middleware: (request, next) => {
      const routed = routeOf(request);
      if (!routed) return next(request);
      const raw = request.url.split('?')[0]?.split('/') ?? [];
      // Each segment decoded as Latin-1 bytes, then handed on as the UTF-8 the router expects.
      const url = raw.map((segment) => encodeURIComponent(decodeLatin1(segment))).join('/');
      return next({ ...request, url });
    },
  },

  'update-not-applied': {
    // Reads the user before writing it and answers what it read.
    description: "answers UpdateUser with the user's previous Email and Role",
    expectedChecks: ['update-reflected'],
    middleware: async (request, next, { handler }) => {
      const path = routeOf(request)?.pathParams;
      const stored = path && [...handler.state.users.values()].find((u) => u.Namespace === path.Namespace && u.UserName === path.UserName);
      const before = stored ? { Email: stored.Email, Role: stored.Role } : undefined;
      const response = await next(request);
      if (!before || !isSuccess(response) || !isOperation(request, 'UpdateUser')) return response;
      return editJson(response, (body) => {
        if (isObject(body.User)) Object.assign(body.User, before);
      });
    },
  },

  'theme-revokes-ignored': {
    description: 'validates RevokePermissions on a theme but never applies it',
    expectedChecks: ['update-reflected'],
    middleware: droppingMember('UpdateThemePermissions', 'RevokePermissions'),
  },

  'unapply-ignored': {
    description: 'validates UnapplyCustomPermissions on UpdateUser but never applies it',
    expectedChecks: ['update-reflected'],
    middleware: droppingMember('UpdateUser', 'UnapplyCustomPermissions'),
  },

  'repeat-not-idempotent': {
    // A mock that mints a new principal on every write, so an identical update changes the answer.
    description: 'answers a repeated identical UpdateUser with a new PrincipalId',
    expectedChecks: ['repeat-idempotent'],
    middleware: async (request, next, context) => {
      const response = await next(request);
      if (!isSuccess(response) || !isOperation(request, 'UpdateUser')) return response;
      const seen = count(context, `${request.url} ${request.body.toString('utf8')}`);
      return seen === 1
        ? response
        : editJson(response, (body) => {
            if (isObject(body.User)) body.User.PrincipalId = `${String(body.User.PrincipalId)}-${seen}`;
          });
    },
  },

  'html-404-theme-permissions': {
    // A mock that never implemented the operation: its web framework's default 404 page answers.
    description: 'answers every UpdateThemePermissions with an HTML 404 page',
    expectedChecks: [],
    expectedNotImplemented: ['UpdateThemePermissions'],
    middleware: (request, next) =>
      /^\/accounts\/[^/]*\/themes\//.test(request.url)
        ? {
            status: 404,
            headers: { 'content-type': 'text/html' },
            body: '<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>',
          }
        : next(request),
  },
};

// ---------------------------------------------------------------- signatures (verify --sigv4)

/** What verify signs with against the signature defects (`--sigv4`), and what their mock verifies with. */
export const SIGV4_CREDENTIALS: Credentials = { accessKeyId: 'AKIAQSCONTRACTDEFECT', secretAccessKey: 'defect-catalogue-secret-4be1' };

/**
 * A mock that verifies SigV4 with the reference check, answering 401 AccessDeniedException as the
 * reference mock does, but with what a hand-written verifier plausibly gets wrong: no limit on the
 * signature's age, or a defect it never looks for. With neither, it is the faithful base.
 */
export function checkingSignatures(options: { maxSkewMs?: number; ignore?: SignatureDefect[] } = {}): Middleware {
  const check = createSigV4Check({
    credentials: [SIGV4_CREDENTIALS],
    region: DEFAULT_FIXTURES.region,
    ...(options.maxSkewMs === undefined ? {} : { maxSkewMs: options.maxSkewMs }),
  });
  return async (request, next) => {
    const verdict = await check(request, request.url);
    if (verdict.defect && !options.ignore?.includes(verdict.defect))
      return awsError(401, 'AccessDeniedException', verdict.message ?? 'The request signature is not valid.');
    return next(request);
  };
}

Object.assign(DEFECTS, {
  'signature-date-ignored': {
    description: 'verifies signatures but never their date (one made 20 minutes ago is accepted)',
    expectedChecks: ['auth-enforced'],
    sigv4: true,
    middleware: checkingSignatures({ maxSkewMs: Number.POSITIVE_INFINITY }),
  },
  'signature-body-hash-ignored': {
    // The signer a mock verifies with takes a signed X-Amz-Content-Sha256 as the payload hash: a
    // verifier that never hashes the body it received accepts any body under a valid signature.
    description: 'verifies signatures but trusts the signed X-Amz-Content-Sha256 without hashing the body received',
    expectedChecks: ['auth-enforced'],
    sigv4: true,
    middleware: checkingSignatures({ ignore: ['payload-hash'] }),
  },
} satisfies Record<string, Defect>);
