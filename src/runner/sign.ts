/**
 * AWS SigV4 signing of the exact bytes the runner sends, with @smithy/signature-v4 (the signer of
 * the AWS SDK for JavaScript). Real mocks route on the signature (moto picks the service from the
 * credential scope), so every request is signed, with dummy credentials unless the user gives some.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Signing } from '../cases';
import { type Credentials, SIGNING_SERVICE } from '../protocol';
import type { WireRequest } from './exchange';

export type Signer = (request: WireRequest, signing?: Signing) => Promise<WireRequest>;

export function createSigner(options: { credentials: Credentials; region: string }): Signer {
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
    );
    return { ...request, headers: Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)])) };
  };
}
