/**
 * The conformance cases of each operation, generated from the spec and the fixtures, never listed
 * by hand: valid requests on the fixtures (every enum value included), each documented constraint
 * broken one at a time, malformed bodies, and valid requests on resources that do not exist.
 */
import { absentName, type Fixtures, foreignAccountId } from '../fixtures';
import { SIGNATURE_RULES, type SignatureDefect } from '../protocol';
import { effectiveSchema, type JsonSchema, type OperationId, type OperationModel, resolveSource, type SpecModel } from '../spec';
import { MissingFixtureError, namesTaken, type Scenario, type Sequence, validScenario } from './scenarios';
import { offLengthString, outsideEnum, patternBreakingString, sampleValue, validStringOfLength, wrongType } from './values';

export type CaseKind =
  | 'probe'
  | 'positive'
  | 'boundary'
  | 'negative'
  | 'malformed'
  | 'missing-resource'
  | 'semantic'
  | 'property'
  | 'stateful'
  | 'auth';

/** What a conforming server does with the case. */
export type Expectation =
  /** a documented success */
  | 'success'
  /** 400 with a documented 400 error */
  | 'rejected'
  /** 404 ResourceNotFoundException */
  | 'not-found'
  /** anything but a 400: a valid value whose outcome depends on the target's state (a name that may not exist) */
  | 'not-rejected'
  /** any documented answer: a random valid request that business rules may still refuse */
  | 'documented'
  /** refused as unauthenticated: 401/403 AccessDeniedException or a documented common auth error */
  | 'auth-refused';

/**
 * How the runner signs a case's request (SigV4 with the run's credentials unless said otherwise):
 * not at all, with a wrong secret, dated 20 minutes in the past, or with the body changed after signing.
 */
export type Signing = 'signed' | 'unsigned' | 'wrong-secret' | 'expired' | 'body-changed';

/** The auth cases' signings: each case's title, and the signature defect whose rule it enforces. */
const AUTH_SIGNINGS = {
  unsigned: { title: 'refuses a valid request with no signature', defect: 'unsigned' },
  'wrong-secret': { title: 'refuses a valid request signed with the wrong secret key', defect: 'mismatch' },
  expired: { title: 'refuses a valid request signed 20 minutes ago', defect: 'skew' },
  'body-changed': { title: 'refuses a valid request whose body changed after it was signed', defect: 'payload-hash' },
} as const satisfies Partial<Record<Signing, { title: string; defect: SignatureDefect }>>;

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
  /**
   * Cases of one sequence run in order, one sequence at a time, after the independent cases: their
   * meaning depends on the state the steps before them left. `sameAs` names the step whose
   * response this one must repeat.
   */
  sequence?: { id: string; step: number; sameAs?: number; burst?: true; track?: number; beside?: true };
  signing?: Signing;
}

type Body = Record<string, unknown>;

/**
 * The body with the member at `path` replaced, or removed when `value` is REMOVE. Only the objects and
 * arrays on the path are copied; the rest is shared with `body`. Safe because no case changes a body
 * (they are serialised, or broken further through this function), and much cheaper than a deep copy:
 * every random invalid request of verify plans all the negatives of a random body, up to 100 items long.
 */
