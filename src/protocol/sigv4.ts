/**
 * The facts of AWS Signature Version 4 a judge needs, without the signing itself (that is
 * @smithy/signature-v4's): the Authorization header's parts, the date, the service, the allowed skew.
 * @see QUICKSIGHT-FACTS.md, "Signatures, retries and credentials"
 */

/** The SigV4 service name of QuickSight's credential scope. */
export const SIGNING_SERVICE = 'quicksight';

/** A signature dated further than this from the server's clock is refused. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
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

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;

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
