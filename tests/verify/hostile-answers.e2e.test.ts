/**
 * verify against answers of any kind (fast-check, seeded): a stub target on loopback answers each
 * request from a generated plan of statuses, headers and bodies (JSON of any shape, members of the
 * wrong type, nesting up to 60,000 deep, not JSON, over 64 KiB and over the 1 MiB cap). Whatever it
 * answers, `qs-contract verify` finishes with a report that validates against its schema, exit 0
 * or 1, bodies kept to a 64 KiB prefix, within a generous deadline and heap.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { runCli } from '../support/cli';
import { expectValidReport } from '../support/report-schemas';

const SEED = 20261129;
/** Bounds no run comes near: a run of one operation takes about a second, and keeps nothing alive after it. */
const RUN_DEADLINE_MS = 120_000;
const LIVE_HEAP_BOUND_BYTES = 512 * 1024 * 1024;
const REPORT_BOUND_CHARS = 16 * 1024 * 1024;
/** What a report keeps of a body (the runner's BODY_PREFIX_BYTES; written out so this file also runs against an older tree). */
const BODY_PREFIX_BYTES = 64 * 1024;

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * A full garbage collection, so that the heap measured after a run is what the run left alive,
 * not garbage V8 has not collected yet (the flag takes effect for contexts created after it).
 */
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

// ------------------------------------------------------------------ the stub target

let plan: Answer[] = [];
let served = 0;
let server: Server;
let url: string;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-hostile-'));
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const answer = plan[served % plan.length] as Answer;
      served += 1;
      res.writeHead(answer.status, answer.headers).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

// ------------------------------------------------------------------ arbitraries

/** Characters Node accepts in a header value: printable ASCII and Latin-1. */
const headerValue = fc.string({
  unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});
const headers = fc.record(
  {
    'content-type': fc.oneof(
      fc.constantFrom('application/json', 'application/json; charset=utf-8', 'application/x-amz-json-1.1', 'text/html', 'text/plain', ''),
      headerValue,
    ),
    'x-amzn-errortype': fc.oneof(
      fc.constantFrom('ResourceNotFoundException', 'InvalidParameterValueException:http://internal/', 'AccessDeniedException', 'Nope', ''),
      headerValue,
    ),
    'x-amzn-requestid': headerValue,
  },
  { requiredKeys: [] },
);

const memberNames = fc.constantFrom(
  'User',
  'Permissions',
  'Status',
  'Arn',
  'RequestId',
  '__type',
  'code',
  'Message',
  'ThemeId',
  'ThemeArn',
  'Email',
  'Role',
  'UserName',
  'Principal',
  'Actions',
  'CustomPermissionsName',
  '__proto__',
);
/** Values shaped like answers: known members holding anything, at any of a few levels. */
const answerish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(memberNames, tie('value'), { maxKeys: 6 }),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.string({ unit: 'grapheme', maxLength: 200 }),
  ),
})).value;

/** `{"<member>": [[[...]]]}` or a bare nesting, `depth` deep: linear to build. */
const deep = fc
  .record({
    depth: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1000, max: 60_000 })),
    open: fc.constantFrom('[', '{"a":'),
    member: fc.constantFrom('User', 'Permissions', 'Status', '__type', 'Email', ''),
  })
  .map(({ depth, open, member }) => {
    const value = `${open.repeat(depth)}1${(open === '[' ? ']' : '}').repeat(depth)}`;
    return member ? `{"${member}":${value}}` : value;
  });

/** A body from just over the kept prefix to just over the 1 MiB cap: JSON text or plain text. */
const huge = fc
  .record({ size: fc.integer({ min: BODY_PREFIX_BYTES - 100, max: 1024 * 1024 + 100 }), json: fc.boolean() })
  .map(({ size, json }) => (json ? `{"User":{"Tags":[${'"a",'.repeat(Math.floor(size / 4))}"a"]}}` : 'x'.repeat(size)));

const body = fc.oneof(
  { weight: 4, arbitrary: answerish.map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')) },
  { weight: 2, arbitrary: deep.map((text) => Buffer.from(text)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 400 }).map((s) => Buffer.from(s)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((b) => Buffer.from(b)) },
  { weight: 1, arbitrary: huge.map((text) => Buffer.from(text)) },
);

const answer: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(fc.constantFrom(200, 200, 400, 401, 403, 404, 409, 429, 500, 503), fc.integer({ min: 200, max: 999 })),
  headers,
  body,
});

const run = fc.record({
  operation: fc.constantFrom('UpdateUser', 'UpdateThemePermissions', 'UpdateCustomPermissions'),
  plan: fc.array(answer, { minLength: 1, maxLength: 5 }),
});

// ------------------------------------------------------------------ the property

interface Report {
  cases: { received?: { kind: string; body?: string; bodyBytes?: number; bodyTruncated?: boolean } }[];
}

test('whatever the target answers, verify finishes with a valid, bounded report and exit 0 or 1 (or one line and exit 2 for a setup mistake)', async () => {
  let index = 0;
  await fc.assert(
    fc.asyncProperty(run, async ({ operation, plan: answers }) => {
      plan = answers;
      served = 0;
      index += 1;
      const junit = path.join(dir, `junit-${index}.xml`);
      const args = ['verify', '--target', url, '--seed', '7', '--examples', '1', '--operations', operation, '--timeout', '20000'];
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`verify did not finish within ${RUN_DEADLINE_MS} ms`)), RUN_DEADLINE_MS);
      });
      const result = await Promise.race([runCli([...args, '--json', '-', '--junit', junit]), deadline]).finally(() => clearTimeout(timer));

      expect(result.stderr).not.toContain('internal error');
      // A target whose probes are all refused, or all answered 404 with no AWS type, is a setup
      // mistake: one clear line and exit 2, never a wall of findings (src/verify/preflight.ts).
      if (result.code === 2) {
        expect(result.stderr.trim().split('\n')[0]).toMatch(/refused as unauthenticated|answered 404 with no AWS error type|does not hold/);
        expect(result.stderr).not.toMatch(/\n\s+at /);
        return;
      }
      expect([0, 1]).toContain(result.code);
      expect(result.stdout.length).toBeLessThan(REPORT_BOUND_CHARS);
      const report = expectValidReport(result.stdout) as Report;
      for (const c of report.cases) {
        if (c.received?.kind !== 'response') continue;
        expect(Buffer.byteLength(c.received.body ?? '')).toBeLessThanOrEqual(BODY_PREFIX_BYTES);
        expect(c.received.bodyTruncated).toBe((c.received.bodyBytes ?? 0) > BODY_PREFIX_BYTES);
      }
      expect(readFileSync(junit, 'utf8')).toContain('<testsuites');
      collectGarbage();
      expect(process.memoryUsage().heapUsed).toBeLessThan(LIVE_HEAP_BOUND_BYTES);
    }),
    { seed: SEED, numRuns: 40 },
  );
}, 600_000);
