/**
 * The package as a consumer gets it: `npm pack` of this checkout (dist/ as global-setup built it),
 * installed into an empty project from the tarball (its dependencies from npm's cache or registry),
 * then used there as its README says: the programmatic API from JavaScript, its type declarations
 * from TypeScript, the CLI through `npx qs-contract`, and the example GitHub Actions workflow's
 * commands. Pact is an optional peer dependency, not installed here: pact-verify says how to add it.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../src/spec';
import { motoVersion, startMoto } from '../support/moto';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const VERSION = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

let dir: string;
let app: string;
let files: string[];

/** A command in the consumer project, as its CI would run it. */
function inApp(command: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(command, args, {
    cwd: app,
    encoding: 'utf8',
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: undefined, GITHUB_STEP_SUMMARY: undefined, ...env },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'qs-contract-packed-'));
  app = path.join(dir, 'consumer');
  mkdirSync(app);
  // --ignore-scripts: the prepack script rebuilds dist/ from scratch, which other test files run meanwhile.
  const [packed] = JSON.parse(
    execFileSync(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: PROJECT_ROOT, encoding: 'utf8' }),
  ) as { filename: string; files: { path: string }[] }[];
  if (!packed) throw new Error('npm pack wrote no tarball');
  files = packed.files.map((f) => f.path);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', path.join(dir, packed.filename)], {
    cwd: app,
    stdio: 'pipe',
    timeout: 180_000,
  });
}, 240_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test(
  'the tarball holds dist (JavaScript and declarations), the spec, the contract, the docs, the report ' +
    'schemas and the README, nothing else',
  () => {
    const top = new Set(files.map((f) => (f.startsWith('src/reports/schemas/') ? 'src/reports/schemas' : f.split('/')[0])));
    expect([...top].sort()).toEqual(['README.md', 'contracts', 'dist', 'docs', 'openapi', 'package.json', 'src/reports/schemas']);
    expect(files.filter((f) => f.startsWith('dist/') && !/\.(js|d\.ts)$/.test(f))).toEqual([]);
    expect(files).toEqual(
      expect.arrayContaining([
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cli/main.js',
        'openapi/quicksight.yaml',
        'openapi/quicksight.parsed.json',
      ]),
    );
    expect(files).toContain('src/reports/schemas/verify.schema.json');
    expect(files.some((f) => f.startsWith('tests/') || (f.endsWith('.ts') && !f.endsWith('.d.ts')))).toBe(false);
  },
);

test('npx qs-contract --version prints the version', () => {
  expect(inApp('npx', ['--no-install', 'qs-contract', '--version'])).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
});

test('npx qs-contract verify --target builtin passes, and ends with next steps that name npx', () => {
  const run = inApp('npx', ['--no-install', 'qs-contract', 'verify', '--target', 'builtin', '--seed', '4', '--examples', '2']);
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^PASS {2}\d+ cases passed/m);
  expect(run.stdout).toMatch(/^replay: npx qs-contract verify --target builtin --seed 4 --examples 2$/m);
  expect(run.stdout).toMatch(/^Next steps\n {2}npx qs-contract verify --target URL --fixtures FILE /m);
});

test('pact-verify without the optional @pact-foundation/pact says in one line how to add it (exit 2)', () => {
  const run = inApp('npx', ['--no-install', 'qs-contract', 'pact-verify', '--target', 'builtin']);
  expect(run).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'qs-contract: pact-verify needs @pact-foundation/pact, an optional peer dependency of quicksight-contract: ' +
      'npm install --save-dev @pact-foundation/pact@~16.4.0\n',
  });
});