const REMOVE = Symbol('remove');
function withMember(body: Body, path: (string | number)[], value: unknown): Body {
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const copy = (Array.isArray(body) ? [...body] : { ...body }) as Record<string | number, unknown>;
  if (rest.length > 0) copy[key] = withMember(copy[key] as Body, rest, value);
  else if (value === REMOVE) delete copy[key];
  else copy[key] = value;
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

/** What one negative case breaks, and where. */
interface Broken {
  where: 'path' | 'body';
  member: string;
  keyword: string;
  breaks: string[];
  title: string;
  source: string;
}

function negative(ctx: Context, broken: Broken, request: { pathParams?: Record<string, string>; body?: Body }): void {
  const { where, member, keyword, breaks, title, source } = broken;
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
function stringNegatives(
  ctx: Context,
  at: { where: 'path' | 'body'; member: string; schema: JsonSchema; current: string; source: string },
  place: (value: unknown) => { pathParams?: Record<string, string>; body?: Body },
): void {
  const { where, member, schema, current, source } = at;
  const { minLength, maxLength, pattern } = schema;
  if (minLength !== undefined && minLength > 0) {
    const value = offLengthString(schema, minLength - 1);
    negative(
      ctx,
      {
        where: where,
        member: member,
        keyword: 'minLength',
        breaks: [`minLength ${minLength}`, ...alsoBreaksPattern(schema, value)],
        title: `rejects ${aCount(minLength - 1)}-character ${member}`,
        source: source,
      },
      place(value),
    );
  }
  if (maxLength !== undefined) {
    const value = offLengthString(schema, maxLength + 1);
    negative(
      ctx,
      {
        where: where,
        member: member,
        keyword: 'maxLength',
        breaks: [`maxLength ${maxLength}`, ...alsoBreaksPattern(schema, value)],
        title: `rejects ${aCount(maxLength + 1)}-character ${member}`,
        source: source,
      },
      place(value),
    );
  }
  if (pattern) {
    const value = patternBreakingString(schema, [...current].length);
    if (value !== undefined)
      negative(
        ctx,
        {
          where: where,
          member: member,
          keyword: 'pattern',
          breaks: [`pattern ${pattern}`],
          title: `rejects ${/^[AEIOU]/.test(member) ? 'an' : 'a'} ${member} with no character the pattern ${pattern} allows`,
          source: source,
        },
        place(value),
      );
  }
  if (schema.enum) {
    const value = outsideEnum(schema);
    negative(
      ctx,
      {
        where: where,
        member: member,
        keyword: 'enum',
        breaks: [`enum ${schema.enum.join(' | ')}`],
        title: `rejects ${member} ${JSON.stringify(value)}, outside its documented values`,
        source: source,
      },
      place(value),
    );
  }
}

/** Walks the members present in the base body and breaks each constraint of each once. */
function bodyNegatives(ctx: Context, at: { schema: JsonSchema; value: unknown; path: (string | number)[] }, source: string): void {
  const { schema, value, path } = at;
  const s = effectiveSchema(schema);
  const member = memberName(path);
  const src = resolveSource(s['x-source'], source);
  const place = (v: unknown) => ({ body: withMember(ctx.body, path, v) });
  if (path.length > 0) {
    const wrong = wrongType(s);
    // A value of the wrong type cannot be one of an enum's values either: that rule breaks with it.
    const alsoEnum = wrong !== undefined && s.enum ? [`enum ${s.enum.join(' | ')}`] : [];
    if (wrong !== undefined)
      negative(
        ctx,
        {
          where: 'body',
          member: member,
          keyword: 'type',
          breaks: [`type ${String(s.type)}`, ...alsoEnum],
          title: `rejects ${member} as ${Array.isArray(wrong) ? 'an array' : typeof wrong}, not ${String(s.type)}`,
          source: src,
        },
        place(wrong),
      );
  }
  if (typeof value === 'string') {
    stringNegatives(ctx, { where: 'body', member: member, schema: s, current: value, source: src }, place);
  } else if (Array.isArray(value)) {
    const first = value[0];
    if (s.maxItems !== undefined && first !== undefined) {
      negative(
        ctx,
        {
          where: 'body',
          member: member,
          keyword: 'maxItems',
          breaks: [`maxItems ${s.maxItems}`],
          title: `rejects ${member} with ${s.maxItems + 1} items`,
          source: src,
        },
        place(Array.from({ length: s.maxItems + 1 }, () => first)),
      );
    }
    if (s.minItems !== undefined && s.minItems > 0) {
      negative(
        ctx,
        {
          where: 'body',
          member: member,
          keyword: 'minItems',
          breaks: [`minItems ${s.minItems}`],
          title: `rejects ${member} with ${s.minItems - 1} items`,
          source: src,
        },
        place(value.slice(0, s.minItems - 1)),
      );
    }
    if (first !== undefined && s.items) bodyNegatives(ctx, { schema: s.items, value: first, path: [...path, 0] }, src);
  } else if (value !== null && typeof value === 'object') {
    for (const [name, memberSchema] of Object.entries(s.properties ?? {})) {
      const memberValue = (value as Record<string, unknown>)[name];
      if (memberValue === undefined) {
        // An optional member the request leaves out is broken too: added with a valid value, then
        // broken, so that a server which skips validating it is caught like for any other.
        const sample = sampleValue(memberSchema);
        if (sample !== undefined)
          bodyNegatives(
            { ...ctx, body: withMember(ctx.body, [...path, name], sample) },
            { schema: memberSchema, value: sample, path: [...path, name] },
            src,
          );
        continue;
      }
      if ((s.required ?? []).includes(name)) {
        const missing = memberName([...path, name]);
        negative(
          ctx,
          {
            where: 'body',
            member: missing,
            keyword: 'required',
            breaks: ['required'],
            title: `rejects a body without ${missing}, which is required`,
            source: src,
          },
          {
            body: withMember(ctx.body, [...path, name], REMOVE),
          },
        );
      }
      bodyNegatives(ctx, { schema: memberSchema, value: memberValue, path: [...path, name] }, src);
    }
  }
}

/** Each documented constraint of the path and the body broken once, starting from a valid request. */
export function negativeCases(op: OperationModel, pathParams: Record<string, string>, body: Body): ConformanceCase[] {
  const ctx: Context = { op, pathParams, body, cases: [] };
  for (const param of op.pathParams) {
    const current = pathParams[param.name] ?? '';
    stringNegatives(
      ctx,
      {
        where: 'path',
        member: param.name,
        schema: param.schema,
        current: current,
        source: resolveSource(param.schema['x-source'], op.source),
      },
      (value) => ({
        pathParams: { ...pathParams, [param.name]: String(value) },
      }),
    );
  }
  if (op.body) bodyNegatives(ctx, { schema: op.body.schema, value: body, path: [] }, resolveSource(op.body.schema['x-source'], op.source));
  return ctx.cases;
}

function positive(
  op: OperationModel,
  named: { id: string; title: string; kind?: CaseKind; expect?: Expectation },
  pathParams: Record<string, string>,
  body: Body | undefined,
): ConformanceCase {
  const { id, title, kind = 'positive', expect = 'success' } = named;
  return {
    id: `${op.id}/${kind}/${id}`,
    operationId: op.id,
    kind,
    title,
    rule: undefined,
    breaks: [],
    pathParams,
    body: body === undefined ? undefined : JSON.stringify(body),
    expect,
  };
}

/**
 * Valid values at the edges of the documented bounds: resource names at their minimum and maximum
 * lengths (no fixture holds them, so the answer is 404, never 400), optional string members at
 * theirs, the most items a top-level list may hold, and every member of an object of enums.
 * A 0-character path parameter is left out: it makes an empty path segment, which HTTP routers
 * (AWS's front end included) answer as an unknown path before any constraint is read, so no
 * answer would tell a conforming target from a wrong one.
 */
function boundaryCases(op: OperationModel, fixtures: Fixtures, scenario: Scenario): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const resource of scenario.resources) {
    const schema = op.pathParams.find((p) => p.name === resource.param)?.schema ?? {};
    const lengths = new Set([schema.minLength ?? 1, schema.maxLength].filter((n): n is number => n !== undefined && n > 0));
    for (const length of lengths) {
      const value = validStringOfLength(schema, length);
      if (value === undefined || namesTaken(fixtures, resource.param).includes(value)) continue;
      const rule = `${resource.param}: ${length === schema.maxLength ? `maxLength ${length}` : `minLength ${length}`}`;
      cases.push({
        ...positive(
          op,
          {
            id: `${resource.param}-length-${length}`,
            title: `treats ${aCount(length)}-character ${resource.param} as valid (404 for a name no fixture holds, not 400)`,
            kind: 'boundary',
            expect: 'not-found',
          },
          { ...scenario.pathParams, [resource.param]: value },
          scenario.body,
        ),
        rule: { text: rule, source: resolveSource(schema['x-source'], op.source) },
      });
    }
  }
  for (const [name, memberSchema] of Object.entries(op.body?.schema.properties ?? {})) {
    const s = effectiveSchema(memberSchema);
    const source = resolveSource(s['x-source'], op.source);
    if (s.type === 'string' && name in scenario.body === false) {
      for (const length of new Set([s.minLength, s.maxLength].filter((n): n is number => n !== undefined && n > 0))) {
        const value = validStringOfLength(s, length);
        if (value === undefined) continue;
        cases.push({
          ...positive(
            op,
            {
              id: `${name}-length-${length}`,
              title: `does not reject ${aCount(length)}-character ${name} as invalid`,
              kind: 'boundary',
              expect: 'not-rejected',
            },
            scenario.pathParams,
            { ...scenario.body, [name]: value },
          ),
          rule: { text: `${name}: ${length === s.maxLength ? 'maxLength' : 'minLength'} ${length}`, source },
        });
      }
    }
    const present = scenario.body[name];
    if (s.type === 'array' && s.maxItems !== undefined && Array.isArray(present) && present.length > 0) {
      cases.push({
        ...positive(
          op,
          {
            id: `${name}-items-${s.maxItems}`,
            title: `does not reject ${name} with ${s.maxItems} items, the most it may hold`,
            kind: 'boundary',
            expect: 'not-rejected',
          },
          scenario.pathParams,
          { ...scenario.body, [name]: Array.from({ length: s.maxItems }, () => present[0]) },
        ),
        rule: { text: `${name}: maxItems ${s.maxItems}`, source },
      });
    }
    const members = Object.entries(s.properties ?? {}).map(([member, schema]) => [member, effectiveSchema(schema).enum?.[0]] as const);
    if (s.type === 'object' && members.length > 0 && members.every(([, value]) => value !== undefined)) {
      cases.push(
        positive(
          op,
          { id: `${name}-every-member`, title: `accepts ${name} with each of its ${members.length} documented members`, kind: 'boundary' },
          scenario.pathParams,
          { ...scenario.body, [name]: Object.fromEntries(members) },
        ),
      );
    }
  }
  return cases;
}

