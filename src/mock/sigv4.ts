/**
 * AWS Signature Version 4 verification for `--auth sigv4`. The mock recomputes the signature with
 * @smithy/signature-v4 (the signer the AWS SDK for JavaScript uses) over exactly the headers the
 * client says it signed, the raw path and the exact body bytes, and compares. The Authorization
 * header's parts, the date and the allowed skew are src/protocol's (sigv4.ts).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Credentials, MAX_SKEW_MS, parseAmzDate, parseAuthorization, SIGNING_SERVICE } from '../protocol';
import type { MockRequest } from './handler';

/** Checks a request's signature; answers why it is refused, or undefined when it is accepted. */
export type SignatureCheck = (request: MockRequest, path: string) => Promise<string | undefined>;

export interface SigV4Options {
  credentials: Credentials[];
  /** The region the mock serves: a credential scope for another region is refused. */
  region: string;
  /** The service of the credential scope (QUICKSIGHT-FACTS.md: `quicksight`). */
  service?: string;
  /** How far the signing date may be from the mock's clock (AWS: 15 minutes). */
  maxSkewMs?: number;
  now?: () => Date;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

export function createSigV4Check(options: SigV4Options): SignatureCheck {
  const service = options.service ?? SIGNING_SERVICE;
  const maxSkewMs = options.maxSkewMs ?? MAX_SKEW_MS;
  const now = options.now ?? (() => new Date());
  // One signer per key: the signer caches its derived signing keys, so each request does not redo
  // the four-HMAC derivation. applyChecksum off: a client that did not sign X-Amz-Content-Sha256
  // (botocore, curl --aws-sigv4, most non-JS SDKs for non-S3 services) must not have it added here.
  const signers = new Map(
    options.credentials.map((c) => [
      c.accessKeyId,
      new SignatureV4({ credentials: c, region: options.region, service, sha256: Hash.bind(null, 'sha256'), applyChecksum: false }),
    ]),
  );

  return async (request, path) => {
    const authorization = single(request.headers.authorization);
    if (!authorization) return 'The request is not signed: it has no Authorization header (AWS Signature Version 4 is required).';
    const parsed = parseAuthorization(authorization);
    if (!parsed) return 'The Authorization header is not an AWS4-HMAC-SHA256 signature.';
    if (parsed.service !== service) return `The request is signed for the service ${parsed.service}, not ${service}.`;
    if (parsed.region !== options.region) return `The request is signed for the region ${parsed.region}, not ${options.region}.`;
    const signer = signers.get(parsed.accessKeyId);
    if (signer === undefined) return `The access key id ${parsed.accessKeyId} is not known to this mock (wrong key).`;

    const signedAt = parseAmzDate(single(request.headers['x-amz-date']));
    if (!signedAt) return 'The request has no valid X-Amz-Date header.';
    const skew = Math.abs(now().getTime() - signedAt.getTime());
    if (skew > maxSkewMs) {
      return `The signature is expired: signed at ${signedAt.toISOString()}, ${Math.round(skew / 60000)} minutes from the server's clock (at most ${maxSkewMs / 60000} allowed).`;
    }

    const headers: Record<string, string> = {};
    for (const name of parsed.signedHeaders) {
      // Own members only: `constructor` or `__proto__` must not read Object's own properties.
      const value = Object.hasOwn(request.headers, name) ? single(request.headers[name]) : undefined;
      if (value === undefined) return `The signed header ${name} is missing from the request.`;
      headers[name] = value;
    }
    // The signer takes a signed X-Amz-Content-Sha256 as the payload hash without hashing the body,
    // so the body must be checked against it here, or a body changed after signing would pass.
    const payloadHash = headers['x-amz-content-sha256'];
    if (payloadHash !== undefined && payloadHash !== createHash('sha256').update(request.body).digest('hex')) {
      return 'The body does not match its signed X-Amz-Content-Sha256: it was changed after signing (or the payload is unsigned).';
    }
    const [rawPath, rawQuery = ''] = path.split('?', 2) as [string, string?];
    const query: Record<string, string | string[]> = {};
    for (const [key, value] of new URLSearchParams(rawQuery)) {
      const previous = query[key];
      query[key] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const resigned = await signer.sign(
      new HttpRequest({
        method: request.method,
        protocol: 'http:',
        hostname: headers.host ?? 'localhost',
        path: rawPath,
        query,
        headers,
        body: request.body,
      }),
      { signingDate: signedAt, signingRegion: parsed.region, signingService: service },
    );
    const expected = /Signature=([0-9a-f]{64})/.exec(String(resigned.headers.authorization))?.[1] ?? '';
    const matches = expected.length === 64 && timingSafeEqual(Buffer.from(expected), Buffer.from(parsed.signature));
    return matches
      ? undefined
      : 'The request signature does not match the one computed with the secret key of its access key id (wrong secret, or the request was changed after signing).';
  };
}
