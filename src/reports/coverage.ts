/**
 * What a verify run exercised of the contract, as Specmatic's coverage table says it: per operation,
 * which documented outcomes (a status and, for an error, its type) the target was seen to answer,
 * which a case provoked on purpose, and which none exercised, with what it would take; per request
 * constraint of the spec, whether a case broke it, at which boundary, and what came back.
 * It is computed from the VerifyResult alone (the cases' kinds, expectations and answers, the work
 * skipped), so that it says what happened whatever engine produced the result.
 */
import { readErrorType } from '../checks';
import { invalidInputErrors } from '../protocol';
import { effectiveSchema, type JsonSchema, type OperationModel, type SpecModel } from '../spec';
import type { CaseResult, VerifyResult } from '../verify';

/** provoked: a case aimed at it and got it · seen: answered, to a case that aimed elsewhere · not-exercised: never answered. */
export type OutcomeState = 'provoked' | 'seen' | 'not-exercised';

export interface OutcomeCoverage {
  status: number;
  /** The error type; absent for the success. */
  errorType?: string;
  state: OutcomeState;
  /** The cases that got this answer. */
  cases: number;
  /** Why no case got it: what it would take, or what the target answered instead. */
  reason?: string;
}

export interface ConstraintCoverage {
  /** `path` or `body`, and the member as the cases name it (`GrantPermissions[0].Actions`). */
  where: 'path' | 'body';
  member: string;
  /** The keyword and its value, as the validators name it: `maxLength 64`, `pattern [\w\-]+`, `required`. */
  rule: string;
  /** The value a negative case sent to break it (`65 characters`), and whether the target refused it. */
  broken?: { at: string; refused: boolean; caseId: string };
  /** The valid value at the bound (`64 characters`) a boundary case sent, and whether the target took it as valid. */
  held?: { at: string; accepted: boolean; caseId: string };
}

export interface OperationCoverage {
  operationId: string;
  /** Why the operation's cases did not run, when they did not (skipped, not implemented). */
  unchecked?: string;
  outcomes: OutcomeCoverage[];
  /** Answers the operation does not document (a status, or an error type at a status): each a finding. */
  undocumented: { answer: string; cases: number }[];
  constraints: ConstraintCoverage[];
}

export interface Coverage {
  operations: OperationCoverage[];
  outcomes: { exercised: number; total: number };
  constraints: { broken: number; total: number };
}

/**
 * What it takes to get an error no generated case can provoke, by error type. The cases send valid
 * and invalid requests on the fixtures; these errors need more than a request.
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)" (the common errors) and the seed pages' error lists
 */
const NEEDS: { types: RegExp; reason: string }[] = [
  {
    types: /^(ThrottlingException|InternalFailure(Exception)?|ResourceUnavailableException|ServiceUnavailable)$/,
    reason: 'needs a fault (the reference mock: --inject or POST /_mock/faults)',
  },
  {
    types: /^(AccessDeniedException|IncompleteSignature|InvalidClientTokenId|NotAuthorized|RequestExpired|OptInRequired)$/,
    reason: 'needs credentials the target checks (--sigv4 --credentials FILE) or an account that is not the caller’s',
  },
  { types: /^LimitExceededException$/, reason: 'needs a provider state: a theme at its principal limit' },
  { types: /^UnsupportedUserEditionException$/, reason: 'needs a provider state: a Standard edition account' },
  { types: /^PreconditionNotMetException$/, reason: 'needs a provider state: a precondition the fixtures do not break' },
  { types: /^ConflictException$/, reason: 'needs a provider state: an update in conflict with another' },
  { types: /^InvalidAction$/, reason: 'needs a request for an action that does not exist (the cases send none)' },
];

const RESOURCE_NOT_FOUND = 'ResourceNotFoundException';

/** The documented outcomes a case aims at, given its expectation. */
function aims(op: OperationModel, c: CaseResult): (outcome: { status: number; errorType?: string }) => boolean {
  switch (c.expect) {
    case 'success':
      return (o) => o.status === op.success.status && o.errorType === undefined;
    case 'rejected':
      return (o) => o.status === 400 && invalidInputErrors(op).includes(o.errorType ?? '');
    case 'not-found':
      return (o) => o.status === 404 && o.errorType === RESOURCE_NOT_FOUND;
    case 'auth-refused':
      return (o) => (o.status === 401 || o.status === 403) && o.errorType !== undefined;
    default:
      return () => false;
  }
}

