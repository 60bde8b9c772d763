/**
 * This product's own contract (`contracts/`): its parties and file name, and how a regenerated
 * contract is compared with the committed one. The tool versions in `metadata` and each
 * interaction's derived `key` change with the Pact release, not with the contract, so they are left
 * out, and interactions are compared by description.
 */
import type { PactDocument } from './read';

export const CONSUMER = 'aws-sdk-js-v3-quicksight-client';
export const PROVIDER = 'amazon-quicksight';
export const PACT_FILE_NAME = `${CONSUMER}-${PROVIDER}.json`;

type RawInteraction = { description?: unknown; key?: unknown; [member: string]: unknown };

function byDescription(pact: PactDocument): Map<string, string> {
  return new Map(
    (pact.raw.interactions as RawInteraction[]).map(({ key: _key, ...interaction }) => [
      String(interaction.description),
      JSON.stringify(interaction),
    ]),
  );
}

/** The contract without what changes with the Pact release, interactions sorted by description. */
export function normalizePact(pact: PactDocument): unknown {
  const metadata = pact.raw.metadata as { pactSpecification?: unknown } | undefined;
  return {
    consumer: pact.consumer,
    provider: pact.provider,
    pactSpecification: metadata?.pactSpecification,
    interactions: [...byDescription(pact)].sort(([a], [b]) => a.localeCompare(b)).map(([, text]) => JSON.parse(text) as unknown),
  };
}

/** The descriptions of the interactions that differ between two contracts, added or removed included. */
export function differingInteractions(expected: PactDocument, actual: PactDocument): string[] {
  const a = byDescription(expected);
  const b = byDescription(actual);
  return [...new Set([...a.keys(), ...b.keys()])].filter((d) => a.get(d) !== b.get(d)).sort();
}