test('the programmatic API from JavaScript: startMock, verify, checkPact, checkClient and a report renderer', () => {
  const client = [
    "fetch(process.env.AWS_ENDPOINT_URL + '/accounts/123456789012/namespaces/default/users/alice', {",
    "  method: 'PUT', headers: { 'content-type': 'application/json' },",
    "  body: JSON.stringify({ Email: 'alice@example.com', Role: 'AUTHOR' }),",
    '}).then((r) => process.exit(r.status === 200 ? 0 : 1));',
  ].join('\n');
  writeFileSync(
    path.join(app, 'use-api.js'),
    `const path = require('node:path');
const qs = require('quicksight-contract');
(async () => {
  const mock = await qs.startMock();
  try {
    const result = await qs.verify({ target: mock.url, seed: 3, examples: 2 });
    const root = path.dirname(require.resolve('quicksight-contract/package.json'));
    const contract = path.join(root, 'contracts', 'aws-sdk-js-v3-quicksight-client-amazon-quicksight.json');
    const pact = await qs.checkPact(contract);
    const client = await qs.checkClient({ command: [process.execPath, '-e', ${JSON.stringify(client)}], output: 'stderr' });
    const junit = qs.renderJunit(qs.verifyDocument(result, 'replay'));
    const schema = require('quicksight-contract/schemas/verify.schema.json');
    console.log(JSON.stringify({ verdict: result.verdict, seed: result.seed, cases: result.summary.cases, pact: pact.compatible,
      client: client.verdict, requests: client.summary.requests, junit: junit.startsWith('<?xml'), schema: schema.title }));
  } finally {
    await mock.close();
  }
})().catch((error) => { console.error(error); process.exit(1); });
`,
  );
  const run = inApp(process.execPath, ['use-api.js']);
  expect(run.code).toBe(0);
  expect(JSON.parse(run.stdout)).toEqual({
    verdict: 'pass',
    seed: 3,
    cases: expect.any(Number),
    pact: true,
    client: 'pass',
    requests: 1,
    junit: true,
    schema: 'qs-contract verify --json report',
  });
});

test('the type declarations: a TypeScript consumer type-checks against the installed package', () => {
  writeFileSync(
    path.join(app, 'use-api.ts'),
    `import { checkPact, startMock, verify, type RunningMock, type VerifyResult } from 'quicksight-contract';

export async function gate(): Promise<boolean> {
  const mock: RunningMock = await startMock({ port: 0 });
  const result: VerifyResult = await verify({ target: mock.url, operations: ['UpdateUser'], examples: 5 });
  const pact = await checkPact('contracts/my-client.json');
  await mock.close();
  const verdict: 'pass' | 'fail' = result.verdict;
  return verdict === 'pass' && pact.compatible;
}

// @ts-expect-error: an operation the contract does not have
verify({ target: 'http://localhost', operations: ['DeleteUser'] });
`,
  );
  const tsc = path.join(PROJECT_ROOT, 'node_modules/typescript/bin/tsc');
  const run = inApp(process.execPath, [
    tsc,
    '--noEmit',
    '--strict',
    '--target',
    'es2022',
    '--module',
    'node16',
    '--moduleResolution',
    'node16',
    '--typeRoots',
    path.join(PROJECT_ROOT, 'node_modules/@types'),
    '--types',
    'node',
    'use-api.ts',
  ]);
  expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
});

// ------------------------------------------------------------------ the example workflow, run here

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface Workflow {
  jobs: { contract: { services: Record<string, { image: string; ports: string[] }>; env: Record<string, string>; steps: Step[] } };
}

// biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
const NOT_CANCELLED = '${{ !cancelled() }}';
const WORKFLOW_FILE = path.join(PROJECT_ROOT, 'examples/github-actions/quicksight-contract.yml');
const workflow = parse(readFileSync(WORKFLOW_FILE, 'utf8')) as Workflow;
const job = workflow.jobs.contract;
const AWS = spawnSync('aws', ['--version'], { encoding: 'utf8' });
const awsMissing = AWS.error ? 'the AWS CLI is not installed (.ci/run installs Debian’s awscli)' : undefined;
if (awsMissing && process.env.CI) throw new Error(`${awsMissing}: CI needs it for the example workflow's client step`);

