/**
 * The contract of `contracts/`: its interactions planned from the spec and the fixtures (plan.ts).
 * `matchers.ts` loads Pact's native core, so it is not re-exported: only the consumer test imports it.
 */
export { planInteractions } from './plan';
