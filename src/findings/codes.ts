/**
 * The catalogue of finding codes: one stable code per documented rule, shared by every command that
 * can see it broken (verify on a live answer, check-client on a client's request, pact-check on a
 * Pact file, pact-verify on a provider's answer). A code never changes meaning; users filter and
 * suppress findings by it (`--suppress`), and the README's table is generated from this list.
 */

/** What a finding is about: the request sent, the answer, the behaviour across requests, a Pact verification. */
export type FindingFamily = 'request' | 'response' | 'behaviour' | 'pact-verify';

/** Each family in a few words, the heading of its part of the README's table. */
export const FAMILIES: Record<FindingFamily, string> = {
  request: 'The request a client sends',
  response: 'The answer a server gives',
  behaviour: 'Behaviour across requests',
  'pact-verify': 'A Pact provider verification',
};

export type Severity = 'error' | 'warning';

export interface CodeInfo {
  family: FindingFamily;
  /** One line, for the README and `--help`. */
  title: string;
  /** A code whose findings are warnings: the documents do not promise it, so it never fails a run. */
  warning?: true;
}

export const FINDING_CODES = {
  // ------------------------------------------------------------------ the request a client sends
  'request.path.unknown': { family: 'request', title: 'the method and path name no documented operation' },
  'request.method': { family: 'request', title: "the path is an operation's, the method is not" },
  'request.path.encoding': {
    family: 'request',
    title: 'a path label not percent-encoded as UTF-8 per RFC 3986 (a raw "/", space, non-ASCII)',
  },
  'request.path.parameter': { family: 'request', title: 'a path label that breaks its documented constraint' },
  'request.body.invalid': { family: 'request', title: 'the body breaks the request schema (missing, invalid or mistyped member)' },
  'request.body.not-json': { family: 'request', title: 'the body is not JSON' },
  'request.content-type': { family: 'request', title: 'a JSON body sent without Content-Type: application/json' },
  'request.header': { family: 'request', title: 'a request header the spec defines otherwise (pact-check)' },
  'request.value.tolerated': {
    family: 'request',
    title: 'a value outside the documented enum that the AWS model accepts (ADMIN_PRO, ALLOW)',
    warning: true,
  },
  // SigV4, as the reference mock verifies it (check-client --auth sigv4), one code per defect. Without
  // --auth the mock only reads the signature: unsigned, malformed, scope and skew are then warnings.
  'request.signature.unsigned': { family: 'request', title: 'the request is not signed: no Authorization header' },
  'request.signature.malformed': {
    family: 'request',
    title: 'the Authorization header is not AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…, or X-Amz-Date is missing',
  },
  'request.signature.scope': {
    family: 'request',
    title: "the credential scope names another service than quicksight, another region than the endpoint's, or another date",
  },
  'request.signature.skew': { family: 'request', title: "the signature is dated more than 15 minutes from the server's clock" },
  'request.signature.unknown-key': { family: 'request', title: 'signed with an access key id the server does not know' },
  'request.signature.signed-header': {
    family: 'request',
    title: 'a signed header missing from the request, or host, X-Amz-Date or X-Amz-Security-Token not signed',
  },
  'request.signature.token': {
    family: 'request',
    title: "a session token missing, not the key's own, or sent with a long-term key",
  },
  'request.signature.mismatch': {
    family: 'request',
    title: 'the signature does not verify: another secret key, or a signed header, the path or the body changed after signing',
  },
  'request.signature.payload-hash': {
    family: 'request',
    title: 'the signed X-Amz-Content-Sha256 is not the hash of the body received (the body changed after signing)',
  },
  // ------------------------------------------------------------------ the answer a server gives
  'response.none': { family: 'response', title: 'no HTTP answer: a timeout, a reset, bytes that are not HTTP, an answer over 1 MiB' },
  'response.server-error': { family: 'response', title: 'a 5xx answer to a request the client can send' },
  'response.status.undocumented': { family: 'response', title: 'a status the operation does not document' },
  'response.content-type': { family: 'response', title: 'an answer without a JSON Content-Type' },
  'response.body.not-json': { family: 'response', title: 'a body that is not JSON' },
  'response.body.schema': { family: 'response', title: 'a body that breaks the schema documented for its status' },
  'response.body.not-promised': {
    family: 'response',
    title: 'a response member or header the spec does not list (pact-check: the provider may not send it)',
    warning: true,
  },
  'response.header': { family: 'response', title: 'a response header the spec defines otherwise (pact-check)' },
  'response.error-type.missing': { family: 'response', title: 'an error that names no type the way AWS SDKs read it' },
  'response.error-type.undocumented': { family: 'response', title: 'an error type the operation does not document' },
  'response.error-type.wrong-status': { family: 'response', title: 'an error type documented at another status' },
  'response.request-id.missing': { family: 'response', title: 'neither x-amzn-RequestId nor a body RequestId' },
  'response.request-id.mismatch': { family: 'response', title: 'the body RequestId differs from x-amzn-RequestId', warning: true },
  'response.status-in-body.mismatch': { family: 'response', title: "UpdateCustomPermissions' body Status differs from the status line" },
  'response.status-in-body.missing': {
    family: 'response',
    title: "UpdateCustomPermissions' success body has no Status (the facts sheet shows it; no response member is required)",
    warning: true,
  },
  'response.status-in-body.unexpected': {
    family: 'response',
    title: 'a Status member in a body that binds Status to the status line',
    warning: true,
  },
  'response.arn-form': {
    family: 'response',
    title: 'an ARN of a form the documents do not give (a custom permissions profile)',
    warning: true,
  },
  // ------------------------------------------------------------------ behaviour across requests
  'behaviour.invalid-accepted': { family: 'behaviour', title: 'a request that breaks a documented rule is not answered 400' },
  'behaviour.invalid-wrong-error': {
    family: 'behaviour',
    title: 'a request that breaks a documented rule is answered 400 with an error that does not report invalid input',
  },
  'behaviour.valid-refused': { family: 'behaviour', title: 'a valid request on an existing resource does not succeed' },
  'behaviour.valid-rejected': { family: 'behaviour', title: 'a value within its documented bounds is answered 400' },
  'behaviour.missing-resource': { family: 'behaviour', title: 'a missing resource is not answered 404 ResourceNotFoundException' },
  'behaviour.update-not-reflected': { family: 'behaviour', title: 'a successful update does not show its effect in the answer' },
  'behaviour.repeat-differs': { family: 'behaviour', title: 'the same update sent twice gives two results' },
  'behaviour.auth-not-enforced': { family: 'behaviour', title: 'an unsigned or wrongly signed request is not refused' },
  'behaviour.unexpected-success': {
    family: 'behaviour',
    title: 'a success where the earlier answers leave only refusals (a limit, a grouping, a reading the target chose before)',
  },
  'behaviour.unexpected-error': { family: 'behaviour', title: 'an error no reading of the documents allows, given the earlier answers' },
  'behaviour.not-linearizable': { family: 'behaviour', title: 'the answers to concurrent requests agree with no order of them' },
  // ------------------------------------------------------------------ a Pact provider verification
  'pact-verify.status': { family: 'pact-verify', title: "the provider's status differs from the contract's" },
  'pact-verify.header': { family: 'pact-verify', title: "a provider's header differs from the contract's" },
  'pact-verify.body': { family: 'pact-verify', title: "the provider's body does not match the contract's matchers" },
  'pact-verify.error': { family: 'pact-verify', title: 'the interaction could not be verified (no answer, a state change failed)' },
  'pact-verify.other': { family: 'pact-verify', title: 'another mismatch the Pact core reported' },
} as const satisfies Record<string, CodeInfo>;

export type FindingCode = keyof typeof FINDING_CODES;

export const ALL_CODES = Object.keys(FINDING_CODES) as FindingCode[];

export function codeInfo(code: FindingCode): CodeInfo {
  return FINDING_CODES[code];
}

/** The severity a code's findings have: warning for what the documents do not promise. */
export function severityOf(code: FindingCode): Severity {
  return (FINDING_CODES[code] as CodeInfo).warning ? 'warning' : 'error';
}
