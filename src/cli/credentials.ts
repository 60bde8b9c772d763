/**
 * Where the commands find credentials to sign with (verify, pact-verify) or to verify signatures
 * against (mock, check-client): `--credentials FILE` when given, else the AWS SDK's own default
 * chain (@aws-sdk/credential-providers: the environment, AWS_PROFILE with the shared config and
 * credentials files, SSO, credential_process, web identity, container and instance roles), so that
 * a CI job's credentials work here exactly as they do for its AWS clients. A session token comes
 * with temporary credentials. No secret is ever printed: only the key id, masked.
 */
import { ToolError } from '../errors';
import { type Credentials, maskKeyId } from '../protocol';
import { loadCredentialsFile } from './config-files';

export interface FoundCredentials {
  /** The first signs; a mock accepts every one. */
  credentials: Credentials[];
  /** Where they came from, for a report: `--credentials FILE` or `the AWS credential chain`. */
  source: string;
}

/** The SDK's multiple-sources warning goes where the CLI's own messages go, not to the console. */
export type Warn = (message: string) => void;

/** The default chain, as an AWS SDK client resolves it; undefined when no provider holds any. */
async function credentialsFromChain(warn: Warn = () => undefined): Promise<Credentials | undefined> {
  const logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: (m: string) => warn(m.replace(/\s+/g, ' ').trim()),
    error: () => undefined,
  };
  try {
    // Required on use: only --sigv4 and check-client look for the machine's credentials.
    const { fromNodeProviderChain } = require('@aws-sdk/credential-providers') as typeof import('@aws-sdk/credential-providers');
    const found = await fromNodeProviderChain({ logger })();
    return {
      accessKeyId: found.accessKeyId,
      secretAccessKey: found.secretAccessKey,
      ...(found.sessionToken ? { sessionToken: found.sessionToken } : {}),
    };
  } catch (error) {
    // The chain's last link says "Could not load credentials from any providers": there are none.
    // Any other error is a source that exists and failed (an expired SSO login, a profile whose
    // role cannot be assumed): the user wants to know which.
    const message = (error as Error).message ?? String(error);
    if (/could not load credentials from any providers/i.test(message)) return undefined;
    throw new ToolError('USAGE', `the AWS credential chain failed: ${message.split('\n')[0]}`);
  }
}

/** `--credentials FILE` (every entry), else the default chain (one); undefined when neither has any. */
export async function findCredentials(file: string | undefined, warn?: Warn): Promise<FoundCredentials | undefined> {
  if (file !== undefined) return { credentials: loadCredentialsFile(file), source: `--credentials ${file}` };
  const found = await credentialsFromChain(warn);
  return found ? { credentials: [found], source: 'the AWS credential chain' } : undefined;
}

/** Like findCredentials, but none at all is a usage error that says where credentials are looked for. */
export async function requireCredentials(flag: string, file: string | undefined, warn?: Warn): Promise<FoundCredentials> {
  const found = await findCredentials(file, warn);
  if (found) return found;
  throw new ToolError(
    'USAGE',
    `${flag} found no credentials: give --credentials FILE, or set them as AWS clients find them ` +
      '(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY [and AWS_SESSION_TOKEN], or AWS_PROFILE with ~/.aws/credentials)',
  );
}

/** `AKIA…MPLE from the AWS credential chain`: what a report may say about the credentials. */
export function describeCredentials(found: FoundCredentials): string {
  const first = found.credentials[0];
  const temporary = first?.sessionToken ? ' (temporary, with a session token)' : '';
  return `${first ? maskKeyId(first.accessKeyId) : '(none)'}${temporary} from ${found.source}`;
}
