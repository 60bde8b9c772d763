export { namesTaken, principalLimit, REQUEST_ID, validScenario } from './scenarios';
export type { Scenario } from './scenarios';
export { generateCases } from './generate';
export type { CaseKind, ConformanceCase, Expectation } from './generate';
export { breaksBothReadings, matchesBothReadings, outsideEnum, validStringOfLength } from './values';
