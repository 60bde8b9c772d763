export { invalidRequests, PROPERTY_TITLES, validRequests } from './arbitraries';
export type { CaseKind, ConformanceCase, Expectation, Signing } from './generate';
export { authCases, generateCases, planCases } from './generate';
export type { Scenario } from './scenarios';
export { namesTaken, REQUEST_ID, validScenario } from './scenarios';
export { breaksBothReadings, matchesBothReadings, outsideEnum, validStringOfLength } from './values';
