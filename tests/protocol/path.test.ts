/** The path rules of src/protocol that the router, check-client's near-miss and pact-check share. */
import { buildPath, notPchar, rawSegments, rawSlashLabels, templateParts } from '../../src/protocol';
import { loadSpec } from '../../src/spec';

const model = loadSpec();
const user = model.operation('UpdateUser');

test('a template parses into literals and labels, once per operation', () => {
  expect(templateParts(user)).toEqual([
    { literal: '' },
    { literal: 'accounts' },
    { label: 'AwsAccountId' },
    { literal: 'namespaces' },
    { label: 'Namespace' },
    { literal: 'users' },
    { label: 'UserName' },
  ]);
  expect(templateParts(user)).toBe(templateParts(user));
});

test.each([
  ['eve/ops', 'eve%2Fops'],
  ['Zoë Ångström', 'Zo%C3%AB%20%C3%85ngstr%C3%B6m'],
  ["it's (mine)*!", 'it%27s%20%28mine%29%2A%21'],
])('buildPath percent-encodes %j as %s (RFC 3986, as the SDKs do)', (name, encoded) => {
  expect(buildPath(user, { AwsAccountId: '123456789012', Namespace: 'default', UserName: name })).toBe(
    `/accounts/123456789012/namespaces/default/users/${encoded}`,
  );
});

describe('rawSlashLabels', () => {
  test.each([
    ['/accounts/123456789012/namespaces/default/users/eve/ops', [{ label: 'UserName', value: 'eve/ops' }]],
    ['/accounts/123456789012/namespaces/default/users/a/b%20c/d', [{ label: 'UserName', value: 'a/b c/d' }]],
  ])('%s spans its label over several segments', (path, spans) => {
    expect(rawSlashLabels(user, rawSegments(path))).toEqual(spans);
  });

  test.each([
    ['the documented path itself', '/accounts/123456789012/namespaces/default/users/alice'],
    ['a path whose literals cannot line up', '/accounts/123456789012/namespace/default/users/eve/ops'],
    ['a path far longer than the template', `/accounts/1/namespaces/d/users/${'x/'.repeat(20)}x`],
  ])('%s is no raw-slash mistake', (_what, path) => {
    expect(rawSlashLabels(user, rawSegments(path))).toBeUndefined();
  });
});

test.each([
  ['alice', []],
  ['eve%2Fops', []],
  ["a!$&'()*+,;=:@b", []],
  ['eve ops', [' ']],
  ['50%', ['%']],
  ['Zoë', ['ë']],
  ['a?b#c', ['?', '#']],
])('notPchar(%j) names %j', (segment, bad) => {
  expect(notPchar(segment)).toEqual(bad);
});
