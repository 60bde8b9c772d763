/**
 * The conformance cases of each operation, generated from the spec and the fixtures, never listed
 * by hand: valid requests on the fixtures (every enum value included), each documented constraint
 * broken one at a time, malformed bodies, and valid requests on resources that do not exist.
 */
import { absentName, type Fixtures } from '../fixtures';
import { effectiveSchema, resolveSource, type JsonSchema, type OperationId, type OperationModel, type SpecModel } from '../spec';
import { namesTaken, validScenario } from './scenarios';
import { outsideEnum, patternBreakingString, validStringOfLength, wrongType } from './values';

export type CaseKind = 'positive' | 'negative' | 'malformed' | 'missing-resource';

/** What a conforming server does with the case. */
export type Expectation =
  /** a documented success */
  | 'success'
  /** 400 with a documented 400 error */
  | 'rejected'
  /** 404 ResourceNotFoundException */
  | 'not-found';

export interface ConformanceCase {
  /** Stable across runs: operation, kind, where and what. */
  id: string;
  operationId: OperationId;
  kind: CaseKind;
  /** Names the behaviour: `rejects a 65-character CustomPermissionsName`. */
  title: string;
  /** The documented rule the case enforces and the document it comes from. */
  rule: { text: string; source: string } | undefined;
  /** The rules a negative case breaks, as the spec's validators name them (`maxLength 64`). */
  breaks: string[];
  pathParams: Record<string, string>;
  /** The exact body text to send; undefined sends none. */
  body: string | undefined;
  expect: Expectation;
}

type Body = Record<string, unknown>;

/** A deep copy of the body with the member at `path` replaced, or removed when `value` is REMOVE. */
const REMOVE = Symbol('remove');
function withMember(body: Body, path: (string | number)[], value: unknown): Body {
  const copy = structuredClone(body);
  let node: Record<string | number, unknown> = copy;
  path.slice(0, -1).forEach((key) => {
    node = node[key] as Record<string | number, unknown>;
  });
  const last = path[path.length - 1] as string | number;
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}

function memberName(path: (string | number)[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

interface Context {
  op: OperationModel;
  pathParams: Record<string, string>;
  body: Body;
  cases: ConformanceCase[];
}

function negative(ctx: Context, where: 'path' | 'body', member: string, keyword: string, breaks: string[], title: string, source: string, request: { pathParams?: Record<string, string>; body?: Body }): void {
  ctx.cases.push({
    id: `${ctx.op.id}/negative/${where}:${member}/${keyword}`,
    operationId: ctx.op.id,
    kind: 'negative',
    title,
    rule: { text: `${member}: ${breaks[0]}`, source },
    breaks,
    pathParams: request.pathParams ?? ctx.pathParams,
    body: JSON.stringify(request.body ?? ctx.body),
    expect: 'rejected',
  });
}

/** "a 65-character", "an 11-character". */
function aCount(n: number): string {
  return /^(8|11|18)/.test(String(n)) ? `an ${n}` : `a ${n}`;
}

/** The rules a string value of the given length breaks besides the length itself (an empty string breaks `+`). */
function alsoBreaksPattern(schema: JsonSchema, value: string): string[] {
  return schema.pattern && !new RegExp(`^(?:${schema.pattern})$`, 'u').test(value) ? [`pattern ${schema.pattern}`] : [];
}

/** Each constraint of one string member broken once, with every other rule kept. */
function stringNegatives(ctx: Context, where: 'path' | 'body', member: string, schema: JsonSchema, current: string, source: string, place: (value: unknown) => { pathParams?: Record<string, string>; body?: Body }): void {
  const { minLength, maxLength, pattern } = schema;
  if (minLength !== undefined && minLength > 0) {
    const value = validStringOfLength(schema, minLength - 1) ?? 'x'.repeat(minLength - 1);
    negative(ctx, where, member, 'minLength', [`minLength ${minLength}`, ...alsoBreaksPattern(schema, value)], `rejects ${aCount(minLength - 1)}-character ${member}`, source, place(value));
  }
  if (maxLength !== undefined) {
    const value = validStringOfLength(schema, maxLength + 1) ?? 'x'.repeat(maxLength + 1);
    negative(ctx, where, member, 'maxLength', [`maxLength ${maxLength}`, ...alsoBreaksPattern(schema, value)], `rejects ${aCount(maxLength + 1)}-character ${member}`, source, place(value));
  }
  if (pattern) {
    const value = patternBreakingString(schema, [...current].length);
    if (value !== undefined) negative(ctx, where, member, 'pattern', [`pattern ${pattern}`], `rejects a ${member} with no character the pattern ${pattern} allows`, source, place(value));
  }
  if (schema.enum) {
    const value = outsideEnum(schema);
    negative(ctx, where, member, 'enum', [`enum ${schema.enum.join(' | ')}`], `rejects ${member} ${JSON.stringify(value)}, outside its documented values`, source, place(value));
  }
}

/** Walks the members present in the base body and breaks each constraint of each once. */
function bodyNegatives(ctx: Context, schema: JsonSchema, value: unknown, path: (string | number)[], source: string): void {
  const s = effectiveSchema(schema);
  const member = memberName(path);
  const src = resolveSource(s['x-source'], source);
  const place = (v: unknown) => ({ body: withMember(ctx.body, path, v) });
  if (path.length > 0) {
    const wrong = wrongType(s);
    // A value of the wrong type cannot be one of an enum's values either: that rule breaks with it.
    const alsoEnum = wrong !== undefined && s.enum ? [`enum ${s.enum.join(' | ')}`] : [];
    if (wrong !== undefined) negative(ctx, 'body', member, 'type', [`type ${String(s.type)}`, ...alsoEnum], `rejects ${member} as ${Array.isArray(wrong) ? 'an array' : typeof wrong}, not ${String(s.type)}`, src, place(wrong));
  }
  if (typeof value === 'string') {
    stringNegatives(ctx, 'body', member, s, value, src, place);
  } else if (Array.isArray(value)) {
    const first = value[0];
    if (s.maxItems !== undefined && first !== undefined) {
      negative(ctx, 'body', member, 'maxItems', [`maxItems ${s.maxItems}`], `rejects ${member} with ${s.maxItems + 1} items`, src, place(Array.from({ length: s.maxItems + 1 }, () => first)));
    }
    if (s.minItems !== undefined && s.minItems > 0) {
      negative(ctx, 'body', member, 'minItems', [`minItems ${s.minItems}`], `rejects ${member} with ${s.minItems - 1} items`, src, place(value.slice(0, s.minItems - 1)));
    }
    if (first !== undefined && s.items) bodyNegatives(ctx, s.items, first, [...path, 0], src);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, memberValue] of Object.entries(value)) {
      const memberSchema = s.properties?.[name];
      if (!memberSchema) continue;
      if ((s.required ?? []).includes(name)) {
        const missing = memberName([...path, name]);
        negative(ctx, 'body', missing, 'required', ['required'], `rejects a body without ${missing}, which is required`, src, { body: withMember(ctx.body, [...path, name], REMOVE) });
      }
      bodyNegatives(ctx, memberSchema, memberValue, [...path, name], src);
    }
  }
}

