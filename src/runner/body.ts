/**
 * A response body as the results keep it. The checks read the whole body (up to MAX_RESPONSE_BYTES)
 * while the exchange is judged; what is kept after that, for the reports, is a prefix of at most
 * BODY_PREFIX_BYTES with the whole body's size and SHA-256. A target can send 374 answers of 1 MiB:
 * kept whole they made a 505 MB JSON report and a 2.7 GB process; kept this way a run's bodies
 * are at most 374 x 64 KiB, whatever the target sends.
 */
import { createHash } from 'node:crypto';
import type { Received, WireResponse } from './exchange';

/** How much of a body the results and reports keep. */
export const BODY_PREFIX_BYTES = 64 * 1024;

/** The size and hash of a body, taken where it is read (send.ts). */
export function bodyFacts(bytes: Buffer): { bodyBytes: number; bodySha256: string } {
  return { bodyBytes: bytes.length, bodySha256: createHash('sha256').update(bytes).digest('hex') };
}

const factsOf = (response: WireResponse) =>
  response.bodyBytes !== undefined && response.bodySha256 !== undefined
    ? { bodyBytes: response.bodyBytes, bodySha256: response.bodySha256 }
    : bodyFacts(Buffer.from(response.body, 'utf8'));

/** The longest prefix of `text` whose UTF-8 form has at most `limit` bytes, cut between characters. */
function utf8Prefix(text: string, limit: number): string {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: a text this short fits.
  if (text.length * 3 <= limit) return text;
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= limit) return text;
  let end = limit;
  // Back up to the first byte of a character (continuation bytes are 10xxxxxx).
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return bytes.subarray(0, end).toString('utf8');
}

/**
 * An answer as kept after judging: its body's size and hash, and the body itself cut to
 * BODY_PREFIX_BYTES (`bodyTruncated` says whether it was). Already kept: returned as it is.
 */
export function keepReceived(received: Received): Received {
  if (received.kind !== 'response' || received.bodyTruncated !== undefined) return received;
  const facts = factsOf(received);
  const cut = facts.bodyBytes > BODY_PREFIX_BYTES;
  return { ...received, ...facts, body: cut ? utf8Prefix(received.body, BODY_PREFIX_BYTES) : received.body, bodyTruncated: cut };
}
