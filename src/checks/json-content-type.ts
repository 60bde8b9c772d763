import { type Check, WIRE_PROTOCOL } from './check';

/** `application/json`, or a JSON media type AWS SDKs parse the same way (`+json`, `x-amz-json-1.x`). */
const JSON_MEDIA_TYPE = /^application\/(?:json|[\w.+-]+\+json|x-amz-json-1\.[01])\s*(?:;|$)/i;

export const jsonContentType: Check = {
  id: 'json-content-type',
  title: 'the answer is JSON with a JSON content type',
  rule: { text: 'success and error bodies are JSON, Content-Type: application/json', source: WIRE_PROTOCOL },
  applies: () => true,
  run: ({ received }) => {
    const type = received.headers['content-type'];
    return type !== undefined && JSON_MEDIA_TYPE.test(type)
      ? []
      : [
          {
            message: type ? `Content-Type is ${type}, not JSON` : 'the answer has no Content-Type',
            expected: 'Content-Type: application/json',
            actual: type ?? '(none)',
          },
        ];
  },
};
