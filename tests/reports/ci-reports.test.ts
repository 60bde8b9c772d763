/**
 * The reports a CI reads, from real runs against the reference mock, seeded defects of it and a
 * server that is not QuickSight at all: findings grouped by cause (each finding in exactly one
 * group, a cause said once), the coverage of documented outcomes and constraints, the JUnit report
 * that states a cause once, the GitHub annotations, the Markdown summary and the whole-run problem.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FIXTURES } from '../../src/fixtures';
import { startMock } from '../../src/mock';
import {
  annotationsOf,
  groupFindings,
  type ReportDocument,
  renderAnnotations,
  renderConsole,
  renderJunit,
  renderMarkdown,
  renderReportJson,
  verifyDocument,
} from '../../src/reports';
import { type VerifyResult, verify } from '../../src/verify';
import { startDefectiveMock } from '../support/defective-mock';
import { expectValidReport } from '../support/report-schemas';

const plain = (_format: unknown, text: string) => text;
const options = { fixtures: DEFAULT_FIXTURES, seed: 11, examples: 3, concurrency: 4, timeoutMs: 10_000 };

/**
 * A server that is not QuickSight: the same HTML page for every path, as a proxy's error page in
 * front of a wrong --target gets (an HTML 404 everywhere is refused before the run: see below).
 */
