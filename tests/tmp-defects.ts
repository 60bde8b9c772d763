import { BUILTIN_FIXTURES } from '../src/fixtures';
import { verify } from '../src/verify';
import { firedChecks } from './support/defect-verdict';
import { startDefectiveMock } from './support/defective-mock';
import { STATEFUL_DEFECTS } from './support/stateful-defects';
(async () => {
  const only = process.argv.slice(2);
  for (const [name, d] of Object.entries(STATEFUL_DEFECTS)) {
    if (only.length && !only.includes(name)) continue;
    const mock = await startDefectiveMock(name);
    const r = await verify({ target: mock.url, fixtures: BUILTIN_FIXTURES, seed: 1, examples: 40, concurrency: 16, timeoutMs: 10000 });
    await mock.close();
    const fired = firedChecks(r);
    const failed = r.cases.filter((c) => c.status === 'failed');
    console.log(
      `${name}: ${r.verdict} fired=${fired.join(',')} expected=${d.expectedChecks.join(',')} ${d.expectedChecks.every((c) => fired.includes(c as never)) ? 'OK' : 'MISSING'} failed=${failed
        .map((c) => c.id)
        .slice(0, 4)
        .join(' ')}`,
    );
  }
})();
