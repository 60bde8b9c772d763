/**
 * The contract of `contracts/`: its interactions planned from the spec and the fixtures (plan.ts),
 * and the spec's matchers (rules.ts). `matchers.ts` loads Pact's native core, so it is not
 * re-exported: only the consumer test imports it.
 */
export { planInteractions, promisedOf } from './plan';
export {
  buildMatchers,
  buildResponseHeaderMatchers,
  PLAIN_MATCHERS,
  toV4,
  type V4Rules,
} from './rules';
