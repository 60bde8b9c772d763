/**
 * The ambiguity register (`x-ambiguities` in openapi/quicksight.yaml): every behaviour the pages
 * leave open, with its readings and the reference mock's choice. The model consults a reading by
 * name; READINGS mirrors the register's ids for the type checker, and a test holds the two equal.
 */
import type { OperationId, SpecModel } from '../spec';

export const READINGS = {
  'tolerated-values': ['accepted', 'rejected'],
  'foreign-account': ['access-denied', 'not-found'],
  'check-order': ['validate-first', 'resource-first'],
  'name-and-unapply': ['rejected', 'profile-wins', 'unapply-wins'],
  'profile-missing': ['not-found', 'precondition', 'invalid'],
  'email-format': ['any-string', 'address-only'],
  'unapply-false': ['no-op', 'rejected'],
  'provider-type-undocumented': ['rejected', 'stored'],
  'provider-url-without-oidc': ['rejected', 'ignored'],
  'oidc-without-url': ['rejected', 'stored'],
  'cognito-url': ['cognito-url', 'none'],
  'external-id-without-type': ['stored', 'ignored', 'rejected'],
  'grant-and-revoke': ['grant-then-revoke', 'revoke-then-grant', 'rejected'],
  'revoke-not-held': ['ignored', 'rejected'],
  duplicates: ['merged', 'rejected'],
  'unknown-principal': ['accepted', 'rejected'],
  groupings: ['only-listed', 'any-actions'],
  'principal-limit-error': ['limit-exceeded', 'invalid'],
  'no-permissions-left': ['omitted', 'empty-list'],
  'capabilities-update': ['replace', 'merge'],
  'status-in-body': ['carried', 'omitted'],
} as const;

export type AmbiguityId = keyof typeof READINGS;
export type ReadingOf<A extends AmbiguityId> = (typeof READINGS)[A][number];
/** A world's choice of readings: the ambiguities it has met so far. */
export type Readings = { [A in AmbiguityId]?: ReadingOf<A> };

export interface Ambiguity {
  id: AmbiguityId;
  operations: OperationId[];
  question: string;
  /** The sentence of a seed page or the facts sheet the question comes from. */
  source: string;
  readings: Record<string, string>;
  /** The reading the reference mock takes. */
  reference: string;
  /** False for a behaviour no answer of the three operations shows (it is listed, never judged). */
  observable: boolean;
}

/** The register as the spec states it. */
export function registerOf(model: SpecModel): Ambiguity[] {
  const raw = (model.document['x-ambiguities'] ?? []) as (Omit<Ambiguity, 'observable'> & { observable?: boolean })[];
  return raw.map((a) => ({ ...a, observable: a.observable !== false }));
}

/** The reference mock's reading of every ambiguity. */
export function referenceReadings(model: SpecModel): Required<Readings> {
  return Object.fromEntries(registerOf(model).map((a) => [a.id, a.reference])) as Required<Readings>;
}

/** `name-and-unapply=profile-wins`: a reading as the reports name it. */
export function describeReadings(readings: Readings): string[] {
  return Object.entries(readings).map(([id, reading]) => `${id}=${reading}`);
}