describe('examples/github-actions/quicksight-contract.yml', () => {
  test('checks a mock in a service container, checks a client with check-client, and publishes every JUnit report it writes', () => {
    const [service] = Object.values(job.services);
    expect(service?.image).toMatch(/^motoserver\/moto:\d/);
    const runs = job.steps.flatMap((s) => (s.run ? [s.run] : []));
    expect(runs.some((r) => /^npx qs-contract verify --target "\$QS_TARGET" /.test(r))).toBe(true);
    expect(runs.some((r) => /^npx qs-contract check-client .* -- /.test(r))).toBe(true);
    const junit = runs.flatMap((r) => [...r.matchAll(/--junit (\S+)/g)].map((m) => m[1]));
    const publish = job.steps.find((s) => s.uses?.startsWith('mikepenz/action-junit-report@'));
    expect(publish?.with?.report_paths).toBe('reports/*.xml');
    for (const file of junit) expect(file).toMatch(/^reports\/[^/]+\.xml$/);
    // The reports are published whatever the checks found.
    const published = job.steps.filter((s) => s.uses?.startsWith('mikepenz/') || s.uses?.startsWith('actions/upload-artifact'));
    expect(published.map((s) => s.if)).toEqual([NOT_CANCELLED, NOT_CANCELLED]);
  });

  /**
   * Runs each `run` step as GitHub Actions would (bash -eo pipefail, the job's env, GITHUB_ACTIONS
   * and a step summary file) in a copy of the checkout, with quicksight-contract installed from the
   * tarball. The service container is moto's server where the machine has it, else the reference
   * mock (`npx qs-contract mock`), which holds the example's users already: the step that registers
   * them is moto's, and is then left out, as is the install step (the tarball is installed).
   */
  test('its commands run as printed: the checks exit as they should and write every report, annotations and the step summary', async () => {
    const moto = motoVersion();
    const service = 'version' in moto ? await startMoto() : await startReferenceMock();
    try {
      cpSync(path.join(PROJECT_ROOT, 'examples'), path.join(app, 'examples'), { recursive: true });
      const summary = path.join(app, 'step-summary.md');
      const env = { ...job.env, QS_TARGET: service.url, GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary, CI: 'true' };
      const results: Record<string, number | null> = {};
      for (const step of job.steps.filter((s) => s.run)) {
        const name = step.name ?? '';
        if (/^npm install .*quicksight-contract$/.test(step.run ?? '')) continue;
        if (/register-user/.test(step.run ?? '') && !('version' in moto)) continue;
        if (/\baws\b/.test(step.run ?? '') && awsMissing) continue;
        const run = inApp('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run ?? ''], env);
        results[name] = run.code;
        if (/qs-contract verify/.test(step.run ?? '')) {
          expect(run.stdout).toMatch(/^(PASS|FAIL) {2}/m);
          if (run.code === 1) expect(run.stdout).toMatch(/^::error title=qs-contract verify%3A cause 1 of \d+/m);
        }
      }
      expect(results['Check the mock against the contract']).toBe('version' in moto ? 1 : 0);
      if ('version' in moto) expect(results['Give the mock the users the fixtures name']).toBe(0);
      for (const report of ['reports/verify.xml', 'reports/verify.html']) expect(existsSync(path.join(app, report))).toBe(true);
      const steps = readFileSync(summary, 'utf8');
      expect(steps).toMatch(/^## (✅|❌) qs-contract verify /m);
      if (!awsMissing) {
        expect(results['Check the client against the reference mock']).toBe(0);
        expect(existsSync(path.join(app, 'reports/client.xml'))).toBe(true);
        expect(steps).toMatch(/^## ✅ qs-contract check-client -- sh -c /m);
      }
    } finally {
      await service.close();
    }
  }, 180_000);
});

/**
 * `qs-contract mock` of the installed package in its own process, standing in for the service
 * container. Node runs the installed bin directly: npx would not pass SIGTERM on to it.
 */
async function startReferenceMock(): Promise<{ url: string; close(): Promise<void> }> {
  const bin = path.join(app, 'node_modules/quicksight-contract/dist/cli/main.js');
  const child = spawn(process.execPath, [bin, 'mock', '--port', '0'], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`qs-contract mock exited with ${code}: ${out}`)));
  });
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
