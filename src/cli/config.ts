/**
 * The config file of `verify`: what a CI job would otherwise repeat on every command line (the
 * target, the fixtures, the operations and checks, the reports, the pace, the restore, the codes
 * suppressed). It is `qs-contract.config.json` or `qs-contract.config.yaml` (`.yml`) in the
 * working directory, or the file `--config` names; every flag given on the command line overrides
 * its member. Paths in it are read from the config file's folder. Validated at the edge with ajv:
 * a mistake is one line that names the member.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import type { Command } from 'commander';
import { ToolError } from '../errors';
import { parseYaml } from '../spec';

export const CONFIG_NAMES = ['qs-contract.config.json', 'qs-contract.config.yaml', 'qs-contract.config.yml'] as const;

export interface VerifyConfig {
  target?: string;
  /** A fixtures file (the same format as --fixtures), from the config file's folder. */
  fixtures?: string;
  operations?: string[];
  checks?: string[];
  reports?: { json?: string; junit?: string; summary?: string; html?: string };
  /** Requests per second. */
  rate?: number;
  restore?: boolean;
  concurrency?: number;
  /** Milliseconds per request. */
  timeout?: number;
  examples?: number;
  seed?: number | 'random';
  /** Finding codes whose findings are dropped before the verdict (`--suppress`). */
  suppress?: string[];
}

const list = { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 };
const file = { type: 'string', minLength: 1 };
const SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    target: file,
    fixtures: file,
    operations: list,
    checks: list,
    reports: {
      type: 'object',
      additionalProperties: false,
      properties: { json: file, junit: file, summary: file, html: file },
    },
    rate: { type: 'number', exclusiveMinimum: 0 },
    restore: { type: 'boolean' },
    concurrency: { type: 'integer', minimum: 1 },
    timeout: { type: 'integer', minimum: 1 },
    examples: { type: 'integer', minimum: 0 },
    seed: { anyOf: [{ type: 'integer' }, { const: 'random' }] },
    suppress: list,
  },
};
// Compiled on the first config file found: a run without one (most) pays nothing for it.
let validate: ValidateFunction<VerifyConfig> | undefined;

function explain(error: ErrorObject | undefined): string {
  if (!error) return 'is not valid';
  const where = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the file';
  if (error.keyword === 'additionalProperties') {
    const member = (error.params as { additionalProperty: string }).additionalProperty;
    const known = where === 'the file' ? Object.keys(SCHEMA.properties) : ['json', 'junit', 'summary', 'html'];
    return `${where === 'the file' ? '' : `${where}.`}${member} is not a member (known: ${known.join(', ')})`;
  }
  return `${where} ${error.message ?? 'is not valid'}`;
}

export interface LoadedConfig {
  file: string;
  config: VerifyConfig;
}

function readConfig(file: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ToolError(
      'USAGE',
      `cannot read the config file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new ToolError(
      'USAGE',
      `the config file ${file} is not ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`,
    );
  }
  validate ??= new Ajv2020({ allErrors: false, strict: false }).compile<VerifyConfig>(SCHEMA);
  if (!validate(value)) throw new ToolError('USAGE', `the config file ${file}: ${explain(validate.errors?.[0])}`);
  return { file, config: value };
}

/** The config `--config` names, else the one in `cwd`; none is fine, two in `cwd` are a mistake. */
export function findConfig(explicit: string | undefined, cwd: string = process.cwd()): LoadedConfig | undefined {
  if (explicit !== undefined) return readConfig(explicit);
  const found = CONFIG_NAMES.map((name) => path.join(cwd, name)).filter((f) => existsSync(f));
  if (found.length > 1)
    throw new ToolError(
      'USAGE',
      `two config files in ${cwd}: ${found.map((f) => path.basename(f)).join(' and ')}`,
      'keep one, or name it with --config FILE',
    );
  return found[0] === undefined ? undefined : readConfig(found[0]);
}

/** The flags as the command line and the config give them: a flag given on the command line wins. */
export function withConfig<F extends object>(command: Command, flags: F, loaded: LoadedConfig | undefined): F {
  if (!loaded) return flags;
  const { config } = loaded;
  const dir = path.dirname(path.resolve(loaded.file));
  const fromConfig = (p: string) => (p === '-' ? p : path.resolve(dir, p));
  const values: Record<string, string | boolean | undefined> = {
    target: config.target,
    fixtures: config.fixtures === undefined ? undefined : fromConfig(config.fixtures),
    operations: config.operations?.join(','),
    checks: config.checks?.join(','),
    json: config.reports?.json === undefined ? undefined : fromConfig(config.reports.json),
    junit: config.reports?.junit === undefined ? undefined : fromConfig(config.reports.junit),
    summary: config.reports?.summary === undefined ? undefined : fromConfig(config.reports.summary),
    html: config.reports?.html === undefined ? undefined : fromConfig(config.reports.html),
    rate: config.rate === undefined ? undefined : String(config.rate),
    restore: config.restore,
    concurrency: config.concurrency === undefined ? undefined : String(config.concurrency),
    timeout: config.timeout === undefined ? undefined : String(config.timeout),
    examples: config.examples === undefined ? undefined : String(config.examples),
    seed: config.seed === undefined ? undefined : String(config.seed),
    suppress: config.suppress?.join(','),
  };
  const merged = { ...flags } as Record<string, unknown>;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const source = command.getOptionValueSource(name);
    if (source === 'cli' || source === 'env') continue;
    merged[name] = value;
  }
  return merged as F;
}
