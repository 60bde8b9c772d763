/**
 * The control plane, for tests and Pact verification, under a prefix no AWS path can start with:
 *
 *   GET    /_mock/health            {"status":"ok"}
 *   POST   /_mock/reset             back to the fixtures (faults cleared, log kept)
 *   POST   /_mock/provider-states   {"state", "params", "action": "setup"|"teardown"} (Pact's state-change body)
 *   POST   /_mock/faults            {"operation", "errorType", "count"}: the next calls answer that error
 *   DELETE /_mock/faults            clear every injected fault
 *   GET    /_mock/requests          the received requests with their verdicts
 *   DELETE /_mock/requests          clear the log
 *
 * Who may call it is control-guard.ts's: the handler asks it first.
 */
import type { SpecModel } from '../spec';
import type { MockHandler, MockRequest, MockResponse } from './handler';
import { parseJsonBody } from './json-body';
import { applyProviderState } from './provider-states';
import type { RequestLog } from './request-log';
import { addFault } from './state';

interface ControlContext {
  model: SpecModel;
  handler: MockHandler;
  log: RequestLog;
}

function json(status: number, value: unknown): MockResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) };
}

export const problem = (status: number, code: string, message: string) => json(status, { error: { code, message } });

function parseObject(request: MockRequest): Record<string, unknown> | string {
  const parsed = parseJsonBody(request.body.toString('utf8'));
  if (!parsed.ok) return parsed.message;
  if (parsed.value === undefined) return {};
  if (parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return 'the body must be a JSON object';
  return parsed.value as Record<string, unknown>;
}

export function handleControl(ctx: ControlContext, request: MockRequest, path: string): MockResponse {
  const route = `${request.method.toUpperCase()} ${path.split('?', 1)[0]}`;
  const body = request.method === 'POST' ? parseObject(request) : {};
  if (typeof body === 'string') return problem(400, 'BAD_REQUEST', body);

  switch (route) {
    case 'GET /_mock/health':
      return json(200, { status: 'ok' });
    case 'POST /_mock/reset':
      ctx.handler.reset();
      return json(200, { reset: true });
    case 'GET /_mock/requests':
      return json(200, { requests: ctx.log.entries() });
    case 'DELETE /_mock/requests':
      ctx.log.clear();
      return json(200, { cleared: true });
    case 'DELETE /_mock/faults':
      ctx.handler.state.faults.clear();
      return json(200, { cleared: true });
    case 'POST /_mock/faults': {
      const { operation, errorType } = body;
      const op = ctx.model.operations.find((o) => o.id === operation);
      if (!op) return problem(400, 'BAD_FAULT', `operation must be one of ${ctx.model.operations.map((o) => o.id).join(', ')}`);
      const count = body.count === undefined ? 1 : Number(body.count);
      try {
        addFault(ctx.handler.state, op, String(errorType), count);
      } catch (error) {
        return problem(400, 'BAD_FAULT', (error as Error).message);
      }
      return json(200, { operation: op.id, errorType, count });
    }
    case 'POST /_mock/provider-states': {
      if (body.action === 'teardown') {
        ctx.handler.reset();
        return json(200, {});
      }
      const result = applyProviderState(body.state, body.params ?? {}, ctx.handler.state, ctx.model);
      return result.ok ? json(200, {}) : problem(400, 'BAD_STATE', result.message);
    }
    default:
      return problem(404, 'NOT_FOUND', `no control route ${route}; see the README (Control plane)`);
  }
}
