/**
 * The environment a client command runs in: the user's own, plus what sends an AWS client to the
 * reference mock and keeps anything else on the machine from changing what it does. Pure.
 */
import { devNull } from 'node:os';
import { DUMMY_CREDENTIALS } from '../protocol';

export interface ClientEnvironment {
  env: NodeJS.ProcessEnv;
  /** True when the dummy credentials were set (the environment had no key pair of its own). */
  dummyCredentials: boolean;
  /** True when the shared config and credentials files were pointed at the null device. */
  sharedFilesIsolated: boolean;
}

export function clientEnvironment(base: NodeJS.ProcessEnv, target: { endpoint: string; region: string }): ClientEnvironment {
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

  // Credentials: the user's own key pair when the environment holds one (a client may expect its
  // own key id); otherwise a dummy pair, so the client signs without looking any further.
  const dummyCredentials = !base.AWS_ACCESS_KEY_ID || !base.AWS_SECRET_ACCESS_KEY;
  if (dummyCredentials) {
    env.AWS_ACCESS_KEY_ID = DUMMY_CREDENTIALS.accessKeyId;
    env.AWS_SECRET_ACCESS_KEY = DUMMY_CREDENTIALS.secretAccessKey;
    delete env.AWS_SESSION_TOKEN;
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
