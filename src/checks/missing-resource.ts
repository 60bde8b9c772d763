import type { Check } from './check';
import { allowedText, divergenceOf } from './divergence';
import { describe, readErrorType } from './read-response';

/** A valid request on a resource that does not exist is answered 404 ResourceNotFoundException (or what the model's readings allow). */
export const missingResource: Check = {
  id: 'missing-resource',
  title: 'a missing resource is 404 ResourceNotFoundException',
  rule: { text: "ResourceNotFoundException (404): one or more resources can't be found", source: 'seeds/' },
  applies: ({ case: c, model }) => c.expect === 'not-found' && model !== undefined,
  run: (exchange) => {
    const { case: c, received, model } = exchange;
    if (!model) return [];
    const type = readErrorType(received);
    // A 404 that names no type is not the ResourceNotFoundException an SDK can tell.
    const typeless = received.status === 404 && type === undefined && model.statusMatched;
    if (divergenceOf(exchange) !== 'missing-resource' && !typeless) return [];
    return [
      {
        code: 'behaviour.missing-resource',
        message: `answered ${received.status}${type ? ` ${type.name}` : ''} for a resource that does not exist`,
        expected: allowedText(model),
        actual: describe(received),
        ...(c.rule ? { rule: c.rule } : {}),
      },
    ];
  },
};
