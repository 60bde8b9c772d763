/** The human documentation derived from the spec (the HTML page is Redocly's, see `npm run docs`). */

export type { ConstraintRow } from './constraints';
export { constraintDocs, constraintRows, constraintTableMarkdown } from './constraints';
export { registerDoc, registerTable, withRegisterBlock } from './register';