interface Answer {
  status: number;
  errorType?: string;
}

function answerOf(c: CaseResult): Answer | undefined {
  if (c.received?.kind !== 'response') return undefined;
  const type = c.received.status >= 300 ? readErrorType(c.received)?.name : undefined;
  return { status: c.received.status, ...(type ? { errorType: type } : {}) };
}

const label = (o: Answer) => `${o.status}${o.errorType ? ` ${o.errorType}` : ''}`;

function outcomes(op: OperationModel, cases: CaseResult[]): Pick<OperationCoverage, 'outcomes' | 'undocumented'> {
  const documented: Answer[] = [{ status: op.success.status }, ...op.errors.map((e) => ({ status: e.status, errorType: e.type }))];
  const same = (a: Answer, b: Answer) => a.status === b.status && a.errorType === b.errorType;
  const answered = cases.map((c) => ({ c, answer: answerOf(c) }));
  const list = documented.map((o): OutcomeCoverage => {
    const got = answered.filter((x) => x.answer && same(x.answer, o));
    if (got.length > 0) {
      const provoked = got.some((x) => aims(op, x.c)(o));
      return { ...o, state: provoked ? 'provoked' : 'seen', cases: got.length };
    }
    return { ...o, state: 'not-exercised', cases: 0 };
  });
  for (const o of list.filter((x) => x.state === 'not-exercised')) o.reason = whyNot(op, o, list, cases);
  const undocumented = new Map<string, number>();
  for (const { answer } of answered) {
    if (!answer || documented.some((o) => same(o, answer))) continue;
    // A 2xx other than the documented one, an error type at a status that does not document it, a status with no type.
    const text = answer.status >= 300 && !answer.errorType ? `${answer.status} with no AWS error type` : label(answer);
    undocumented.set(text, (undocumented.get(text) ?? 0) + 1);
  }
  return { outcomes: list, undocumented: [...undocumented].map(([answer, n]) => ({ answer, cases: n })) };
}

function whyNot(op: OperationModel, o: OutcomeCoverage, all: OutcomeCoverage[], cases: CaseResult[]): string {
  const aiming = cases.filter((c) => aims(op, c)(o));
  if (aiming.length > 0) {
    const alternative = all.find((x) => x !== o && x.state !== 'not-exercised' && aiming.some((c) => aims(op, c)(x)));
    if (alternative) return `an alternative: the target reports the same with ${label(alternative)}`;
    return `${aiming.length} ${aiming.length === 1 ? 'case aims' : 'cases aim'} at it; the target answered otherwise (see the findings)`;
  }
  if (o.errorType === undefined) return 'no valid request ran (no fixture to aim it at)';
  const need = NEEDS.find((n) => n.types.test(o.errorType ?? ''));
  if (need) return need.reason;
  if (o.errorType === RESOURCE_NOT_FOUND) return 'no case asked for a resource that does not exist';
  if (invalidInputErrors(op).includes(o.errorType)) return 'no invalid request ran';
  return 'no case aims at it';
}

interface Declared {
  where: 'path' | 'body';
  member: string;
  keyword: string;
  rule: string;
  /** The breaking value a negative case sends, and the valid value at the bound a boundary case sends. */
  breakAt: string;
  holdAt?: string;
}

/** The member name the cases use: `GrantPermissions[0].Principal`. */
function memberName(path: (string | number)[]): string {
  return path.reduce<string>((name, key) => (typeof key === 'number' ? `${name}[${key}]` : name ? `${name}.${key}` : key), '');
}

function stringConstraints(where: Declared['where'], member: string, s: JsonSchema): Declared[] {
  const out: Declared[] = [];
  const add = (keyword: string, rule: string, breakAt: string, holdAt?: string) =>
    out.push({ where, member, keyword, rule, breakAt, ...(holdAt ? { holdAt } : {}) });
  if (s.minLength !== undefined && s.minLength > 0)
    add('minLength', `minLength ${s.minLength}`, `${s.minLength - 1} characters`, `${s.minLength} characters`);
  if (s.maxLength !== undefined) add('maxLength', `maxLength ${s.maxLength}`, `${s.maxLength + 1} characters`, `${s.maxLength} characters`);
  if (s.pattern) add('pattern', `pattern ${s.pattern}`, 'no character the pattern allows');
  if (s.enum) add('enum', `enum ${s.enum.join(' | ')}`, 'a value outside the list');
  return out;
}

