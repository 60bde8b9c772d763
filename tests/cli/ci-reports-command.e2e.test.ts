/**
 * The reports a CI reads, as the four checking commands write them: --summary FILE (Markdown),
 * --html FILE, --verbose, and under GITHUB_ACTIONS=true the annotations and the step summary
 * appended to $GITHUB_STEP_SUMMARY — also for a run that cannot be made (exit 2). In-process runs
 * (runCli) against the builtin mock, a seeded defect and the committed contract.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/spec';
import { CLI, runCli } from '../support/cli';
import { startDefectiveMock } from '../support/defective-mock';
import { expectValidReport } from '../support/report-schemas';

const QUICK = ['--seed', '7', '--examples', '2'];
const CONTRACT = path.join(PROJECT_ROOT, 'contracts/aws-sdk-js-v3-quicksight-client-amazon-quicksight.json');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-ci-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string) => path.join(dir, name);

const GITHUB = (summary: string) => ({ GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary });

test.each(['verify', 'check-client', 'pact-check', 'pact-verify'])('%s --help lists --summary, --html and --verbose', async (command) => {
  const { code, stdout } = await runCli([command, '--help']);
  expect(code).toBe(0);
  for (const flag of ['--json <file>', '--junit <file>', '--summary <file>', '--html <file>', '--verbose', '--no-color'])
    expect(stdout).toContain(flag);
});

test(
  'verify of a seeded defect under GitHub Actions: one ::error per cause on stdout, the step summary ' +
    'appended each run, --summary and --html written (their folder made)',
  async () => {
    const defective = await startDefectiveMock('validation-500');
    const summary = file('step-summary.md');
    writeFileSync(summary, '# earlier step\n');
    try {
      const html = file('reports/html/verify.html');
      const args = ['verify', '--target', defective.url, ...QUICK, '--summary', file('verify.md'), '--html', html];
      const { code, stdout, stderr } = await runCli([...args, '--json', file('verify.json')], { env: GITHUB(summary) });
      expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
      const annotations = stdout.split('\n').filter((l) => l.startsWith('::'));
      const causes = stdout.match(/^ ?\d+\. ✗ /gm) ?? [];
      expect(causes.length).toBeGreaterThan(0);
      expect(annotations).toHaveLength(Math.min(causes.length, 10) + (causes.length > 10 ? 1 : 0));
      for (const line of annotations) expect(line).toMatch(/^::error title=qs-contract verify%3A cause \d+ of \d+ \(\d+ cases?\)::\[/);
      expectValidReport(readFileSync(file('verify.json'), 'utf8'));

      const markdown = readFileSync(file('verify.md'), 'utf8');
      expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${markdown}`);
      expect(markdown).toMatch(/^## ❌ qs-contract verify /);
      expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);

      // Outside GitHub Actions: no annotation, the step summary left alone.
      const again = await runCli(args, { env: { GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: summary } });
      expect(again.code).toBe(1);
      expect(again.stdout).not.toMatch(/^::/m);
      expect(readFileSync(summary, 'utf8')).toBe(`# earlier step\n${markdown}`);
    } finally {
      await defective.close();
    }
  },
);

test('--verbose lists every failing case in full, the default one line each under its causes', async () => {
  const defective = await startDefectiveMock('created-201');
  try {
    const short = await runCli(['verify', '--target', defective.url, ...QUICK]);
    const long = await runCli(['verify', '--target', defective.url, ...QUICK, '--verbose']);
    expect([short.code, long.code]).toEqual([1, 1]);
    expect(short.stdout).toMatch(/^Failing cases \(\d+; each in full with --verbose\)$/m);
    expect(long.stdout).toMatch(/^Failures \(\d+ cases\)$/m);
    expect(long.stdout.split('\n').length).toBeGreaterThan(short.stdout.split('\n').length + 50);
  } finally {
    await defective.close();
  }
});

test('a run that cannot be made (exit 2) is one annotation, one line on stderr and a "could not run" summary', async () => {
  const summary = file('unreachable-step.md');
  const { code, stdout, stderr } = await runCli(
    ['verify', '--target', 'http://127.0.0.1:1', '--summary', file('unreachable.md'), '--timeout', '2000'],
    { env: GITHUB(summary) },
  );
  expect(code).toBe(2);
  expect(stdout).toBe('');
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(/^::error title=qs-contract verify%3A could not run::cannot reach the target http:\/\/127\.0\.0\.1:1/);
  expect(lines[1]).toMatch(/^qs-contract: cannot reach the target http:\/\/127\.0\.0\.1:1/);
  const markdown = readFileSync(file('unreachable.md'), 'utf8');
  expect(markdown).toMatch(/^## ⛔ qs-contract verify: could not run\n\n> cannot reach the target/);
  expect(readFileSync(summary, 'utf8')).toBe(markdown);
});

test('pact-check annotates the Pact file itself, and writes its summary and HTML', async () => {
  // As in pact-check-command.test.ts: an error type at a status that does not document it.
  const broken = JSON.parse(readFileSync(CONTRACT, 'utf8'));
  const interaction = broken.interactions.find(
    (i: { description: string }) => i.description === 'UpdateUser: UserName names nothing that exists',
  );
  interaction.response.headers['x-amzn-ErrorType'] = ['ThrottlingException'];
  delete interaction.response.matchingRules.header['x-amzn-ErrorType'];
  const pact = file('broken.json');
  writeFileSync(pact, JSON.stringify(broken));
  const { code, stdout, stderr } = await runCli(['pact-check', pact, '--summary', file('pact.md'), '--html', file('pact.html')], {
    env: GITHUB(file('pact-step.md')),
  });
  expect({ code, stderr }).toEqual({ code: 1, stderr: '' });
  expect(stdout).toMatch(
    new RegExp(`^::error title=qs-contract pact-check%3A cause 1 of \\d+ \\(1 case\\),file=${pact.replace(/[/.]/g, '\\$&')}::`, 'm'),
  );
  expect(readFileSync(file('pact.md'), 'utf8')).toMatch(/^## ❌ qs-contract pact-check /);
  expect(existsSync(file('pact.html'))).toBe(true);
});

test('--summary - writes the Markdown to stdout and the console report to stderr; two reports on stdout are refused', async () => {
  const { code, stdout, stderr } = await runCli(['pact-check', CONTRACT, '--summary', '-']);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^## ✅ qs-contract pact-check /);
  expect(stderr).toMatch(/^qs-contract pact-check /);
  const both = await runCli(['pact-check', CONTRACT, '--summary', '-', '--html', '-']);
  expect(both).toEqual({ code: 2, stdout: '', stderr: 'qs-contract: --summary - and --html - cannot both write to stdout\n' });
});

test('the next steps that `verify --target builtin` (npm start) ends with work as printed, URL, FILE and the client aside', async () => {
  const { code, stdout } = await runCli(['verify', '--target', 'builtin', ...QUICK]);
  expect(code).toBe(0);
  expect(stdout).toMatch(/^replay: npx qs-contract verify --target builtin --seed 7 --examples 2$/m);
  // --sigv4 works against the builtin mock too (it then checks signatures: tests/verify/signature-defects.test.ts).
  expect(stdout).toMatch(
    /auth-enforced: needs credentials to sign with: add --sigv4 with --credentials FILE or AWS credentials in the environment/,
  );
  const steps = stdout.slice(stdout.indexOf('\nNext steps\n')).split('\n').slice(2).filter(Boolean);
  const argv = steps.map((s) => s.replace(/#.*$/, '').trim().split(/\s+/));
  expect(argv.map((a) => a.slice(0, 3).join(' '))).toEqual([
    'npx qs-contract verify',
    'npx qs-contract mock',
    'npx qs-contract check-client',
  ]);

  // verify --target URL --fixtures FILE: a server holding what the file names.
  const mockProcess = spawn(process.execPath, [CLI, ...(argv[1] ?? []).slice(2).map((a) => (a === '5000' ? '0' : a))], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      mockProcess.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      mockProcess.once('exit', (exitCode) => reject(new Error(`qs-contract mock exited with ${exitCode}: ${out}`)));
    });
    writeFileSync(
      file('fixtures.json'),
      JSON.stringify({ users: [{ Namespace: 'default', UserName: 'alice', Email: 'a@example.com', Role: 'READER' }] }),
    );
    const verify = (argv[0] ?? []).slice(2).map((a) => (a === 'URL' ? url : a === 'FILE' ? file('fixtures.json') : a));
    const checked = await runCli([...verify, ...QUICK, '--operations', 'UpdateUser']);
    expect({ code: checked.code, stderr: checked.stderr }).toEqual({ code: 0, stderr: '' });
  } finally {
    if (mockProcess.exitCode === null && mockProcess.signalCode === null) {
      const exited = new Promise((resolve) => mockProcess.once('exit', resolve));
      mockProcess.kill('SIGTERM');
      await exited;
    }
  }

  // check-client -- node your-client.js: a client that updates a user through AWS_ENDPOINT_URL.
  writeFileSync(
    file('your-client.js'),
    [
      "fetch(process.env.AWS_ENDPOINT_URL + '/accounts/123456789012/namespaces/default/users/alice', {",
      "  method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ Email: 'a@example.com', Role: 'AUTHOR' }),",
      '}).then((r) => process.exit(r.status === 200 ? 0 : 1));',
    ].join('\n'),
  );
  const client = (argv[2] ?? [])
    .slice(2)
    .map((a) => (a === 'your-client.js' ? file('your-client.js') : a === 'node' ? process.execPath : a));
  const judged = await runCli(client);
  expect(judged.code).toBe(0);
  expect(judged.stdout).toMatch(/^PASS {2}1 request, each matched its operation and conformed/m);
});
