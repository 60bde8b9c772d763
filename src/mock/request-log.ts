/**
 * The bounded log of received requests, read back through the control plane. A ring buffer: adding
 * is O(1) on the hot path (an array `splice` shifted the whole log on every request once full),
 * and entries keep raw values (a timestamp) that are formatted only when read.
 */
import type { SignatureVerdict } from '../protocol';
import type { Violation } from '../spec';

export interface RequestLogEntry {
  seq: number;
  receivedAt: string;
  method: string;
  path: string;
  contentType: string | undefined;
  operationId: string | undefined;
  pathParams: Record<string, string> | undefined;
  /** The body as received (text), cut at 4 KiB. */
  body: string;
  /** Every documented rule the request broke; empty when it conforms. */
  violations: Violation[];
  status: number;
  errorType: string | undefined;
  /** The answer was a fault injected through the control plane (`/_mock/faults`, check-client --inject). */
  injected: boolean;
  /**
   * The signature: verified with `--auth sigv4` (a defect refused the request), else only read (a
   * defect is what AWS would refuse). Never the signature, secret or token themselves.
   */
  signature: SignatureVerdict;
  /**
   * Why the mock answered without judging the request (a body over 1 MiB, JSON nested too deep, a
   * defect of the mock): nothing is known of whether it conforms. Absent when it was judged.
   */
  unjudged?: string;
}

/** What the hot path records: raw values, formatted by `entries()`. */
export interface RawLogEntry extends Omit<RequestLogEntry, 'receivedAt' | 'unjudged'> {
  receivedAtMs: number;
  /** Always set (undefined when judged), so that every entry has one shape. */
  unjudged: string | undefined;
}

const LOGGED_BODY_LIMIT = 4096;

/**
 * The body text to keep: the decoded text itself when short (it exists already, for JSON.parse),
 * else a fresh copy of its first 4 KiB (a slice of the text would keep the whole body alive).
 */
export function loggedBody(text: string, raw: Buffer): string {
  return raw.length <= LOGGED_BODY_LIMIT ? text : raw.subarray(0, LOGGED_BODY_LIMIT).toString('utf8');
}

/** An entry as it is read back: its time as an ISO string, `unjudged` only when set. */
export function formatEntry({ receivedAtMs, unjudged, ...rest }: RawLogEntry): RequestLogEntry {
  return { ...rest, receivedAt: new Date(receivedAtMs).toISOString(), ...(unjudged === undefined ? {} : { unjudged }) };
}

export class RequestLog {
  private readonly ring: (RawLogEntry | undefined)[];
  private next = 0;
  private size = 0;

  constructor(private readonly limit: number) {
    this.ring = new Array<RawLogEntry | undefined>(Math.max(limit, 0));
  }

  add(entry: RawLogEntry): void {
    if (this.limit <= 0) return;
    this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.limit;
    this.size = Math.min(this.size + 1, this.limit);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.size = 0;
  }

  get length(): number {
    return this.size;
  }

  /** The entries, oldest first. */
  entries(): RequestLogEntry[] {
    const start = (this.next - this.size + this.limit) % Math.max(this.limit, 1);
    return Array.from({ length: this.size }, (_, i) => formatEntry(this.ring[(start + i) % this.limit] as RawLogEntry));
  }

  /** The newest entry, if any. */
  last(): RequestLogEntry | undefined {
    return this.size === 0 ? undefined : formatEntry(this.ring[(this.next - 1 + this.limit) % this.limit] as RawLogEntry);
  }
}
