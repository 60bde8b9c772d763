import { DEFAULT_FIXTURES } from '../src/fixtures';
import { verify } from '../src/verify';
import { startDefectiveMock } from './support/defective-mock';
(async () => {
  for (const seed of [11, 11, 12]) {
    const mock = await startDefectiveMock(process.argv[2] as string);
    const r = await verify({
      target: mock.url,
      fixtures: DEFAULT_FIXTURES,
      seed,
      examples: 30,
      concurrency: 4,
      timeoutMs: 3000,
      operations: [process.argv[3] as never],
    });
    await mock.close();
    const c = r.cases.find((x) => x.id.endsWith('property/stateful'));
    console.log(seed, c?.status, JSON.stringify(c?.property), c?.findings.map((f) => f.code).join(','));
    for (const s of c?.sequence ?? [])
      console.log(
        '  ',
        s.step,
        s.answer,
        s.curl
          .replace(/.*--data-binary/, '')
          .replace(/arn:aws:quicksight:us-east-1:123456789012:user\/default\//g, '')
          .replace(/quicksight:/g, '')
          .slice(0, 160),
      );
  }
})();
