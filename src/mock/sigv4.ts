import type { MockRequest } from './handler';

/** Checks a request's signature; answers why it is refused, or undefined when it is accepted. */
export type SignatureCheck = (request: MockRequest, path: string) => Promise<string | undefined>;
