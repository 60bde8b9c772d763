import type { Check } from './check';
import { isObject, jsonBody } from './read-response';

/** A response with what differs between two answers to the same request set aside: the request id, and list order. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value))
    return value
      .map(comparable)
      .map((v) => JSON.stringify(v))
      .sort();
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== 'RequestId')
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, comparable(v)]),
    );
  return value;
}

/** Repeating an update gives the same result: same status, same body but for the request id. */
export const repeatIdempotent: Check = {
  id: 'repeat-idempotent',
  title: 'repeating an update gives the same result',
  rule: { text: 'an update sets the resource to the state the request describes; sending it again changes nothing', source: 'seeds/' },
  applies: ({ previous }) => previous?.kind === 'response',
  run: ({ received, previous }) => {
    if (previous?.kind !== 'response') return [];
    if (previous.status !== received.status) {
      return [
        {
          code: 'behaviour.repeat-differs',
          message: `the repeat was answered ${received.status}, the first request ${previous.status}`,
          expected: String(previous.status),
          actual: String(received.status),
        },
      ];
    }
    const [first, again] = [comparable(jsonBody(previous)), comparable(jsonBody(received))];
    if (JSON.stringify(first) === JSON.stringify(again)) return [];
    return [
      {
        code: 'behaviour.repeat-differs',
        message: 'the repeat answered another result than the first request',
        expected: previous.body,
        actual: received.body,
      },
    ];
  },
};
