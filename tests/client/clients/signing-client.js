#!/usr/bin/env node
/**
 * A QuickSight client that signs its requests by hand (hand-signer.js, not the library the mock
 * verifies with), correctly or each with one seeded signature defect, for `check-client --auth sigv4`.
 * It reads what every AWS client reads: AWS_ENDPOINT_URL, AWS_REGION and the credentials in the
 * environment. It exits 0 whatever the answers: only the judge can find the defects.
 *
 *   node signing-client.js [DEFECT] [--style js|botocore] [--lower-case-path] [--charset] [+ REQUEST]...
 *
 * One request per group of arguments, the groups separated by "+", sent one after the other (a
 * test checks many defects with one run of check-client).
 * --style js signs X-Amz-Content-Sha256 (as the JS SDK does); botocore (the default) does not.
 * --lower-case-path updates eve/ops as eve%2fops; --charset sends application/json; charset=utf-8.
 */
const { credentialsFromEnvironment, sign } = require('./hand-signer');

const env = process.env;
const credentials = credentialsFromEnvironment(env);
const region = env.AWS_REGION;
const body = JSON.stringify({ Email: 'someone@example.com', Role: 'READER' });
const twentyMinutesAgo = new Date(Date.now() - 20 * 60 * 1000);

/** Each defect: how the request is signed, and what is sent instead of what was signed. */
const DEFECTS = {
  none: {},
  unsigned: { skipSigning: true },
  malformed: { after: (h) => ({ ...h, authorization: 'AWS4-HMAC-SHA256 Credential=garbled' }) },
  'unknown-key': { credentials: { ...credentials, accessKeyId: 'AKIAUNKNOWNKEY000000' } },
  'wrong-secret': { credentials: { ...credentials, secretAccessKey: `${credentials.secretAccessKey}-not` } },
  'wrong-service': { service: 'execute-api' },
  'wrong-region': { region: region === 'eu-west-1' ? 'us-east-1' : 'eu-west-1' },
  stale: { date: twentyMinutesAgo },
  // A middleware that re-serialises the JSON after the signer ran.
  'body-changed': { sentBody: JSON.stringify(JSON.parse(body), null, 2) },
  // A header signed, then dropped by a proxy.
  'header-missing': { headers: { 'x-client-trace': 'abc' }, after: (h) => without(h, 'x-client-trace') },
  // A header signed, then rewritten by a proxy (a charset added).
  'header-altered': { after: (h) => ({ ...h, 'content-type': 'application/json; charset=utf-8' }) },
  // Host left out of the signed headers.
  'host-unsigned': { unsigned: ['host'] },
  // Temporary credentials: signed and sent without their token, with another one, or with it unsigned.
  'token-missing': { credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey } },
  'token-wrong': { credentials: { ...credentials, sessionToken: 'a-token-issued-to-someone-else' } },
  'token-unsigned': { unsigned: ['x-amz-security-token'] },
};

function without(headers, name) {
  const copy = { ...headers };
  delete copy[name];
  return copy;
}

/** The groups of arguments between "+", each read as one request. */
function requests(argv) {
  const groups = [[]];
  for (const arg of argv) {
    if (arg === '+') groups.push([]);
    else groups[groups.length - 1].push(arg);
  }
  return groups.map((args) => ({
    defect: args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--style') ?? 'none',
    style: args.includes('--style') ? args[args.indexOf('--style') + 1] : 'botocore',
    user: args.includes('--lower-case-path') ? 'eve%2fops' : 'alice',
    contentType: args.includes('--charset') ? 'application/json; charset=utf-8' : 'application/json',
  }));
}

async function send({ defect, style, user, contentType }) {
  const d = DEFECTS[defect];
  const url = `${env.AWS_ENDPOINT_URL}/accounts/123456789012/namespaces/default/users/${user}`;
  const base = { 'content-type': contentType, ...(d.headers ?? {}) };
  const signed = d.skipSigning
    ? base
    : sign({
        method: 'PUT',
        url,
        headers: base,
        body,
        credentials: d.credentials ?? credentials,
        region: d.region ?? region,
        service: d.service,
        date: d.date,
        payloadHeader: style === 'js',
        unsigned: d.unsigned,
      });
  const headers = d.after ? d.after(signed) : signed;
  const response = await fetch(url, { method: 'PUT', headers, body: d.sentBody ?? body });
  process.stdout.write(
    `${`signing-client ${defect}: HTTP ${response.status} ${response.headers.get('x-amzn-errortype') ?? ''}`.trimEnd()}\n`,
  );
}

async function main() {
  const planned = requests(process.argv.slice(2));
  const unknown = planned.find((r) => !DEFECTS[r.defect]);
  if (unknown) {
    process.stderr.write(`signing-client: unknown defect ${JSON.stringify(unknown.defect)}; one of ${Object.keys(DEFECTS).join(', ')}\n`);
    process.exit(64);
  }
  for (const request of planned) await send(request);
}

main().catch((error) => {
  process.stderr.write(`signing-client: ${error.message}\n`);
  process.exit(1);
});
