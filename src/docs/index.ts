/** The human documentation derived from the spec and the finding catalogue (the HTML page is Redocly's, see `npm run docs`). */

export { constraintDocs, constraintRows } from './constraints';
export { findingCodesDoc, withFindingCodesBlock } from './finding-codes';
export { registerDoc, withRegisterBlock } from './register';
