/**
 * The environment a client command runs in: the user's own, plus what sends an AWS client to the
 * reference mock and keeps anything else on the machine from changing what it does. Pure.
 */
import { devNull } from 'node:os';
import { type Credentials, DUMMY_CREDENTIALS } from '../protocol';

export interface ClientEnvironment {
  env: NodeJS.ProcessEnv;
  /** True when the dummy credentials were set (the environment had no key pair of its own). */
  dummyCredentials: boolean;
  /** True when the shared config and credentials files were pointed at the null device. */
  sharedFilesIsolated: boolean;
}

export interface ClientTarget {
  endpoint: string;
  region: string;
  /** The credentials the mock verifies signatures with (`--auth sigv4`): the client gets exactly these. */
  credentials?: Credentials;
}

export function clientEnvironment(base: NodeJS.ProcessEnv, target: ClientTarget): ClientEnvironment {
  const env: NodeJS.ProcessEnv = { ...base };

  // The endpoint, for every service and for QuickSight in particular (a service-specific variable
  // set by the user would otherwise win over the general one). AWS SDKs from 2023 on read these.
  env.AWS_ENDPOINT_URL = target.endpoint;
  env.AWS_ENDPOINT_URL_QUICKSIGHT = target.endpoint;
  // A configured endpoint must never be ignored: the client would go to the real service, signed
  // with whatever credentials it finds. The variable also overrides the shared config's setting.
  env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS = 'false';
  // The fixtures' region: the JS SDK reads AWS_REGION, botocore (the AWS CLI) AWS_DEFAULT_REGION.
  env.AWS_REGION = target.region;
  env.AWS_DEFAULT_REGION = target.region;
  // No instance-metadata lookups (for credentials or the region): off EC2 they hang for seconds.
  env.AWS_EC2_METADATA_DISABLED = 'true';
  // The AWS CLI pipes its output through `less` on a terminal, which would wait for a key press.
  if (base.AWS_PAGER === undefined) env.AWS_PAGER = '';

  // Credentials: the ones the mock verifies with, when it does; else the user's own key pair when
  // the environment holds one (a client may expect its own key id); otherwise a dummy pair, so the
  // client signs without looking any further. In the environment, they come first in every AWS SDK's chain.
  const given = target.credentials;
  const dummyCredentials = given === undefined && (!base.AWS_ACCESS_KEY_ID || !base.AWS_SECRET_ACCESS_KEY);
  const credentials = given ?? (dummyCredentials ? DUMMY_CREDENTIALS : undefined);
  if (credentials) {
    env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
    if (credentials.sessionToken) env.AWS_SESSION_TOKEN = credentials.sessionToken;
    else delete env.AWS_SESSION_TOKEN;
    // botocore's older name for the token: a stale one must not travel with other keys.
    delete env.AWS_SECURITY_TOKEN;
  }
  // The JS SDK prefers AWS_PROFILE to the keys in the environment: the client must sign with
  // exactly the credentials the mock verifies (the chain that found them has read the profile).
  if (given) {
    delete env.AWS_PROFILE;
    delete env.AWS_DEFAULT_PROFILE;
  }

  // Shared config: a developer's ~/.aws can change what a client does against the mock (a
  // profile's SSO login or credential_process, retry settings, ignore_configured_endpoint_urls),
  // so by default the client sees none, as on a fresh CI machine: both files are the null device,
  // and AWS_PROFILE goes with them (botocore refuses to start with a profile it cannot find).
  // A user who names a config file explicitly (AWS_CONFIG_FILE, to test retry settings, say) means
  // it: then both files and the profile are left as they are.
  const sharedFilesIsolated = base.AWS_CONFIG_FILE === undefined && base.AWS_SHARED_CREDENTIALS_FILE === undefined;
  if (sharedFilesIsolated) {
    env.AWS_CONFIG_FILE = devNull;
    env.AWS_SHARED_CREDENTIALS_FILE = devNull;
    delete env.AWS_PROFILE;
    delete env.AWS_DEFAULT_PROFILE;
  }
  return { env, dummyCredentials, sharedFilesIsolated };
}