async function htmlEverywhere(status = 500): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${status}</title><h1>Something went wrong</h1>`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const runs: Record<'passing' | 'created201' | 'validation500' | 'html404Theme' | 'wrongTarget', VerifyResult> = {} as never;
const docs = {} as Record<keyof typeof runs, ReportDocument>;
beforeAll(async () => {
  const targets = {
    passing: await startMock(),
    created201: await startDefectiveMock('created-201'),
    validation500: await startDefectiveMock('validation-500'),
    html404Theme: await startDefectiveMock('html-404-theme-permissions'),
    wrongTarget: await htmlEverywhere(),
  };
  try {
    for (const [name, target] of Object.entries(targets) as [keyof typeof runs, { url: string }][]) {
      runs[name] = await verify({ ...options, target: target.url });
      docs[name] = verifyDocument(runs[name], `npx qs-contract verify --target ${target.url} --seed 11`);
    }
  } finally {
    for (const target of Object.values(targets)) await target.close();
  }
});

const errorsOf = (r: VerifyResult) => r.cases.filter((c) => c.status === 'failed').flatMap((c) => c.findings);

describe('grouping by cause', () => {
  test.each(['created201', 'validation500', 'html404Theme', 'wrongTarget'] as const)(
    '%s: every finding of a failed case is in exactly one cause, and each cause names its code, answer and cases',
    (name) => {
      const groups = groupFindings(docs[name]);
      expect(groups.reduce((n, g) => n + g.findings, 0)).toBe(errorsOf(runs[name]).length);
      for (const g of groups) {
        expect(g.cases.length).toBeGreaterThan(0);
        expect(g.example.case.findings).toContain(g.example.finding);
        expect(g.observed).toMatch(/^(\d{3}( \w+)? [\w.+-]+\/[\w.+-]+|\d{3} no Content-Type|no answer \(\w+\))$/);
      }
      expect(groups.map((g) => g.index)).toEqual(groups.map((_, i) => i + 1));
    },
  );

  test('a 201 for every UpdateUser success is one cause: every finding it makes comes on the same cases with the same answer', () => {
    const groups = groupFindings(docs.created201);
    expect(groups).toHaveLength(1);
    const [cause] = groups;
    expect(cause).toMatchObject({ code: 'response.status.undocumented', observed: '201 application/json', suites: ['UpdateUser'] });
    // A 2xx claims success: the model judges its body, which is right, so the status is all there is to say.
    expect(cause?.also).toEqual([]);
    expect(cause?.cases).toHaveLength(runs.created201.summary.failed);
  });

  test('invalid input answered 500 is one cause per answer, however many constraints it was seen on', () => {
    const groups = groupFindings(docs.validation500);
    const serverError = groups.find((g) => g.code === 'response.server-error' || g.also.some((p) => p.code === 'response.server-error'));
    expect(serverError?.observed).toBe('500 InternalFailure application/json');
    const accepted = groups.find(
      (g) => g.code === 'behaviour.invalid-accepted' || g.also.some((p) => p.code === 'behaviour.invalid-accepted'),
    );
    expect(accepted).toBeDefined();
    // The constraint of each case is listed under the cause, not made a cause of its own.
    expect(groups.length).toBeLessThan(6);
    expect(accepted?.caseRules.length ?? 0).toBeGreaterThan(10);
  });

  test('the console lists the causes before the cases, each case on one line with its causes; --verbose shows each in full', () => {
    const text = renderConsole(docs.validation500, plain);
    const causes = text.indexOf('Causes (');
    const listing = text.indexOf('Failing cases (');
    expect(causes).toBeGreaterThan(0);
    expect(listing).toBeGreaterThan(causes);
    const failed = runs.validation500.cases.filter((c) => c.status === 'failed');
    for (const c of failed) expect(text).toMatch(new RegExp(`^  ✗ ${c.operationId} › .*  ${escapeRegExp(c.id)}  → causes? \\d`, 'm'));
    // One curl line per cause, not one per case.
    expect(text.match(/^ +reproduce curl /gm)).toHaveLength(groupFindings(docs.validation500).length);
    const verbose = renderConsole(docs.validation500, plain, { verbose: true });
    // A failed stateful sequence replays step by step (`step 1`, `step 2`) rather than in one reproduce line.
    const replayed = failed.filter((c) => !c.sequence);
    expect(verbose.match(/^ +reproduce curl /gm)?.length).toBe(replayed.length + groupFindings(docs.validation500).length);
  });
});

describe('the JUnit report', () => {
  test('keeps one testcase per case, gives every case of a cause the same message, and writes the cause in full once', () => {
    const xml = renderJunit(docs.validation500);
    expect(xml.match(/<testcase /g)).toHaveLength(runs.validation500.cases.length);
    const messages = [...xml.matchAll(/<failure message="([^"]*)"/g)].map((m) => m[1]);
    const groups = groupFindings(docs.validation500);
    expect(messages).toHaveLength(runs.validation500.summary.failed);
    expect(new Set(messages).size).toBeLessThanOrEqual(groups.length * groups.length);
    for (const g of groups) {
      // The rule line of a finding shown in full appears once per cause.
      // In a CDATA section (the testcase's body) the text is as it is; in an attribute, escaped.
      const line = `    rule      ${g.example.finding.rule.text}`;
      expect(xml.split(line).length - 1 + (xml.split(escapeXml(line)).length - 1)).toBeGreaterThanOrEqual(1);
      expect(xml.match(new RegExp(`cause ${g.index} is shown in full on`, 'g'))?.length ?? 0).toBe(g.cases.length - 1);
    }
  });

  test('an operation not implemented: its evidence is written once, the other cases point to it', () => {
    const xml = renderJunit(docs.html404Theme);
    const missing = runs.html404Theme.cases.filter((c) => c.status === 'not-implemented');
    expect(missing.length).toBeGreaterThan(5);
    expect(xml.match(/<failure message="UpdateThemePermissions is not implemented" type="not-implemented"/g)).toHaveLength(missing.length);
    expect(xml.match(/all \d+ valid requests were answered with no AWS error type/g)).toHaveLength(1);
    expect(xml.match(/the evidence is on /g)).toHaveLength(missing.length - 1);
  });
});

describe('coverage', () => {
  test(
    'against the reference mock: each operation provokes its success, invalid input and ResourceNotFound ' +
      'on purpose, and says why the rest was not seen',
    () => {
      const coverage = docs.passing.coverage;
      expect(coverage).toBeDefined();
      for (const op of coverage?.operations ?? []) {
        const state = (label: string) => op.outcomes.find((o) => `${o.status}${o.errorType ? ` ${o.errorType}` : ''}` === label)?.state;
        expect([op.operationId, state('200')]).toEqual([op.operationId, 'provoked']);
        expect(state('400 InvalidParameterValueException')).toBe('provoked');
        expect(state('404 ResourceNotFoundException')).toBe('provoked');
        expect(state('429 ThrottlingException')).toBe('not-exercised');
        expect(op.outcomes.find((o) => o.errorType === 'ThrottlingException')?.reason).toMatch(/needs a fault/);
        expect(op.outcomes.find((o) => o.errorType === 'ValidationException')?.reason).toMatch(
          /an alternative: the target reports the same with 400 InvalidParameterValueException/,
        );
        for (const o of op.outcomes.filter((x) => x.state === 'not-exercised')) expect(o.reason).toBeTruthy();
        expect(op.undocumented).toEqual([]);
        // Every constraint a negative case broke was refused, and the bound a boundary case held was taken as valid.
        for (const c of op.constraints) {
          if (c.broken) expect([c.member, c.rule, c.broken.refused]).toEqual([c.member, c.rule, true]);
          if (c.held) expect([c.member, c.rule, c.held.accepted]).toEqual([c.member, c.rule, true]);
        }
        expect(op.constraints.find((c) => c.rule.startsWith('maxLength'))?.broken?.at).toMatch(/^\d+ characters$/);
      }
      expect(coverage?.outcomes.exercised).toBeGreaterThanOrEqual(9);
      expect(docs.passing.verdict.line).toMatch(/^PASS {2}\d+ cases passed.* · \d+ of \d+ documented outcomes exercised$/);
    },
  );

  test(
    'a defect shows in coverage: invalid input answered 500 is an undocumented pairing, and ' +
      'InvalidParameterValueException is aimed at but never seen',
    () => {
      const user = docs.validation500.coverage?.operations.find((o) => o.operationId === 'UpdateUser');
      expect(user?.outcomes.find((o) => o.errorType === 'InvalidParameterValueException')).toMatchObject({
        state: 'not-exercised',
        reason: expect.stringMatching(/cases aim at it; the target answered otherwise/),
      });
      expect(user?.outcomes.find((o) => o.status === 500 && o.errorType === 'InternalFailure')?.state).toBe('seen');
    },
  );

  test('an operation not implemented is unchecked, with the evidence', () => {
    const theme = docs.html404Theme.coverage?.operations.find((o) => o.operationId === 'UpdateThemePermissions');
    expect(theme?.unchecked).toMatch(/^not implemented: all \d+ valid requests/);
    expect(theme?.outcomes.every((o) => o.state === 'not-exercised')).toBe(true);
  });
});

describe('a whole-target mistake', () => {
  test('a server that answers the same HTML page to everything is said in one line, first', () => {
    expect(docs.wrongTarget.problem).toMatch(
      new RegExp(
        String.raw`^every one of the \d+ cases got the same answer, 500 text/html: ` +
          String.raw`is --target the server's base URL \(scheme, host, port and path prefix\)\?$`,
      ),
    );
    const text = renderConsole(docs.wrongTarget, plain);
    const lines = text.split('\n');
    expect(lines[3]).toBe(`✗ ${docs.wrongTarget.problem}`);
    expect(renderMarkdown(docs.wrongTarget)).toContain(`> ${docs.wrongTarget.problem?.replace(/</g, '&lt;')}`);
    expect(annotationsOf(docs.wrongTarget)[0]).toMatchObject({ kind: 'error', message: docs.wrongTarget.problem });
  });

  test('an HTML 404 for every path (a wrong path prefix) stops the run before any case, in one line', async () => {
    const target = await htmlEverywhere(404);
    try {
      await expect(verify({ ...options, target: target.url })).rejects.toMatchObject({
        code: 'TARGET_EMPTY',
        message: expect.stringMatching(/every request was answered 404 with no AWS error type/),
      });
    } finally {
      await target.close();
    }
  });

  test('a target with some right answers has no whole-run problem', () => {
    expect(docs.created201.problem).toBeUndefined();
    expect(docs.passing.problem).toBeUndefined();
  });
});

