/** The ambiguity register: one in the spec, mirrored for the type checker, each question quoted from a page. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { READINGS, referenceReadings, registerOf } from '../../src/model';
import { loadSpec } from '../../src/spec';

const model = loadSpec();
const register = registerOf(model);
const SHARED = join(__dirname, '..', '..', '..', 'shared');

test('READINGS mirrors the spec register: the same ids, the same readings in the same order', () => {
  expect(Object.fromEntries(register.map((a) => [a.id, Object.keys(a.readings)]))).toEqual(READINGS);
});

test('each entry names its reference among its readings and at least two readings', () => {
  for (const a of register) {
    expect(Object.keys(a.readings).length).toBeGreaterThanOrEqual(2);
    expect(Object.keys(a.readings)).toContain(a.reference);
  }
  expect(Object.keys(referenceReadings(model))).toEqual(register.map((a) => a.id));
});

test('each quotation of a seed page or the facts sheet is in it, word for word', () => {
  const unfound: { id: string; missing: string[] }[] = [];
  for (const a of register) {
    const [, file] = /^(seeds\/[\w.]+\.txt|QUICKSIGHT-FACTS\.md)/.exec(a.source) ?? [];
    if (!file) continue;
    const page = readFileSync(join(SHARED, file), 'utf8').replace(/\s+/g, ' ');
    const quotes = [...a.source.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
    const missing = quotes.filter((quote) => !page.includes(quote.replace(/\s+/g, ' ')));
    if (missing.length > 0) unfound.push({ id: a.id, missing });
  }
  expect(unfound).toEqual([]);
});

test("every schema's x-ambiguity names an entry of the register", () => {
  const ids = new Set(register.map((a) => a.id));
  const named: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const ambiguity = (node as Record<string, unknown>)['x-ambiguity'] as { id: string } | undefined;
      if (ambiguity) named.push(ambiguity.id);
      Object.values(node).forEach(walk);
    }
  };
  walk(model.document.components);
  expect(named.length).toBeGreaterThan(0);
  for (const id of named) expect(ids).toContain(id);
});
