import type { Check } from './check';
import { describe, readErrorType } from './read-response';

/** A valid request on a resource that does not exist is answered 404 ResourceNotFoundException. */
export const missingResource: Check = {
  id: 'missing-resource',
  title: 'a missing resource is 404 ResourceNotFoundException',
  rule: { text: "ResourceNotFoundException (404): one or more resources can't be found", source: 'seeds/' },
  applies: ({ case: c }) => c.expect === 'not-found',
  run: ({ case: c, received }) => {
    const type = readErrorType(received);
    if (received.status === 404 && type?.name === 'ResourceNotFoundException') return [];
    return [
      {
        code: 'behaviour.missing-resource',
        message: `answered ${received.status}${type ? ` ${type.name}` : ''} for a resource that does not exist`,
        expected: '404 ResourceNotFoundException',
        actual: describe(received),
        ...(c.rule ? { rule: c.rule } : {}),
      },
    ];
  },
};