function operationCases(op: OperationModel, fixtures: Fixtures): ConformanceCase[] {
  const scenario = validScenario(op, fixtures);
  const ctx: Context = { op, pathParams: scenario.pathParams, body: scenario.body, cases: [] };
  const positive = (id: string, title: string, pathParams: Record<string, string>, body: Body | undefined): ConformanceCase => ({
    id: `${op.id}/positive/${id}`,
    operationId: op.id,
    kind: 'positive',
    title,
    rule: undefined,
    breaks: [],
    pathParams,
    body: body === undefined ? undefined : JSON.stringify(body),
    expect: 'success',
  });

  ctx.cases.push(positive('base', 'accepts a valid update of an existing resource', scenario.pathParams, scenario.body));
  for (const variant of scenario.variants ?? []) ctx.cases.push(positive(`variant:${variant.pathParams.UserName ?? variant.description}`, `accepts ${variant.description}`, variant.pathParams, variant.body));
  if (!op.body?.required) ctx.cases.push(positive('no-body', 'accepts a request with no body (the body is optional)', scenario.pathParams, undefined));
  // Every documented value of each top-level enum member.
  for (const [name, value] of Object.entries(scenario.body)) {
    const schema = effectiveSchema(op.body?.schema.properties?.[name] ?? {});
    for (const allowed of schema.enum ?? []) {
      if (allowed !== value) ctx.cases.push(positive(`enum:${name}=${String(allowed)}`, `accepts ${name} ${JSON.stringify(allowed)}`, scenario.pathParams, { ...scenario.body, [name]: allowed }));
    }
  }

  for (const param of op.pathParams) {
    const current = scenario.pathParams[param.name] ?? '';
    stringNegatives(ctx, 'path', param.name, param.schema, current, resolveSource(param.schema['x-source'], op.source), (value) => ({ pathParams: { ...scenario.pathParams, [param.name]: String(value) } }));
  }
  if (op.body) bodyNegatives(ctx, op.body.schema, scenario.body, [], resolveSource(op.body.schema['x-source'], op.source));

  const malformed = (id: string, title: string, body: string, breaks: string[]): ConformanceCase => ({
    id: `${op.id}/malformed/${id}`,
    operationId: op.id,
    kind: 'malformed',
    title,
    rule: { text: 'the body is JSON of the documented type', source: 'QUICKSIGHT-FACTS.md#the-wire-protocol-aws-restjson1' },
    breaks,
    pathParams: scenario.pathParams,
    body,
    expect: 'rejected',
  });
  ctx.cases.push(malformed('truncated-json', 'rejects a body that is not JSON', JSON.stringify(scenario.body).slice(0, -1), ['JSON']));
  ctx.cases.push(malformed('array-body', 'rejects a body that is a JSON array, not an object', JSON.stringify([scenario.body]), ['type object']));
  if (op.body?.required) {
    ctx.cases.push({ ...malformed('no-body', 'rejects a request with no body (the body is required)', '', ['required']), body: undefined });
  }

  for (const resource of scenario.resources) {
    const missing = absentName(namesTaken(fixtures, resource.param), resource.base);
    ctx.cases.push({
      id: `${op.id}/missing-resource/${resource.param}`,
      operationId: op.id,
      kind: 'missing-resource',
      title: `answers 404 ResourceNotFoundException when ${resource.param} ${JSON.stringify(missing)} does not exist`,
      rule: { text: `ResourceNotFoundException (404): ${op.errors.find((e) => e.type === 'ResourceNotFoundException')?.description ?? ''}`, source: op.source },
      breaks: [],
      pathParams: { ...scenario.pathParams, [resource.param]: missing },
      body: JSON.stringify(scenario.body),
      expect: 'not-found',
    });
  }
  return ctx.cases;
}

export function generateCases(model: SpecModel, fixtures: Fixtures): ConformanceCase[] {
  return model.operations.flatMap((op) => operationCases(op, fixtures));
}