/** Requests whose meaning is in their order: the scenario's own sequences, and each base update repeated. */
function semanticCases(op: OperationModel, scenario: Scenario): ConformanceCase[] {
  const sequences: Sequence[] = [
    ...(scenario.sequences ?? []),
    {
      id: 'repeat',
      description: 'repeats the same update and gets the same result',
      steps: [{ body: scenario.body }, { body: scenario.body }],
    },
  ];
  return sequences.flatMap((sequence) =>
    sequence.steps.flatMap((s, index) => {
      const title = `${sequence.description} (step ${index + 1} of ${sequence.steps.length})`;
      const at = {
        id: `${op.id}/${sequence.id}`,
        step: index + 1,
        ...(sequence.id === 'repeat' && index > 0 ? { sameAs: 1 } : {}),
        ...(sequence.track !== undefined ? { track: sequence.track } : {}),
        ...(sequence.beside ? { beside: true as const } : {}),
      };
      if ('burst' in s) {
        return s.burst.map((body, n) => ({
          ...positive(
            op,
            {
              id: `${sequence.id}/${index + 1}.${n + 1}`,
              title: `${title}, request ${n + 1} of ${s.burst.length} at once`,
              kind: 'semantic',
              expect: 'documented',
            },
            sequence.pathParams ?? scenario.pathParams,
            body,
          ),
          sequence: { ...at, burst: true as const },
        }));
      }
      const c = positive(
        op,
        { id: `${sequence.id}/${index + 1}`, title: title, kind: 'semantic', expect: s.rejected ? 'rejected' : 'documented' },
        sequence.pathParams ?? scenario.pathParams,
        s.body,
      );
      return [{ ...c, sequence: at }];
    }),
  );
}

