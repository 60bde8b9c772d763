/**
 * Environments without the machine's AWS credentials, shared files or instance metadata, so that the
 * credential chain finds only what a test puts there.
 */
import { tmpdir } from 'node:os';
import path from 'node:path';

/** For a run in this process (runCli's env): the credential variables and the files' locations unset. */
export const CLEAN_ENV: Record<string, string | undefined> = {
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_DEFAULT_PROFILE: undefined,
  AWS_CONFIG_FILE: undefined,
  AWS_SHARED_CREDENTIALS_FILE: undefined,
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
};

const NO_SUCH_FILES = {
  AWS_SHARED_CREDENTIALS_FILE: path.join(tmpdir(), 'qs-contract-no-such-credentials'),
  AWS_CONFIG_FILE: path.join(tmpdir(), 'qs-contract-no-such-config'),
  AWS_EC2_METADATA_DISABLED: 'true',
};

/** For a child process: the test's environment without any AWS_ variable (nor those named), the shared files pointed at nothing. */
export function childEnvWithoutAws(drop: readonly string[] = []): NodeJS.ProcessEnv {
  return {
    ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_') && !drop.includes(name))),
    ...NO_SUCH_FILES,
  };
}

/**
 * The same for a run in this process: each AWS_ variable of the machine unset for the run (the SDK's
 * own AWS_SDK_ switches kept), the shared files pointed at nothing.
 */
export const NO_AWS_IN_PROCESS: Record<string, string | undefined> = {
  ...Object.fromEntries(
    Object.keys(process.env)
      .filter((name) => name.startsWith('AWS_') && !name.startsWith('AWS_SDK_'))
      .map((name) => [name, undefined]),
  ),
  ...NO_SUCH_FILES,
};
