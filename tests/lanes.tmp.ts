import { DEFAULT_FIXTURES } from '../src/fixtures';
import { planCases } from '../src/cases';
import { loadSpec } from '../src/spec';
import { planLanes } from '../src/verify/lanes';
import { probesOf } from '../src/verify/probes';
const model = loadSpec();
const f = DEFAULT_FIXTURES;
const { cases } = planCases(model, f);
const { lanes } = planLanes(
  cases,
  f,
  probesOf(
    f,
    model.operations.map((o) => o.id),
  ),
);
const l = lanes.find((x) => x.key.includes(process.argv[2] ?? 'theme'));
for (const s of l?.steps ?? []) console.log(s.kind === 'single' ? s.case.id : `burst(${s.cases.length}) ${s.cases[0]?.id}`);