function operationCases(op: OperationModel, fixtures: Fixtures): ConformanceCase[] {
  const scenario = validScenario(op, fixtures);
  const cases: ConformanceCase[] = [];

  cases.push(positive(op, { id: 'base', title: 'accepts a valid update of an existing resource' }, scenario.pathParams, scenario.body));
  for (const variant of scenario.variants ?? [])
    cases.push(
      positive(
        op,
        { id: `variant:${variant.pathParams.UserName ?? variant.description}`, title: `accepts ${variant.description}` },
        variant.pathParams,
        variant.body,
      ),
    );
  if (!op.body?.required)
    cases.push(
      positive(op, { id: 'no-body', title: 'accepts a request with no body (the body is optional)' }, scenario.pathParams, undefined),
    );
  // Every documented value of each top-level enum member.
  for (const [name, value] of Object.entries(scenario.body)) {
    const schema = effectiveSchema(op.body?.schema.properties?.[name] ?? {});
    for (const allowed of schema.enum ?? []) {
      if (allowed !== value)
        cases.push(
          positive(
            op,
            { id: `enum:${name}=${String(allowed)}`, title: `accepts ${name} ${JSON.stringify(allowed)}` },
            scenario.pathParams,
            {
              ...scenario.body,
              [name]: allowed,
            },
          ),
        );
    }
  }
  cases.push(...boundaryCases(op, fixtures, scenario));
  cases.push(...negativeCases(op, scenario.pathParams, scenario.body));

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
  cases.push(malformed('truncated-json', 'rejects a body that is not JSON', JSON.stringify(scenario.body).slice(0, -1), ['JSON']));
  cases.push(
    malformed('array-body', 'rejects a body that is a JSON array, not an object', JSON.stringify([scenario.body]), ['type object']),
  );
  if (op.body?.required) {
    cases.push({ ...malformed('no-body', 'rejects a request with no body (the body is required)', '', ['required']), body: undefined });
  }

  for (const resource of scenario.resources) {
    const missing = absentName(namesTaken(fixtures, resource.param), resource.base);
    cases.push({
      id: `${op.id}/missing-resource/${resource.param}`,
      operationId: op.id,
      kind: 'missing-resource',
      title: `answers 404 ResourceNotFoundException when ${resource.param} ${JSON.stringify(missing)} does not exist`,
      rule: {
        text: `ResourceNotFoundException (404): ${op.errors.find((e) => e.type === 'ResourceNotFoundException')?.description ?? ''}`,
        source: op.source,
      },
      breaks: [],
      pathParams: { ...scenario.pathParams, [resource.param]: missing },
      body: JSON.stringify(scenario.body),
      expect: 'not-found',
    });
  }
  const notFound = op.errors.find((e) => e.type === 'ResourceNotFoundException')?.description ?? '';
  // The register's check-order: a broken rule and a missing resource at once may be answered with either error.
  const brokenBody = cases.find((c) => c.kind === 'negative' && JSON.stringify(c.pathParams) === JSON.stringify(scenario.pathParams));
  const firstResource = scenario.resources[0];
  if (brokenBody && firstResource) {
    const missing = absentName(namesTaken(fixtures, firstResource.param), firstResource.base);
    cases.push({
      ...brokenBody,
      id: `${op.id}/missing-resource/${firstResource.param}+broken-rule`,
      kind: 'missing-resource',
      title: `refuses a request that breaks ${brokenBody.breaks.join(', ')} and names ${firstResource.param} ${JSON.stringify(missing)}, which does not exist (either error: the pages do not say which check comes first)`,
      rule: {
        text: `ResourceNotFoundException (404): ${notFound}; InvalidParameterValueException (400) for the broken rule`,
        source: op.source,
      },
      pathParams: { ...scenario.pathParams, [firstResource.param]: missing },
      expect: 'not-found',
    });
  }
  const account = foreignAccountId(fixtures);
  cases.push({
    id: `${op.id}/missing-resource/AwsAccountId`,
    operationId: op.id,
    kind: 'missing-resource',
    title: `refuses a valid update in account ${account}, which is not the caller's (401 AccessDeniedException or 404 ResourceNotFoundException)`,
    rule: { text: `AccessDeniedException (401) or ResourceNotFoundException (404): ${notFound}`, source: op.source },
    breaks: [],
    pathParams: { ...scenario.pathParams, AwsAccountId: account },
    body: JSON.stringify(scenario.body),
    expect: 'not-found',
  });
  cases.push(...semanticCases(op, scenario));
  return cases;
}

