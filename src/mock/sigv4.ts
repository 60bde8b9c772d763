/**
 * AWS Signature Version 4 verification for `--auth sigv4`. The mock recomputes the signature with
 * @smithy/signature-v4 (the signer the AWS SDK for JavaScript uses) over exactly the headers the
 * client says it signed, the raw path and the exact body bytes, and compares. What needs no secret
 * (present, well formed, scope, date) and the defects' names are src/protocol's (sigv4.ts); the
 * verdict says which defect a refused request has, for the 401's message and the request log.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  type Credentials,
  MAX_SKEW_MS,
  maskKeyId,
  parseAmzDate,
  parseAuthorization,
  readSignature,
  SECURITY_TOKEN_HEADER,
  SIGNING_SERVICE,
  type SignatureVerdict,
} from '../protocol';
import type { MockRequest } from './handler';

/** Checks a request's signature: the verdict has a `defect` when the request must be refused. */
export type SignatureCheck = (request: MockRequest, path: string) => Promise<SignatureVerdict>;

export interface SigV4Options {
  /** The credentials clients may sign with; each key's session token, when it has one, must come with it. */
  credentials: Credentials[];
  /** The region the mock serves: a credential scope for another region is refused. */
  region: string;
  /** The service of the credential scope (QUICKSIGHT-FACTS.md: `quicksight`). */
  service?: string;
  /** How far the signing date may be from the mock's clock (AWS: 15 minutes). */
  maxSkewMs?: number;
  now?: () => Date;
}

/** SigV4 requires these to be signed (the date only when it travels in X-Amz-Date, as the mock reads it). */
const MUST_BE_SIGNED = ['host', 'x-amz-date'];

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

const sha256Hex = (body: Buffer) => createHash('sha256').update(body).digest('hex');

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** A session token sent, or needed, that does not belong with the signing key; undefined when it does. */
function tokenProblem(expected: string | undefined, sent: string | undefined, keyId: string): string | undefined {
  if (expected === undefined && sent !== undefined)
    return (
      `The request carries a session token (X-Amz-Security-Token), but ${keyId} ` +
      `is a long-term key that has none: send no token with it.`
    );
  if (expected !== undefined && sent === undefined)
    return `${keyId} belongs to temporary credentials: their session token must be sent, and signed, as X-Amz-Security-Token.`;
  if (expected !== undefined && sent !== undefined && !sameSecret(expected, sent))
    return `The session token in X-Amz-Security-Token is not the one issued with ${keyId}: send the token that came with the key.`;
  return undefined;
}

export function createSigV4Check(options: SigV4Options): SignatureCheck {
  const service = options.service ?? SIGNING_SERVICE;
  const maxSkewMs = options.maxSkewMs ?? MAX_SKEW_MS;
  const now = options.now ?? (() => new Date());
  // One signer per key: the signer caches its derived signing keys, so each request does not redo
  // the four-HMAC derivation. No session token in the signer (it would add its own header): the
  // token is checked apart, and signed, when it was, from the request's own header. applyChecksum
  // off: a client that did not sign X-Amz-Content-Sha256 (botocore, curl --aws-sigv4, most non-JS
  // SDKs for non-S3 services) must not have it added here.
  const keys = new Map(
    options.credentials.map((c) => [
      c.accessKeyId,
      {
        sessionToken: c.sessionToken,
        signer: new SignatureV4({
          credentials: { accessKeyId: c.accessKeyId, secretAccessKey: c.secretAccessKey },
          region: options.region,
          service,
          sha256: Hash.bind(null, 'sha256'),
          applyChecksum: false,
        }),
      },
    ]),
  );
  const known = [...keys.keys()].map(maskKeyId).join(', ');

  return async (request, path) => {
    const authorization = single(request.headers.authorization);
    const amzDate = single(request.headers['x-amz-date']);
    const read: SignatureVerdict = {
      ...readSignature({ authorization, amzDate, now: now() }, { region: options.region, service, maxSkewMs }),
      verified: true,
    };
    const parsed = authorization === undefined ? undefined : parseAuthorization(authorization);
    if (read.defect || !parsed || !amzDate) return read;
    const refuse = (defect: SignatureVerdict['defect'], message: string): SignatureVerdict => ({ ...read, defect, message });
    const keyId = maskKeyId(parsed.accessKeyId);

    const key = keys.get(parsed.accessKeyId);
    if (key === undefined)
      return refuse(
        'unknown-key',
        `The access key id ${keyId} is not known to this server (it knows ${known}): sign with its credentials.`,
      );

    const unsigned = MUST_BE_SIGNED.find((name) => !parsed.signedHeaders.includes(name));
    if (unsigned) return refuse('signed-header', `The ${unsigned} header is not among the signed headers: SigV4 requires it to be signed.`);
    const headers: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
      // Own members only: `constructor` or `__proto__` must not read Object's own properties.
      const value = Object.hasOwn(request.headers, name) ? single(request.headers[name]) : undefined;
      if (value === undefined)
        return refuse('signed-header', `The signed header ${name} is missing from the request: send every header that was signed.`);
      headers[name] = value;
    }
    const token = single(request.headers[SECURITY_TOKEN_HEADER]);
    if (token !== undefined && headers[SECURITY_TOKEN_HEADER] === undefined)
      return refuse('signed-header', 'The X-Amz-Security-Token header is sent but not signed: sign it with the other headers.');
    const tokenMessage = tokenProblem(key.sessionToken, token, keyId);
    if (tokenMessage) return refuse('token', tokenMessage);

    const [rawPath, rawQuery = ''] = path.split('?', 2) as [string, string?];
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(rawQuery)) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const resigned = await key.signer.sign(
      new HttpRequest({
        method: request.method,
        protocol: 'http:',
        hostname: headers.host ?? 'localhost',
        path: rawPath,
        query,
        headers,
        body: request.body,
      }),
      // Exactly the headers the client signed: the signer's own list of unsignable ones (user-agent, ...) must not drop one.
      {
        signingDate: parseAmzDate(amzDate) as Date,
        signingRegion: parsed.region,
        signingService: service,
        signableHeaders: new Set(parsed.signedHeaders),
      },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
    if (!(expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(parsed.signature))))
      return refuse(
        'mismatch',
        `The signature does not match the one computed with the secret key of ${keyId}: the client signs with another secret key, ` +
          'or a signed part of the request (a header, the path, the query, the body) changed after it was signed.',
      );
    // Last, once the signature itself holds: the signer took a signed X-Amz-Content-Sha256 as the
    // payload hash without hashing the body, so the body must be checked against it here.
    const payloadHash = headers['x-amz-content-sha256'];
    if (payloadHash !== undefined && payloadHash !== sha256Hex(request.body))
      return refuse(
        'payload-hash',
        'The body does not match its signed X-Amz-Content-Sha256: it was changed after signing (re-serialised, say), ' +
          'or the payload was not hashed. Sign the exact bytes sent.',
      );
    return read;
  };
}
