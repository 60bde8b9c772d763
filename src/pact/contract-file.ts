/**
 * Reading and comparing Pact files. A regenerated contract is compared with the committed one
 * after normalisation: the tool versions in `metadata` and each interaction's derived `key` change
 * with the Pact release, not with the contract, and interactions are compared by description.
 */
import { readFileSync } from 'node:fs';

export const CONSUMER = 'aws-sdk-js-v3-quicksight-client';
export const PROVIDER = 'amazon-quicksight';
export const PACT_FILE_NAME = `${CONSUMER}-${PROVIDER}.json`;

export interface PactInteraction {
  description: string;
  type?: string;
  key?: string;
  providerStates?: { name: string; params?: Record<string, unknown> }[];
  request: {
    method: string;
    path: string;
    headers?: Record<string, string[] | string>;
    body?: PactBody | unknown;
    matchingRules?: unknown;
  };
  response: { status: number; headers?: Record<string, string[] | string>; body?: PactBody | unknown; matchingRules?: unknown };
  [key: string]: unknown;
}

/** A V4 body: the content with its type; V3 bodies are the content itself. */
export interface PactBody {
  content: unknown;
  contentType?: string;
  encoded?: boolean | string;
}

export interface PactFile {
  consumer: { name: string };
  provider: { name: string };
  interactions: PactInteraction[];
  metadata: { pactSpecification?: { version: string }; [key: string]: unknown };
}

export function readPactFile(file: string): PactFile {
  return JSON.parse(readFileSync(file, 'utf8')) as PactFile;
}

/** The JSON content of a V3 or V4 body. */
export function bodyContent(body: unknown): unknown {
  if (body && typeof body === 'object' && 'content' in body) return (body as PactBody).content;
  return body;
}

export function normalizePact(pact: PactFile): unknown {
  return {
    consumer: pact.consumer,
    provider: pact.provider,
    pactSpecification: pact.metadata.pactSpecification,
    interactions: [...pact.interactions]
      .map(({ key: _key, ...interaction }) => interaction)
      .sort((a, b) => a.description.localeCompare(b.description)),
  };
}

/** The descriptions of the interactions that differ between two contracts, added or removed included. */
export function differingInteractions(expected: PactFile, actual: PactFile): string[] {
  const index = (pact: PactFile) => new Map(pact.interactions.map(({ key: _key, ...i }) => [i.description, JSON.stringify(i)]));
  const a = index(expected);
  const b = index(actual);
  return [...new Set([...a.keys(), ...b.keys()])].filter((d) => a.get(d) !== b.get(d)).sort();
}
