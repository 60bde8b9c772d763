/**
 * The one reader of Pact files (specification V1 to V4), for pact-check, pact-verify and the
 * contract's own tests: plain JSON, no Pact runtime. Each synchronous HTTP interaction is normalised
 * (header names in lower case, a V4 body's `content` decoded, provider states with their
 * parameters) and keeps its raw form; V4 interactions of other kinds (messages) are set apart,
 * since an HTTP spec says nothing about them. The raw document is kept whole: the comparator
 * parses the Pact itself, and pact-verify hands the Pact core one raw interaction at a time.
 */
import { readFileSync } from 'node:fs';

/** The file cannot be read, or is not a Pact file: the caller's input is unusable (exit 2 in the CLI). */
export class PactFileError extends Error {
  override readonly name = 'PactFileError';
}

export interface HttpMessage {
  /** Header names in lower case; each value as the file gives it (V4: a list, V3: one string). */
  headers: Record<string, string[]>;
  /** The JSON body parsed, a text body as a string, `undefined` when there is none. */
  body: unknown;
}

/** A provider state as the file names it; its parameters are read by src/fixtures' parseProviderState. */
export interface PactProviderState {
  name: string;
  params: Record<string, unknown>;
}

export interface PactHttpInteraction {
  /** Position in the file's `interactions` array. */
  index: number;
  description: string;
  providerStates: PactProviderState[];
  /** The interaction as the file holds it. */
  raw: Record<string, unknown>;
  request: HttpMessage & { method: string; path: string };
  response: HttpMessage & { status: number };
}

export interface PactDocument {
  file: string;
  /** The Pact specification version the file declares (`4.0`, `3.0.0`), `unknown` when it declares none. */
  specification: string;
  /** The major version: 4 for V4; V1/V2 files (and files that declare none) are read as V2. */
  majorVersion: number;
  consumer: string;
  provider: string;
  interactions: PactHttpInteraction[];
  /** Interactions that are not synchronous HTTP (V4 messages), with the reason they are not checked. */
  skipped: { index: number; description: string; reason: string }[];
  /** The file as parsed, every interaction included. */
  raw: { metadata?: unknown; interactions: unknown[]; [key: string]: unknown };
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function declaredVersion(metadata: unknown): string | undefined {
  if (!isObject(metadata)) return undefined;
  const nested = (key: string) => (isObject(metadata[key]) ? (metadata[key] as Json).version : undefined);
  const version = nested('pactSpecification') ?? metadata.pactSpecificationVersion ?? nested('pact-specification');
  return typeof version === 'string' ? version : undefined;
}

function headersOf(value: unknown, where: string): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new PactFileError(`not a Pact file: ${where}.headers is not an object`);
  const headers: Record<string, string[]> = {};
  for (const [name, v] of Object.entries(value)) {
    const values = Array.isArray(v) ? v.map(String) : [String(v)];
    headers[name.toLowerCase()] = [...(headers[name.toLowerCase()] ?? []), ...values];
  }
  return headers;
}

function isJsonType(contentType: string | undefined): boolean {
  return contentType === undefined || /^application\/(.+\+)?json\b/i.test(contentType.trim());
}

