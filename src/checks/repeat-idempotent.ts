import { briefText, sameJson } from '../json';
import type { Check } from './check';
import { jsonBody } from './read-response';

/**
 * What differs between two answers to the same request is set aside: the request id, and list
 * order. The comparison is linear in the answers' size and safe at any depth (src/json).
 */
const COMPARED = { ignoreKeys: new Set(['RequestId']), unordered: true };

/** How much of each body a finding shows: enough to see the difference in any conforming answer. */
const SHOWN = 2000;

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
    if (sameJson(jsonBody(previous), jsonBody(received), COMPARED)) return [];
    return [
      {
        code: 'behaviour.repeat-differs',
        message: 'the repeat answered another result than the first request',
        expected: briefText(previous.body, SHOWN),
        actual: briefText(received.body, SHOWN),
      },
    ];
  },
};
