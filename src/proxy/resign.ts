/**
 * `--resign`: the request signed again with the user's credentials, for the upstream's host, over
 * the exact bytes forwarded. A client pointed at the proxy signs for the proxy's address; a real
 * endpoint refuses that signature, so the proxy replaces it (the client's own is still judged, as
 * what AWS would make of it). @smithy/signature-v4 is the AWS SDK for JavaScript's own signer.
 */
import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { type Credentials, SECURITY_TOKEN_HEADER, SIGNING_SERVICE } from '../protocol';
import type { Outgoing } from './forward';

/** The client's signature headers: replaced, never forwarded beside the new ones. */
const SIGNATURE_HEADERS = new Set(['authorization', 'x-amz-date', 'x-amz-content-sha256', SECURITY_TOKEN_HEADER]);

export type Resigner = (outgoing: Outgoing) => Promise<Outgoing>;

export function createResigner(credentials: Credentials, region: string): Resigner {
  const signer = new SignatureV4({ credentials, region, service: SIGNING_SERVICE, sha256: Hash.bind(null, 'sha256') });
  return async (outgoing) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(outgoing.headers)) {
      if (!SIGNATURE_HEADERS.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    headers.host = outgoing.origin.host;
    const at = outgoing.path.indexOf('?');
    const query: Record<string, string | string[]> = {};
    for (const [name, value] of new URLSearchParams(at === -1 ? '' : outgoing.path.slice(at + 1))) {
      const previous = query[name];
      query[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
    }
    const signed = await signer.sign(
      new HttpRequest({
        method: outgoing.method,
        protocol: outgoing.origin.protocol,
        hostname: outgoing.origin.hostname,
        port: outgoing.origin.port ? Number(outgoing.origin.port) : undefined,
        // The path as forwarded; the signer encodes it once more, as SigV4 asks of every service but S3.
        path: at === -1 ? outgoing.path : outgoing.path.slice(0, at),
        query,
        headers,
        body: outgoing.body,
      }),
    );
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) out[name.toLowerCase()] = String(value);
    return { ...outgoing, headers: out };
  };
}
