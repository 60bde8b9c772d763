/**
 * The reference model of the three operations: pure decisions over a state, under the readings of
 * the ambiguity register. The reference mock runs it with the reference readings on a known state;
 * verify runs it as an oracle in lock-step with a target.
 */
export { compareBody, type Mismatch } from './compare';
export { DECISIONS } from './operations';
export { principalLimitOf } from './operations/update-theme-permissions';
export { COGNITO_URL, publicUser } from './operations/update-user';
export { type AllowedAnswer, type ModelVerdict, type Observed, Oracle } from './oracle';
export { type Answer, type ErrorAnswer, explore, type ModelRequest, type Outcome, type SuccessAnswer } from './outcome';
export {
  AMBIGUITY_IDS,
  type Ambiguity,
  type AmbiguityId,
  describeReadings,
  READINGS,
  type ReadingOf,
  type Readings,
  referenceReadings,
  registerOf,
} from './register';
export {
  cloneState,
  declaredState,
  isKnown,
  knownState,
  type ModelState,
  type Permissions,
  UNKNOWN,
  type UserState,
  userKey,
} from './state';
