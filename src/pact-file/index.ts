/** Pact files: the one reader (V1 to V4), and this product's own contract. No Pact runtime is loaded. */
export { CONSUMER, differingInteractions, normalizePact, PACT_FILE_NAME, PROVIDER } from './contract';
export type { PactDocument, PactHttpInteraction } from './read';
export { PactFileError, parsePact, readPact } from './read';