function bodyConstraints(schema: JsonSchema, path: (string | number)[]): Declared[] {
  const s = effectiveSchema(schema);
  const member = memberName(path);
  const out: Declared[] = [];
  if (path.length > 0 && typeof s.type === 'string')
    out.push({ where: 'body', member, keyword: 'type', rule: `type ${s.type}`, breakAt: 'a value of another type' });
  if (s.type === 'string') out.push(...stringConstraints('body', member, s));
  if (s.type === 'array') {
    if (s.maxItems !== undefined)
      out.push({
        where: 'body',
        member,
        keyword: 'maxItems',
        rule: `maxItems ${s.maxItems}`,
        breakAt: `${s.maxItems + 1} items`,
        holdAt: `${s.maxItems} items`,
      });
    if (s.minItems !== undefined && s.minItems > 0)
      out.push({ where: 'body', member, keyword: 'minItems', rule: `minItems ${s.minItems}`, breakAt: `${s.minItems - 1} items` });
    if (s.items) out.push(...bodyConstraints(s.items, [...path, 0]));
  }
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    if ((s.required ?? []).includes(name))
      out.push({ where: 'body', member: memberName([...path, name]), keyword: 'required', rule: 'required', breakAt: 'left out' });
    out.push(...bodyConstraints(child, [...path, name]));
  }
  return out;
}

function declaredConstraints(op: OperationModel): Declared[] {
  return [
    ...op.pathParams.flatMap((p) => stringConstraints('path', p.name, p.schema)),
    ...(op.body ? bodyConstraints(op.body.schema, []) : []),
  ];
}

function constraints(op: OperationModel, cases: CaseResult[]): ConstraintCoverage[] {
  const byId = new Map(cases.map((c) => [c.id, c]));
  return declaredConstraints(op).map((d): ConstraintCoverage => {
    const negative = byId.get(`${op.id}/negative/${d.where}:${d.member}/${d.keyword}`);
    const boundary = d.holdAt ? cases.find((c) => c.kind === 'boundary' && c.rule?.text === `${d.member}: ${d.rule}`) : undefined;
    return {
      where: d.where,
      member: d.member,
      rule: d.rule,
      ...(negative
        ? { broken: { at: d.breakAt, refused: !negative.findings.some((f) => f.check === 'negative-rejected'), caseId: negative.id } }
        : {}),
      ...(boundary && d.holdAt
        ? {
            held: {
              at: d.holdAt,
              accepted: !boundary.findings.some((f) => f.code === 'behaviour.valid-rejected' || f.code === 'behaviour.valid-refused'),
              caseId: boundary.id,
            },
          }
        : {}),
    };
  });
}

export function verifyCoverage(result: VerifyResult, model: SpecModel): Coverage {
  const operations = result.operations.map((id): OperationCoverage => {
    const op = model.operation(id);
    const cases = result.cases.filter((c) => c.operationId === id);
    const skipped = result.skipped.find((s) => s.what === id);
    const missing = result.notImplemented.find((n) => n.operationId === id);
    return {
      operationId: id,
      ...(skipped ? { unchecked: `skipped: ${skipped.reason}` } : missing ? { unchecked: `not implemented: ${missing.evidence}` } : {}),
      ...outcomes(op, cases),
      constraints: constraints(op, cases),
    };
  });
  const all = operations.flatMap((o) => o.outcomes);
  const declared = operations.flatMap((o) => o.constraints);
  return {
    operations,
    outcomes: { exercised: all.filter((o) => o.state !== 'not-exercised').length, total: all.length },
    constraints: { broken: declared.filter((c) => c.broken).length, total: declared.length },
  };
}

/** `3 of 57 documented outcomes exercised`: the summary line's clause. */
export function coverageClause(coverage: Coverage): string {
  return `${coverage.outcomes.exercised} of ${coverage.outcomes.total} documented outcomes exercised`;
}

export function outcomeLabel(o: Pick<OutcomeCoverage, 'status' | 'errorType'>): string {
  return label(o);
}
