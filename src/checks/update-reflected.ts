/**
 * A successful update shows the state it leaves, as the reference model computes it from the
 * earlier answers and this request: UpdateUser answers the whole user (the new Email and Role, the
 * profile applied or gone, the external login set or cleared), UpdateThemePermissions the resulting
 * permissions, both the resource of the path. Each member the answer shows differently is one
 * finding. UpdateCustomPermissions' page gives an Arn of no documented form: a form other than the
 * one the facts sheet's user ARNs suggest is a warning.
 */
import { customPermissionsArn } from '../fixtures';
import { briefJson } from '../json';
import type { Check, CheckDraft } from './check';
import { divergenceOf, reasonOf } from './divergence';
import { isObject, jsonBody } from './read-response';

function arnForm(exchange: Parameters<Check['run']>[0], ctx: Parameters<Check['run']>[1]): CheckDraft[] {
  if (ctx.operation.id !== 'UpdateCustomPermissions') return [];
  const body = jsonBody(exchange.received);
  if (!isObject(body) || body.Arn === undefined) return [];
  const expected = customPermissionsArn(ctx.fixtures, exchange.case.pathParams.CustomPermissionsName as string);
  if (body.Arn === expected) return [];
  return [
    {
      code: 'response.arn-form',
      message: `the profile ARN is ${briefJson(body.Arn, 200)}`,
      expected: JSON.stringify(expected),
      actual: briefJson(body.Arn, 200),
      pointer: '/Arn',
    },
  ];
}

export const updateReflected: Check = {
  id: 'update-reflected',
  title: 'a successful update shows its effect in the response',
  rule: { text: 'the response describes the resource as the update (and the updates before it) left it', source: 'seeds/' },
  applies: ({ received, model }, { operation }) => received.status === operation.success.status && model?.successAllowed === true,
  run: (exchange, ctx) => {
    const { model } = exchange;
    const findings = arnForm(exchange, ctx);
    if (!model || divergenceOf(exchange) !== 'not-reflected') return findings;
    const why = reasonOf(model, true);
    const held = model.heldReadings.length > 0 ? `; the target's readings so far: ${model.heldReadings.join(', ')}` : '';
    return [
      ...findings,
      ...model.mismatches.map(
        (m): CheckDraft => ({
          code: 'behaviour.update-not-reflected',
          message: `${m.message} (${why}${held})`,
          expected: m.expected,
          actual: m.actual,
          pointer: m.pointer,
        }),
      ),
    ];
  },
};
