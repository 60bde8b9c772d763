/** Pact files: the one reader (V1 to V4), and this product's own contract. No Pact runtime is loaded. */
export { CONSUMER, differingInteractions, normalizePact, PACT_FILE_NAME, PROVIDER } from './contract';
export type { HttpMessage, PactDocument, PactHttpInteraction, PactProviderState } from './read';
export { PactFileError, parsePact, readPact } from './read';
