/**
 * The facts of AWS Signature Version 4 a judge needs, without the signing itself (that is
 * @smithy/signature-v4's): the Authorization header's parts, the date, the service, the allowed skew,
 * the session token's header, and the defects a signature can have, named once for the mock (which
 * refuses them), its request log and check-client's judge (which report them).
 * @see QUICKSIGHT-FACTS.md, "Signatures, retries and credentials"
 */
import type { Rule } from '../findings';
import { SIGNATURES, WIRE_PROTOCOL } from './sources';

/** The SigV4 service name of QuickSight's credential scope. */
export const SIGNING_SERVICE = 'quicksight';

/** A signature dated further than this from the server's clock is refused. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

/** Temporary credentials' session token travels in this header, and is signed. */
export const SECURITY_TOKEN_HEADER = 'x-amz-security-token';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary (role) credentials carry one; sent and signed as X-Amz-Security-Token. */
  sessionToken?: string;
}

/** Well-formed and obviously fake: what the tool signs with, and hands a client, when the user gives none. */
export const DUMMY_CREDENTIALS: Credentials = {
  accessKeyId: 'AKIAQSCONTRACTDUMMY0',
  secretAccessKey: 'qs-contract-dummy-secret-access-key-0000',
};

export interface ParsedAuthorization {
  accessKeyId: string;
  /** The credential scope's date, `YYYYMMDD`. */
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** The credential scope: the key id, then date, region and service (captured), then the terminator. */
const CREDENTIAL = /Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request/;
const AUTHORIZATION = new RegExp(`^AWS4-HMAC-SHA256 ${CREDENTIAL.source},\\s*SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})$`);

/** The parts of an `AWS4-HMAC-SHA256` Authorization header; undefined when it is not one. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const parsed = AUTHORIZATION.exec(value);
  if (!parsed) return undefined;
  const [, accessKeyId, date, region, service, signedHeaders, signature] = parsed as unknown as string[];
  return {
    accessKeyId: accessKeyId as string,
    date: date as string,
    region: region as string,
    service: service as string,
    signedHeaders: (signedHeaders as string).split(';'),
    signature: signature as string,
  };
}

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** The instant an `X-Amz-Date` value (`20261129T193000Z`) names; undefined when it is not one. */
export function parseAmzDate(value: string | undefined): Date | undefined {
  const parts = value ? AMZ_DATE.exec(value) : null;
  if (!parts) return undefined;
  const [, y, mo, d, h, mi, s] = parts.map(Number) as number[];
  const date = new Date(Date.UTC(y as number, (mo as number) - 1, d, h, mi, s));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/**
 * What can be wrong with a request's signature, one code each: the mock refuses each with
 * `--auth sigv4`, and check-client reports each as `request.signature.<defect>`.
 */
export const SIGNATURE_DEFECTS = [
  'unsigned',
  'malformed',
  'scope',
  'skew',
  'unknown-key',
  'signed-header',
  'token',
  'mismatch',
  'payload-hash',
] as const;

export type SignatureDefect = (typeof SIGNATURE_DEFECTS)[number];

const SIGNED: Rule = {
  text: `requests are signed with AWS Signature Version 4 (AWS4-HMAC-SHA256), service ${SIGNING_SERVICE}, the endpoint's region`,
  source: WIRE_PROTOCOL,
};
const VERIFIES: Rule = {
  text: 'the signature is computed with the secret key of the access key id it names, over the request exactly as sent',
  source: WIRE_PROTOCOL,
};

/** The documented rule each defect breaks. */
export const SIGNATURE_RULES: Record<SignatureDefect, Rule> = {
  unsigned: SIGNED,
  malformed: SIGNED,
  scope: SIGNED,
  skew: { text: "a signature dated more than 15 minutes from the server's clock is refused", source: SIGNATURES },
  'unknown-key': VERIFIES,
  'signed-header': VERIFIES,
  token: { text: 'temporary credentials carry a session token, sent and signed as X-Amz-Security-Token', source: SIGNATURES },
  mismatch: VERIFIES,
  'payload-hash': { text: 'the payload hash is SHA-256 of the body actually sent', source: SIGNATURES },
};

/**
 * A receiver's verdict on a request's signature, as its request log keeps it: never the signature,
 * the secret or the token themselves, and the access key id masked.
 */
export interface SignatureVerdict {
  /** The signature was verified against known credentials (`--auth sigv4`); false: only read. */
  verified: boolean;
  /** What is wrong; absent when nothing is (or, unverified, nothing can be seen without the secret). */
  defect?: SignatureDefect;
  /** One sentence: what is wrong and what to fix. */
  message?: string;
  /** The signing key's id, masked (`AKIA…MPLE`), and the credential scope it signed for. */
  accessKeyId?: string;
  region?: string;
  service?: string;
  /** The signing date minus the receiver's clock, in milliseconds (negative: in the past). */
  skewMs?: number;
}

/** An access key id as logs show it: enough to tell keys apart, not the whole id. */
export function maskKeyId(id: string): string {
  return id.length > 8 ? `${id.slice(0, 4)}…${id.slice(-4)}` : '…';
}

/** `20 min 3 s`: a clock difference as a person reads it. */
function describeSkew(skewMs: number): string {
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const minutes = Math.floor(seconds / 60);
  const amount = minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
  return `${amount} ${skewMs < 0 ? 'behind' : 'ahead of'} the server's clock`;
}

export interface SignatureInput {
  /** The Authorization header (several joined by commas). */
  authorization: string | undefined;
  /** The X-Amz-Date header. */
  amzDate: string | undefined;
  /** When the request was received. */
  now: Date;
}

export interface ExpectedScope {
  region: string;
  service?: string;
  maxSkewMs?: number;
}

/**
 * What can be told of a signature without any secret: present, an AWS4-HMAC-SHA256 header, signed
 * for this service and region on the date it says, within the allowed skew. The mock without
 * `--auth` logs this (check-client warns on it); with `--auth` it is the first half of the check.
 */
export function readSignature(input: SignatureInput, expected: ExpectedScope): SignatureVerdict {
  const service = expected.service ?? SIGNING_SERVICE;
  const maxSkewMs = expected.maxSkewMs ?? MAX_SKEW_MS;
  if (!input.authorization) {
    const required = `AWS Signature Version 4 for the service ${service} is required`;
    return { verified: false, defect: 'unsigned', message: `The request is not signed: it has no Authorization header (${required}).` };
  }
  const parsed = parseAuthorization(input.authorization);
  if (!parsed)
    return {
      verified: false,
      defect: 'malformed',
      message:
        'The Authorization header is not an AWS Signature Version 4 header ' +
        '(AWS4-HMAC-SHA256 Credential=KEY/YYYYMMDD/REGION/SERVICE/aws4_request, SignedHeaders=..., Signature=<64 hex digits>).',
    };
  const scope = { verified: false, accessKeyId: maskKeyId(parsed.accessKeyId), region: parsed.region, service: parsed.service };
  if (parsed.service !== service)
    return { ...scope, defect: 'scope', message: `The request is signed for the service ${parsed.service}, not ${service}.` };
  if (parsed.region !== expected.region)
    return { ...scope, defect: 'scope', message: `The request is signed for the region ${parsed.region}, not ${expected.region}.` };
  const signedAt = parseAmzDate(input.amzDate);
  if (!signedAt)
    return { ...scope, defect: 'malformed', message: 'The request has no valid X-Amz-Date header (YYYYMMDDTHHMMSSZ, in UTC).' };
  if (input.amzDate?.slice(0, 8) !== parsed.date)
    return {
      ...scope,
      defect: 'scope',
      message: `The credential scope's date ${parsed.date} is not the date of X-Amz-Date ${input.amzDate}.`,
    };
  const skewMs = signedAt.getTime() - input.now.getTime();
  if (Math.abs(skewMs) > maxSkewMs)
    return {
      ...scope,
      skewMs,
      defect: 'skew',
      message:
        `The signature is dated ${input.amzDate}, ${describeSkew(skewMs)} (at most ${maxSkewMs / 60000} minutes allowed): ` +
        "sign with the current time (check the client's clock, or a signed request kept and sent later).",
    };
  return { ...scope, skewMs };
}
