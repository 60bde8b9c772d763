/**
 * The reference model of the three operations: pure decisions over a state, under the readings of
 * the ambiguity register. The reference mock runs it with the reference readings on a known state;
 * verify runs it as an oracle in lock-step with a target.
 */
export { DECISIONS } from './operations';
export { COGNITO_URL } from './operations/update-user';
export { type AllowedAnswer, type ModelVerdict, type Observed, Oracle } from './oracle';
export { explore, type ModelRequest } from './outcome';
export {
  READINGS,
  type Readings,
  referenceReadings,
  registerOf,
} from './register';
export {
  declaredState,
  knownState,
  type ModelState,
  type UserState,
  userKey,
} from './state';
