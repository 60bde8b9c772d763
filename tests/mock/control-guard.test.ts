/**
 * The control plane's guard, table-tested: what a developer's tools send passes; what a web page
 * can make a browser send (a foreign Host, a foreign Origin, a body that is not JSON) is refused.
 */
import type { MockRequest } from '../../src/mock';
import { browserRefusal } from '../../src/mock/control-guard';

const request = (headers: Record<string, string>, body = ''): MockRequest => ({
  method: 'POST',
  url: '/_mock/faults',
  headers,
  body: Buffer.from(body),
});
const JSON_TYPE = { 'content-type': 'application/json' };

test.each<[string, Record<string, string>, string, string | undefined]>([
  ['curl: Host 127.0.0.1, a JSON body', { host: '127.0.0.1:4010', ...JSON_TYPE }, '{}', undefined],
  ['curl -X POST with no body and no Content-Type', { host: '127.0.0.1:4010' }, '', undefined],
  ['Host localhost', { host: 'localhost:4010' }, '', undefined],
  ['Host app.localhost', { host: 'app.localhost:4010' }, '', undefined],
  ['Host [::1]', { host: '[::1]:4010' }, '', undefined],
  ['Host a LAN address (an IP cannot be rebound)', { host: '192.168.1.20:4010' }, '', undefined],
  ['Host the name given to --host', { host: 'mock:4010' }, '', undefined],
  ['no Host at all (HTTP/1.0)', {}, '', undefined],
  ['its own Origin', { host: '127.0.0.1:4010', origin: 'http://127.0.0.1:4010' }, '', undefined],
  ['a foreign Host (DNS rebinding)', { host: 'attacker.example:4010' }, '', 'FORBIDDEN_HOST'],
  ['a Host that is no authority', { host: 'a b' }, '', 'FORBIDDEN_HOST'],
  ['a foreign Origin', { host: '127.0.0.1:4010', origin: 'https://attacker.example' }, '', 'FORBIDDEN_ORIGIN'],
  ['a page on another port of localhost', { host: '127.0.0.1:4010', origin: 'http://localhost:3000' }, '', 'FORBIDDEN_ORIGIN'],
  ['Origin null (a sandboxed frame, a file)', { host: '127.0.0.1:4010', origin: 'null' }, '', 'FORBIDDEN_ORIGIN'],
  ['a text/plain body (a simple request)', { host: '127.0.0.1:4010', 'content-type': 'text/plain' }, '{}', 'UNSUPPORTED_MEDIA_TYPE'],
  ['a form post', { host: '127.0.0.1:4010', 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 'UNSUPPORTED_MEDIA_TYPE'],
  ['a body with no Content-Type', { host: '127.0.0.1:4010' }, '{}', 'UNSUPPORTED_MEDIA_TYPE'],
])('%s', (_name, headers, body, refusal) => {
  expect(browserRefusal(request(headers, body), { host: 'mock' })?.code).toBe(refusal);
});
