/**
 * No false alarms on answers: verify's whole traffic (valid and invalid requests, missing
 * resources, sequences, bursts on one resource, random requests) sent through the proxy to a
 * faithful upstream — the reference mock under its own readings of the register, and under each
 * other reading — gets no finding on any answer. The requests verify breaks on purpose are the
 * client's findings (request.*), as they must be.
 */
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { READINGS, type Readings, registerOf } from '../../src/model';
import { startProxy } from '../../src/proxy';
import { loadSpec } from '../../src/spec';
import { verify } from '../../src/verify';

const register = registerOf(loadSpec());
const alternatives = register.flatMap((entry) =>
  ((READINGS as Record<string, readonly string[]>)[entry.id] ?? [])
    .filter((reading) => reading !== entry.reference)
    .map((reading) => ({ name: `${entry.id}=${reading}`, readings: { [entry.id]: reading } as Readings, operations: entry.operations })),
);

test.each(
  [{ name: 'the reference readings', readings: {} as Readings, operations: undefined }, ...alternatives].map((r) => [r.name, r] as const),
)(
  'verify through the proxy to a mock of %s: no finding on any answer',
  async (_name, { readings, operations }) => {
    const mock = await startMock({ fixtures: BUILTIN_FIXTURES, readings });
    const proxy = await startProxy({ upstream: mock.url });
    try {
      const run = await verify({
        target: proxy.url,
        fixtures: BUILTIN_FIXTURES,
        ...(operations ? { operations } : {}),
        seed: 3,
        examples: 10,
        concurrency: 8,
        timeoutMs: 20_000,
      });
      const result = await proxy.close();
      // verify, the client here, gets the same verdict through the proxy as without it.
      expect(run.verdict).toBe('pass');
      const answerErrors = result.exchanges.flatMap((e) =>
        e.findings
          .filter((f) => f.severity === 'error' && !f.code.startsWith('request.'))
          .map((f) => `#${e.seq} ${e.method} ${e.path}: [${f.code}] ${f.message}`),
      );
      expect(answerErrors).toEqual([]);
      expect(result.summary.followed).toBeGreaterThan(0);
    } finally {
      await proxy.close();
      await mock.close();
    }
  },
  60_000,
);