describe('GitHub Actions annotations', () => {
  test('one ::error per cause and per operation not implemented, each one line with its newlines, colons and commas escaped', () => {
    const text = renderAnnotations(docs.html404Theme);
    const lines = text.trimEnd().split('\n');
    const groups = groupFindings(docs.html404Theme).filter((g) => g.severity === 'error');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(Math.min(10, groups.length + 1) + (groups.length + 1 > 10 ? 1 : 0));
    for (const line of lines) expect(line).toMatch(/^::(error|warning) title=[^:,]*(,file=[^:,]*)?::[^\r\n]*$/);
    expect(text).toContain(
      '::error title=qs-contract verify%3A UpdateThemePermissions not implemented::UpdateThemePermissions is not implemented: all ',
    );
    expect(renderAnnotations(docs.passing)).toBe('');
  });

  test('a whole-run problem is the first annotation; past 10 errors, one more line says how many are left', () => {
    const all = annotationsOf(docs.validation500);
    expect(annotationsOf(docs.wrongTarget).map((a) => a.title)).toEqual([
      'qs-contract verify: the whole run',
      ...(docs.wrongTarget.coverage?.operations ?? []).map((o) => `qs-contract verify: ${o.operationId} not implemented`),
    ]);
    const text = renderAnnotations(docs.validation500);
    if (all.length > 10) expect(text).toMatch(/::error title=qs-contract verify::and \d+ more: see the step summary\n$/);
    else expect(text.trimEnd().split('\n')).toHaveLength(all.length);
  });
});

