export { namesTaken, principalLimit, REQUEST_ID, validScenario } from './scenarios';
export type { Scenario } from './scenarios';