/** A V4 body `{content, contentType, encoded}`: JSON content is the value itself; `encoded` names base64 or JSON text. */
function v4Body(body: unknown, where: string): unknown {
  if (body === undefined || body === null) return undefined;
  if (!isObject(body) || !('content' in body)) throw new PactFileError(`not a Pact file: ${where}.body is not a V4 body (no "content")`);
  const { content, contentType, encoded } = body as { content: unknown; contentType?: string; encoded?: unknown };
  if (encoded === undefined || encoded === false) return content;
  if (typeof content !== 'string') return content;
  let text = content;
  if (typeof encoded === 'string' && encoded.toLowerCase() !== 'json') {
    if (!Buffer.isEncoding(encoded.toLowerCase()))
      throw new PactFileError(
        `not a Pact file: ${where}.body is encoded as ${JSON.stringify(encoded)}, which is no known encoding (base64, json, ...)`,
      );
    text = Buffer.from(content, encoded.toLowerCase() as BufferEncoding).toString('utf8');
  }
  if (!isJsonType(contentType) && (typeof encoded !== 'string' || encoded.toLowerCase() !== 'json')) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function message(interaction: Json, part: 'request' | 'response', index: number, majorVersion: number): Json {
  const where = `interactions[${index}].${part}`;
  const value = interaction[part];
  if (!isObject(value)) throw new PactFileError(`not a Pact file: ${where} is missing`);
  return { ...value, headers: headersOf(value.headers, where), body: majorVersion >= 4 ? v4Body(value.body, where) : value.body };
}

/** Parses a Pact document; `file` only names it in messages. */
export function parsePact(text: string, file: string): PactDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // JSON.parse quotes the text it choked on, newlines included: the message stays one line.
    throw new PactFileError(`not a Pact file: not JSON (${(error as Error).message.replace(/\s+/g, ' ').trim()})`);
  }
  if (!isObject(json) || !Array.isArray(json.interactions)) throw new PactFileError('not a Pact file: no "interactions" array');
  const name = (party: string) => {
    const value = json[party];
    if (!isObject(value) || typeof value.name !== 'string') throw new PactFileError(`not a Pact file: no ${party} name`);
    return value.name;
  };
  const consumer = name('consumer');
  const provider = name('provider');
  const specification = declaredVersion(json.metadata);
  const majorVersion = specification === undefined ? 2 : Number.parseInt(specification, 10);
  if (!(majorVersion >= 1 && majorVersion <= 4))
    throw new PactFileError(`Pact specification ${String(specification)} is not supported (V1 to V4 are)`);

  const interactions: PactHttpInteraction[] = [];
  const skipped: PactDocument['skipped'] = [];
  json.interactions.forEach((item: unknown, index: number) => {
    if (!isObject(item)) throw new PactFileError(`not a Pact file: interactions[${index}] is not an object`);
    const description = typeof item.description === 'string' ? item.description : `interaction ${index}`;
    // The comparator checks the same kind of interactions: no `type` (V1-V3) or Synchronous/HTTP.
    if (item.type !== undefined && typeof item.type !== 'string')
      throw new PactFileError(`not a Pact file: interactions[${index}].type is not a string`);
    if (typeof item.type === 'string' && item.type.toLowerCase() !== 'synchronous/http') {
      skipped.push({ index, description, reason: `a ${item.type} interaction: the OpenAPI spec describes HTTP only` });
      return;
    }
    const request = message(item, 'request', index, majorVersion);
    const response = message(item, 'response', index, majorVersion);
    if (typeof request.method !== 'string' || typeof request.path !== 'string')
      throw new PactFileError(`not a Pact file: interactions[${index}].request has no method and path`);
    if (typeof response.status !== 'number')
      throw new PactFileError(`not a Pact file: interactions[${index}].response has no numeric status`);
    const states: PactProviderState[] = Array.isArray(item.providerStates)
      ? item.providerStates.map((s) =>
          isObject(s) && typeof s.name === 'string'
            ? { name: s.name, params: isObject(s.params) ? s.params : {} }
            : { name: String(s), params: {} },
        )
      : typeof item.providerState === 'string'
        ? [{ name: item.providerState, params: {} }]
        : [];
    interactions.push({
      index,
      description,
      providerStates: states,
      raw: item,
      request: { method: request.method, path: request.path, headers: request.headers as Record<string, string[]>, body: request.body },
      response: { status: response.status, headers: response.headers as Record<string, string[]>, body: response.body },
    });
  });
  return {
    file,
    specification: specification ?? 'unknown',
    majorVersion,
    consumer,
    provider,
    interactions,
    skipped,
    raw: json as PactDocument['raw'],
  };
}

export function readPact(file: string): PactDocument {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory, not a Pact file' : (code ?? (error as Error).message);
    throw new PactFileError(`cannot read ${file}: ${why}`);
  }
  try {
    return parsePact(text, file);
  } catch (error) {
    if (error instanceof PactFileError) throw new PactFileError(`${file}: ${error.message}`);
    throw error;
  }
}
