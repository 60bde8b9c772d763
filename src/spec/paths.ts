import path from 'node:path';

/** The repository root, from both `src/spec` (ts-jest) and `dist/spec` (built CLI). */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The one hand-written source of truth. */
export const DEFAULT_SPEC_PATH = path.join(PROJECT_ROOT, 'openapi', 'quicksight.yaml');

export const CONTRACTS_DIR = path.join(PROJECT_ROOT, 'contracts');
