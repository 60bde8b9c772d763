#!/usr/bin/env node
/**
 * A real QuickSight client for `check-client`: the AWS SDK for JavaScript v3, configured by nothing
 * but the environment (AWS_ENDPOINT_URL_QUICKSIGHT, AWS_REGION and the credentials that
 * check-client sets). Calls the three operations on the default fixtures, UpdateUser twice (alice,
 * and eve/ops, whose slash the SDK sends as %2F). Any failed call exits 1.
 *
 *   node sdk-client.js [--only OPERATION] [--exit-code N]
 *
 * --only makes one operation's calls; --exit-code ends with that code after the calls succeeded.
 */

const {
  QuickSightClient,
  UpdateCustomPermissionsCommand,
  UpdateThemePermissionsCommand,
  UpdateUserCommand,
} = require('@aws-sdk/client-quicksight');

const ACCOUNT = '123456789012';
const args = process.argv.slice(2);
const flag = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = flag('--only');
const exitCode = Number(flag('--exit-code') ?? 0);

const calls = [
  [
    'UpdateUser',
    'alice',
    new UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'alice', Email: 'alice@example.org', Role: 'AUTHOR' }),
  ],
  [
    'UpdateUser',
    'eve/ops',
    new UpdateUserCommand({ AwsAccountId: ACCOUNT, Namespace: 'default', UserName: 'eve/ops', Email: 'eve@example.org', Role: 'READER' }),
  ],
  [
    'UpdateThemePermissions',
    'corporate-theme',
    new UpdateThemePermissionsCommand({
      AwsAccountId: ACCOUNT,
      ThemeId: 'corporate-theme',
      GrantPermissions: [
        {
          Principal: `arn:aws:quicksight:us-east-1:${ACCOUNT}:user/default/bob`,
          Actions: [
            'quicksight:DescribeTheme',
            'quicksight:DescribeThemeAlias',
            'quicksight:ListThemeAliases',
            'quicksight:ListThemeVersions',
          ],
        },
      ],
    }),
  ],
  [
    'UpdateCustomPermissions',
    'ReadOnlyAnalysts',
    new UpdateCustomPermissionsCommand({
      AwsAccountId: ACCOUNT,
      CustomPermissionsName: 'ReadOnlyAnalysts',
      Capabilities: { ExportToCsv: 'DENY', ShareDashboards: 'DENY' },
    }),
  ],
];

async function main() {
  // No endpoint, region or credentials here: all of them come from the environment.
  const client = new QuickSightClient({});
  for (const [operation, resource, command] of calls) {
    if (only && operation !== only) continue;
    const output = await client.send(command);
    console.log(`${operation} ${resource}: HTTP ${output.$metadata.httpStatusCode} after ${output.$metadata.attempts} attempt(s)`);
  }
  process.exitCode = exitCode;
}

main().catch((error) => {
  console.error(`sdk-client: ${error.name}: ${error.message}`);
  process.exitCode = 1;
});
