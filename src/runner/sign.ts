/**
 * AWS SigV4 signing of the exact bytes the runner sends, with @smithy/signature-v4 (the signer of
 * the AWS SDK for JavaScript). Real mocks route on the signature (moto picks the service from the
 * credential scope), so every request is signed, with dummy credentials unless the user gives some;
 * a session token is signed as X-Amz-Security-Token. The auth cases' signings make the defects a
 * server must refuse: none, a wrong secret, a date 20 minutes old, a body changed after signing.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Signing } from '../cases';
import { type Credentials, SIGNING_SERVICE } from '../protocol';
import type { WireRequest } from './exchange';

export type Signer = (request: WireRequest, signing?: Signing) => Promise<WireRequest>;

/** How old the `expired` signing's date is: past the 15 minutes AWS allows, with room for any clock. */
const EXPIRED_BY_MS = 20 * 60 * 1000;

/**
 * The body a middleware that re-serialises JSON after signing would send: the same JSON, indented.
 * A body that indents to itself (`{}`) gets a trailing newline: the bytes must differ.
 */
function changedBody(body: string | undefined): string {
  const text = body ?? '';
  try {
    const reserialised = JSON.stringify(JSON.parse(text), null, 2);
    if (reserialised !== text) return reserialised;
  } catch {
    // Not JSON: any other bytes do.
  }
  return `${text}\n`;
}

export function createSigner(options: { credentials: Credentials; region: string; now?: () => Date }): Signer {
  const now = options.now ?? (() => new Date());
  const make = (credentials: Credentials) =>
    new SignatureV4({ credentials, region: options.region, service: SIGNING_SERVICE, sha256: Hash.bind(null, 'sha256') });
  const signer = make(options.credentials);
  const wrong = make({ ...options.credentials, secretAccessKey: `${options.credentials.secretAccessKey}-wrong` });

  return async (request, signing = 'signed') => {
    if (signing === 'unsigned') return request;
    const url = new URL(request.url);
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, key) => {
      query[key] = value;
    });
    const signingDate = new Date(now().getTime() - (signing === 'expired' ? EXPIRED_BY_MS : 0));
    const signed = await (signing === 'wrong-secret' ? wrong : signer).sign(
      new HttpRequest({
        method: request.method,
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port ? Number(url.port) : undefined,
        // The path exactly as sent: the signer must not re-encode what is already encoded.
        path: url.pathname,
        query,
        headers: { ...request.headers, host: url.host },
        body: request.body,
      }),
      { signingDate },
    );
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    return { ...request, headers, ...(signing === 'body-changed' ? { body: changedBody(request.body) } : {}) };
  };
}
