/**
 * Every reading of the ambiguity register is a faithful target: the reference mock switched to each
 * non-reference reading in turn passes verify, and verify names the reading it saw. A reading no
 * answer shows (`observable: false`) is only required to pass.
 */
import { BUILTIN_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import { READINGS, type Readings, registerOf } from '../../src/model';
import { loadSpec } from '../../src/spec';
import { verify } from '../../src/verify';

const register = registerOf(loadSpec());
const alternatives = register.flatMap((entry) =>
  ((READINGS as Record<string, readonly string[]>)[entry.id] ?? [])
    .filter((reading) => reading !== entry.reference)
    .map((reading) => ({ entry, reading, name: `${entry.id}=${reading}` })),
);

// Readings the answers show only through a member the reports render, not through the model's worlds.
const SHOWN_ELSEWHERE = new Set(['status-in-body=omitted']);

test('the register has alternatives to try', () => {
  expect(alternatives.length).toBeGreaterThan(15);
});

test.each(alternatives.map((a) => [a.name, a] as const))(
  'a target reading %s passes and is recognised',
  async (_name, { entry, reading, name }) => {
    const mock = await startMock({ fixtures: BUILTIN_FIXTURES, readings: { [entry.id]: reading } as Readings });
    try {
      const result = await verify({
        target: mock.url,
        fixtures: BUILTIN_FIXTURES,
        operations: entry.operations,
        seed: 1,
        examples: 0,
        concurrency: 8,
        timeoutMs: 20_000,
      });
      const errors = result.cases.flatMap((c) =>
        c.findings.filter((f) => f.severity === 'error').map((f) => `${c.id}: [${f.code}] ${f.message}`),
      );
      expect(errors).toEqual([]);
      expect(result.verdict).toBe('pass');
      if (entry.observable !== false && !SHOWN_ELSEWHERE.has(name)) expect(result.readings).toContain(name);
      else expect(result.readings).not.toContain(`${entry.id}=${entry.reference}`);
    } finally {
      await mock.close();
    }
  },
);
