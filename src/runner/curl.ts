/**
 * The curl line that replays a request: curl signs it itself (`--aws-sigv4`), so the line stays
 * valid after the original signature has expired. User-given credentials are never printed: the
 * line reads them, and a session token, from the environment. What curl cannot sign (a date in the
 * past, one body signed and another sent) is replayed with the request's own signature headers.
 */
import type { Signing } from '../cases';
import { SIGNING_SERVICE } from '../protocol';
import type { WireRequest } from './exchange';

/** POSIX shell single-quoting. */
function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

const SIGNATURE_HEADERS = new Set([
  'authorization',
  'x-amz-date',
  'x-amz-content-sha256',
  'x-amz-security-token',
  'host',
  'content-length',
]);

export interface CurlOptions {
  region: string;
  /** The literal key pair to print (dummy credentials); undefined prints `$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY`. */
  printableCredentials?: { accessKeyId: string; secretAccessKey: string };
  signing?: Signing;
}

export function curlLine(request: WireRequest, options: CurlOptions): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, quote(request.url)];
  const signing = options.signing ?? 'signed';
  // The signature as sent (the reports blank it when the credentials are real ones).
  const asSent = signing === 'expired' || signing === 'body-changed';
  for (const [name, value] of Object.entries(request.headers)) {
    if (name === 'host' || name === 'content-length') continue;
    // Never the token itself: curl signs an x-amz-* header given to it, from the environment's value.
    if (name === 'x-amz-security-token') parts.push('-H', '"x-amz-security-token: $AWS_SESSION_TOKEN"');
    else if (asSent || !SIGNATURE_HEADERS.has(name)) parts.push('-H', quote(`${name}: ${value}`));
  }
  if (signing !== 'unsigned' && !asSent) {
    const wrong = signing === 'wrong-secret' ? '-wrong' : '';
    const user = options.printableCredentials
      ? quote(`${options.printableCredentials.accessKeyId}:${options.printableCredentials.secretAccessKey}${wrong}`)
      : `"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY${wrong}"`;
    parts.push('--aws-sigv4', quote(`aws:amz:${options.region}:${SIGNING_SERVICE}`), '--user', user);
  }
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  return parts.join(' ');
}
