/**
 * moto's server (`python3 -m moto.server`), when the machine has it: started on a free loopback
 * port, its QuickSight users registered through its RegisterUser with the real AWS SDK client (as a
 * team seeds its mock), stopped by its own process id. Used by the moto conformance page
 * (docs/conformance/moto.md) and by the example workflow's test, which runs moto where GitHub
 * Actions would run it as a service container.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { QuickSightClient, RegisterUserCommand } from '@aws-sdk/client-quicksight';
import type { Fixtures } from '../../src/fixtures';
import { freePort } from './net';

const PYTHON = process.env.PYTHON ?? 'python3';

/** moto's version, or why it cannot be used here. */
export function motoVersion(): { version: string } | { missing: string } {
  const probe = spawnSync(PYTHON, ['-c', 'import moto, sys; sys.stdout.write(moto.__version__)'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return { missing: `${PYTHON} cannot be run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})` };
  if (probe.status !== 0) return { missing: `${PYTHON} has no moto module (pip install 'moto[server]')` };
  return { version: probe.stdout.trim() };
}

export interface RunningMoto {
  url: string;
  close(): Promise<void>;
}

/** moto's server on a free port, once it answers HTTP (generous deadline: a cold Python start on a loaded machine). */
export async function startMoto(deadlineMs = 60_000): Promise<RunningMoto> {
  const port = await freePort();
  const child: ChildProcess = spawn(PYTHON, ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto exited with ${child.exitCode}: ${output}`);
    try {
      await fetch(`${url}/moto-api/`, { signal: AbortSignal.timeout(2000) });
      return { url, close };
    } catch {
      if (Date.now() - started > deadlineMs) {
        await close();
        throw new Error(`moto did not answer on ${url} within ${deadlineMs / 1000} s: ${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** Registers each user of the fixtures through moto's RegisterUser, with the real SDK client. */
export async function registerUsers(url: string, fixtures: Pick<Fixtures, 'region' | 'accountId' | 'users'>): Promise<void> {
  const client = new QuickSightClient({
    region: fixtures.region,
    endpoint: url,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  });
  try {
    for (const user of fixtures.users) {
      await client.send(
        new RegisterUserCommand({
          AwsAccountId: fixtures.accountId,
          Namespace: user.Namespace,
          IdentityType: 'QUICKSIGHT',
          UserName: user.UserName,
          Email: user.Email,
          UserRole: user.Role as never,
        }),
      );
    }
  } finally {
    client.destroy();
  }
}
