/**
 * JSON from untrusted sources, handled in bounded time, memory and stack: short descriptions of
 * values, comparisons, and a nesting scan before parsing. Every command reads answers or requests
 * it does not control; none of these recurse, and none costs more than linear time.
 */

export { briefJson, briefText } from './brief';
export { nestsDeeperThan } from './depth';
export { digestJson, sameJson } from './same';
