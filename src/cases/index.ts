export type { Validity } from './arbitraries';
export { invalidRequests, PROPERTY_TITLES, validRequests } from './arbitraries';
export type { CaseKind, ConformanceCase, Expectation, Signing, SkippedOperation } from './generate';
export { authCases, generateCases, negativeCases, planCases } from './generate';
export type { Scenario } from './scenarios';
export { MissingFixtureError, namesTaken, principalLimit, REQUEST_ID, validScenario } from './scenarios';
export { breaksBothReadings, matchesBothReadings, outsideEnum, validStringOfLength } from './values';
