#!/usr/bin/env node
/**
 * Deliberately faulty QuickSight clients for `check-client`, one request per fault named, in order,
 * sent with fetch to $AWS_ENDPOINT_URL and signed (by hand-signer.js) with the environment's
 * credentials, so that the fault is the only one of its request. They exit 0 whatever the answers:
 * only the judge can find the faults.
 *
 *   node faulty-client.js FAULT [FAULT...]
 */
const { credentialsFromEnvironment, sign } = require('./hand-signer');

const FAULTS = {
  // UpdateUser's Role is an enum of upper-case values.
  'role-case': { path: '/accounts/123456789012/namespaces/default/users/alice', body: { Email: 'alice@example.com', Role: 'reader' } },
  // UpdateUser requires Email.
  'missing-email': { path: '/accounts/123456789012/namespaces/default/users/alice', body: { Role: 'READER' } },
  // UpdateUser is PUT.
  post: {
    method: 'POST',
    path: '/accounts/123456789012/namespaces/default/users/alice',
    body: { Email: 'alice@example.com', Role: 'READER' },
  },
  // A form, not JSON.
  'form-body': {
    path: '/accounts/123456789012/namespaces/default/users/alice',
    raw: 'Email=alice%40example.com&Role=READER',
    contentType: 'application/x-www-form-urlencoded',
  },
  // Valid JSON, but no Content-Type at all (fetch sets none for bytes).
  'no-content-type': {
    path: '/accounts/123456789012/namespaces/default/users/alice',
    raw: Buffer.from('{"Email":"alice@example.com","Role":"READER"}'),
    contentType: null,
  },
  // The user eve/ops with its slash sent raw, not as %2F.
  'raw-slash': { path: '/accounts/123456789012/namespaces/default/users/eve/ops', body: { Email: 'eve@example.com', Role: 'READER' } },
  // Zoë Ångström percent-encoded as Latin-1 bytes (%EB for ë), not UTF-8 (%C3%AB).
  'latin1-name': {
    path: '/accounts/123456789012/namespaces/default/users/Zo%EB%20%C5ngstr%F6m',
    body: { Email: 'zoe@example.com', Role: 'AUTHOR' },
  },
  // A 13-digit account id.
  'long-account': { path: '/accounts/1234567890123/namespaces/default/users/alice', body: { Email: 'alice@example.com', Role: 'READER' } },
  // GrantPermissions is an array of ResourcePermission.
  'grant-string': { path: '/accounts/123456789012/themes/corporate-theme/permissions', body: { GrantPermissions: 'x' } },
  // A capability state is a string (DENY).
  'capability-boolean': {
    path: '/accounts/123456789012/custom-permissions/ReadOnlyAnalysts',
    body: { Capabilities: { ExportToCsv: true } },
  },
  // CustomPermissionsName is at most 64 characters.
  'long-profile-name': {
    path: `/accounts/123456789012/custom-permissions/${'p'.repeat(65)}`,
    body: { Capabilities: { ExportToCsv: 'DENY' } },
  },
  // The account id in the body, and the path without its segment.
  'account-in-body': {
    path: '/accounts/namespaces/default/users/alice',
    body: { AwsAccountId: '123456789012', Email: 'alice@example.com', Role: 'READER' },
  },
};

async function main() {
  const names = process.argv.slice(2);
  const unknown = names.find((name) => !FAULTS[name]);
  if (unknown !== undefined || names.length === 0) {
    console.error(`faulty-client: unknown fault ${JSON.stringify(unknown)}; one of ${Object.keys(FAULTS).join(', ')}`);
    process.exit(64);
  }
  for (const name of names) await send(name, FAULTS[name]);
}

async function send(name, fault) {
  const headers = {};
  if (fault.contentType !== null) headers['content-type'] = fault.contentType ?? 'application/json';
  const url = `${process.env.AWS_ENDPOINT_URL}${fault.path}`;
  const method = fault.method ?? 'PUT';
  const body = fault.raw ?? JSON.stringify(fault.body);
  const signed = sign({ method, url, headers, body, credentials: credentialsFromEnvironment(), region: process.env.AWS_REGION });
  const response = await fetch(url, { method, headers: signed, body });
  console.log(`faulty-client ${name}: HTTP ${response.status} ${response.headers.get('x-amzn-errortype') ?? ''}`.trimEnd());
}

main().catch((error) => {
  console.error(`faulty-client: ${error.message}`);
  process.exit(1);
});
