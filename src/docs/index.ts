/** The human documentation derived from the spec (the HTML page is Redocly's, see `npm run docs`). */

export { constraintDocs, constraintRows } from './constraints';
export { registerDoc, withRegisterBlock } from './register';