/** Why an operation has no cases: the fixtures lack what its cases need. */
export interface SkippedOperation {
  operationId: OperationId;
  reason: string;
}

/**
 * The cases of every operation. An operation whose cases need a fixture the fixtures do not hold
 * (no theme, no custom permissions profile) is skipped with the reason rather than failed.
 */
export function planCases(model: SpecModel, fixtures: Fixtures): { cases: ConformanceCase[]; skipped: SkippedOperation[] } {
  const cases: ConformanceCase[] = [];
  const skipped: SkippedOperation[] = [];
  for (const op of model.operations) {
    try {
      cases.push(...operationCases(op, fixtures));
    } catch (error) {
      if (!(error instanceof MissingFixtureError)) throw error;
      skipped.push({ operationId: op.id, reason: error.message });
    }
  }
  return { cases, skipped };
}

/** The cases of every operation; throws when the fixtures lack what one needs (see planCases). */
export function generateCases(model: SpecModel, fixtures: Fixtures): ConformanceCase[] {
  return model.operations.flatMap((op) => operationCases(op, fixtures));
}

/**
 * With real credentials: an unsigned copy of each operation's base valid request, a copy signed with
 * the wrong secret, one dated 20 minutes in the past and one whose body changed after signing; each
 * must be refused as unauthenticated.
 */
export function authCases(cases: ConformanceCase[]): ConformanceCase[] {
  return cases
    .filter((c) => c.kind === 'positive' && c.id.endsWith('/positive/base'))
    .flatMap((c) =>
      (Object.keys(AUTH_SIGNINGS) as (keyof typeof AUTH_SIGNINGS)[]).map((signing) => ({
        ...c,
        id: `${c.operationId}/auth/${signing}`,
        kind: 'auth' as const,
        title: AUTH_SIGNINGS[signing].title,
        rule: SIGNATURE_RULES[AUTH_SIGNINGS[signing].defect],
        expect: 'auth-refused' as const,
        signing,
      })),
    );
}
