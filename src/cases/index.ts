export { MissingFixtureError, namesTaken, principalLimit, REQUEST_ID, validScenario } from './scenarios';
export type { Scenario } from './scenarios';
export { authCases, generateCases, negativeCases, planCases } from './generate';
export type { CaseKind, ConformanceCase, Expectation, Signing, SkippedOperation } from './generate';
export { breaksBothReadings, matchesBothReadings, outsideEnum, validStringOfLength } from './values';
export { invalidRequests, PROPERTY_TITLES, validRequests } from './arbitraries';
export type { Validity } from './arbitraries';
