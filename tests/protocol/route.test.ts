import { buildPath, createRouter, type Router } from '../../src/protocol';
import { loadSpec } from '../../src/spec';

let route: Router;
beforeAll(async () => {
  route = createRouter(loadSpec());
});

test('routes an encoded slash to one UserName segment', () => {
  const result = route('PUT', '/accounts/123456789012/namespaces/default/users/eve%2Fops');
  expect(result).toMatchObject({ kind: 'matched', operation: { id: 'UpdateUser' }, pathParams: { UserName: 'eve/ops' } });
});

test('decodes a space and a Latin-1 letter in UserName', () => {
  const result = route('PUT', '/accounts/123456789012/namespaces/default/users/Jos%C3%A9%20N');
  expect(result).toMatchObject({ kind: 'matched', pathParams: { UserName: 'José N' } });
});

test('ignores a query string', () => {
  expect(route('PUT', '/accounts/123456789012/themes/t1/permissions?x=1')).toMatchObject({
    kind: 'matched',
    pathParams: { ThemeId: 't1' },
  });
});

test('an unencoded slash in UserName matches no operation', () => {
  expect(route('PUT', '/accounts/123456789012/namespaces/default/users/eve/ops')).toEqual({ kind: 'no-route' });
});

test('a POST to an operation path is method-not-allowed', () => {
  expect(route('POST', '/accounts/123456789012/custom-permissions/x')).toMatchObject({
    kind: 'method-not-allowed',
    operation: { method: 'PUT' },
  });
});

test('a wrong method is method-not-allowed even when a segment is badly encoded', () => {
  expect(route('GET', '/accounts/123456789012/namespaces/default/users/%ZZ')).toMatchObject({ kind: 'method-not-allowed' });
});

test('a segment that is not valid percent-encoded UTF-8 is bad-encoding', () => {
  expect(route('PUT', '/accounts/123456789012/namespaces/default/users/%E9')).toMatchObject({ kind: 'bad-encoding', segment: '%E9' });
});

test('buildPath encodes as RFC 3986 and round-trips through the router', async () => {
  const op = loadSpec().operation('UpdateUser');
  const pathParams = { AwsAccountId: '123456789012', Namespace: 'default', UserName: "a/b c?é#%!'()*" };
  const path = buildPath(op, pathParams);
  expect(path).toBe('/accounts/123456789012/namespaces/default/users/a%2Fb%20c%3F%C3%A9%23%25%21%27%28%29%2A');
  expect(route('PUT', path)).toMatchObject({ kind: 'matched', pathParams });
});

test('bad-encoding names the label whose segment it is', () => {
  expect(route('PUT', '/accounts/123456789012/namespaces/default/users/%E9')).toMatchObject({ label: 'UserName' });
});
