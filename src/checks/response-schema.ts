import { WIRE_PROTOCOL } from '../protocol';
import type { Check } from './check';
import { isJson, jsonBody } from './read-response';

/**
 * The body is JSON and valid for the schema documented for its status (members, types, enums,
 * lengths). A value the AWS model also accepts (`x-tolerated-values`: a Role ADMIN_PRO) is no finding.
 */
export const responseSchema: Check = {
  id: 'response-schema',
  title: 'the body matches the schema of its status',
  rule: { text: 'the body is valid for the response documented for its status', source: 'seeds/' },
  applies: ({ received }, { operation }) => operation.responses.some((r) => r.status === received.status),
  run: ({ received }, { operation, validators }) => {
    const body = jsonBody(received);
    if (!isJson(body)) {
      return [
        {
          code: 'response.body.not-json',
          message: 'the body is not JSON',
          expected: 'a JSON body',
          actual: JSON.stringify(received.body.slice(0, 200)),
          rule: { text: 'success and error bodies are JSON', source: WIRE_PROTOCOL },
        },
      ];
    }
    return validators
      .operation(operation.id)
      .response(received.status, body)
      .filter((v) => !v.tolerated)
      .map((v) => ({
        code: 'response.body.schema' as const,
        message: `${v.member}: ${v.message}`,
        expected: v.rule,
        actual: v.message,
        pointer: v.pointer,
      }));
  },
};
