import { isJsonAnswerType, WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';

export const jsonContentType: Check = {
  id: 'json-content-type',
  title: 'the answer is JSON with a JSON content type',
  rule: { text: 'success and error bodies are JSON, Content-Type: application/json', source: WIRE_PROTOCOL },
  applies: () => true,
  run: ({ received }) => {
    const type = received.headers['content-type'];
    if (isJsonAnswerType(type)) return [];
    return [
      {
        code: 'response.content-type',
        message: type ? `Content-Type is ${type}, not JSON` : 'the answer has no Content-Type',
        expected: 'Content-Type: application/json',
        actual: type ?? '(none)',
      },
    ];
  },
};
