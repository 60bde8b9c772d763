/**
 * The curl line that replays a request: curl signs it itself (`--aws-sigv4`), so the line stays
 * valid after the original signature has expired. User-given credentials are never printed: the
 * line reads them from the environment.
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
  for (const [name, value] of Object.entries(request.headers)) {
    if (!SIGNATURE_HEADERS.has(name)) parts.push('-H', quote(`${name}: ${value}`));
  }
  const signing = options.signing ?? 'signed';
  if (signing !== 'unsigned') {
    const wrong = signing === 'wrong-secret' ? '-wrong' : '';
    const user = options.printableCredentials
      ? quote(`${options.printableCredentials.accessKeyId}:${options.printableCredentials.secretAccessKey}${wrong}`)
      : `"$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY${wrong}"`;
    parts.push('--aws-sigv4', quote(`aws:amz:${options.region}:${SIGNING_SERVICE}`), '--user', user);
  }
  if (request.body !== undefined) parts.push('--data-binary', quote(request.body));
  return parts.join(' ');
}
