import { briefJson } from '../json';
import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { isObject, jsonBody } from './read-response';

/**
 * Each answer carries its request id, in the `x-amzn-RequestId` header or the body's `RequestId`.
 * Two different ids in the header and the body are a warning: AWS answers one id in both, but
 * the pages do not promise it, and some mocks fill the body with a placeholder.
 */
export const requestId: Check = {
  id: 'request-id',
  title: 'the answer carries its RequestId',
  rule: { text: 'header x-amzn-RequestId carries the request id (and the body RequestId)', source: WIRE_PROTOCOL },
  applies: ({ received }, { operation }) => operation.responses.some((r) => r.status === received.status),
  run: ({ received }) => {
    const body = jsonBody(received);
    const inBody = isObject(body) && typeof body.RequestId === 'string' && body.RequestId.length > 0;
    const header = received.headers['x-amzn-requestid'];
    if (!inBody && !header) {
      return [
        {
          code: 'response.request-id.missing',
          message: 'the answer carries no request id',
          expected: 'x-amzn-RequestId header or RequestId in the body',
          actual: 'neither',
        },
      ];
    }
    if (inBody && header && isObject(body) && body.RequestId !== header) {
      return [
        {
          code: 'response.request-id.mismatch',
          message: 'the body RequestId is not the x-amzn-RequestId header',
          expected: `RequestId ${JSON.stringify(header)}, as the header`,
          actual: briefJson(body.RequestId, 200),
          pointer: '/RequestId',
        },
      ];
    }
    return [];
  },
};