describe('the Markdown summary', () => {
  test('says the verdict, the checks × operations table, each cause with a folded example and its curl line, and the coverage', () => {
    const md = renderMarkdown(docs.validation500);
    expect(md).toMatch(/^## ❌ qs-contract verify http:\/\/127\.0\.0\.1:\d+\n\n\*\*FAIL {2}\d+ findings/);
    expect(md).toContain('| check | UpdateCustomPermissions | UpdateThemePermissions | UpdateUser |');
    expect(md).toMatch(/^\| `negative-rejected` \| ❌ \d+\/\d+ \| ❌ \d+\/\d+ \| ❌ \d+\/\d+ \|$/m);
    expect(md).toMatch(/^\| `responds` \| ✅ \d+ \| ✅ \d+ \| ✅ \d+ \|$/m);
    const groups = groupFindings(docs.validation500);
    expect(md.match(/^<details><summary>\d+\. <code>/gm)).toHaveLength(groups.length);
    expect(md.match(/^```sh\ncurl -sS -i -X PUT /gm)).toHaveLength(groups.length);
    expect(md).toMatch(/^### Coverage: \d+ of \d+ documented outcomes exercised$/m);
    expect(md).toContain('Replay: `npx qs-contract verify --target http://127.0.0.1:');
  });

  test.each(['wrongTarget', 'html404Theme'] as const)('%s: an HTML answer body is data, not markup: no raw tag outside code', (name) => {
    const md = renderMarkdown(docs[name]);
    expect(md).toMatch(/&lt;!doctype html&gt;/i);
    const outsideCode = md.replace(/^```[\s\S]*?^```$/gm, '').replace(/`[^`\n]*`/g, '');
    const tags = new Set([...outsideCode.matchAll(/<\/?([a-z!]+)/gi)].map((m) => m[1]?.toLowerCase()));
    for (const tag of tags) expect(['details', 'summary', 'code', 'sub', 'br']).toContain(tag);
  });

  test('a passing run: a green heading, no causes', () => {
    const md = renderMarkdown(docs.passing);
    expect(md).toMatch(/^## ✅ /);
    expect(md).not.toContain('### Causes');
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

describe('the JSON report', () => {
  test.each(['passing', 'created201', 'validation500', 'html404Theme', 'wrongTarget'] as const)(
    '%s: the result, its causes and its coverage validate against verify.schema.json',
    (name) => {
      const report = expectValidReport(renderReportJson(docs[name], runs[name], { name: 'qs-contract', version: '0.0.0' })) as {
        causes: { index: number; cases: string[]; example: { caseId: string } }[];
        coverage: { outcomes: { exercised: number; total: number } };
      };
      const groups = groupFindings(docs[name]);
      expect(report.causes.map((c) => [c.index, c.cases.length, c.example.caseId])).toEqual(
        groups.map((g) => [g.index, g.cases.length, g.example.case.id]),
      );
      expect(report.coverage.outcomes).toEqual(docs[name].coverage?.outcomes);
    },
  );
});
