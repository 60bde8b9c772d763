import { WIRE_PROTOCOL, type Check } from './check';
import { isObject, jsonBody } from './read-response';

/** Each answer carries its request id, in the `x-amzn-RequestId` header or the body's `RequestId`. */
export const requestId: Check = {
  id: 'request-id',
  title: 'the answer carries its RequestId',
  rule: { text: 'header x-amzn-RequestId carries the request id (and the body RequestId)', source: WIRE_PROTOCOL },
  applies: ({ received }, { operation }) => operation.responses.some((r) => r.status === received.status),
  run: ({ received }) => {
    const body = jsonBody(received);
    const inBody = isObject(body) && typeof body.RequestId === 'string' && body.RequestId.length > 0;
    const inHeader = Boolean(received.headers['x-amzn-requestid']);
    return inBody || inHeader ? [] : [{ message: 'the answer carries no request id', expected: 'x-amzn-RequestId header or RequestId in the body', actual: 'neither' }];
  },
};
