/**
 * Who may drive the control plane. A developer's browser can reach a mock on loopback: without
 * these checks any page they have open could reset it or inject faults with a "simple request"
 * (a form post, or fetch with `Content-Type: text/plain`, which no CORS preflight stops), and a
 * page on a rebound DNS name could read the request log. As dev servers do (webpack-dev-server's
 * `allowedHosts`, Vite's `server.allowedHosts`), a request is refused when:
 *
 * - its `Host` names neither `localhost` (or `*.localhost`), an IP address, nor the host the mock
 *   listens on (`--host`): a DNS-rebinding page sends its own name;
 * - it carries an `Origin` (browsers send one with every POST) that is not the mock's own, the
 *   scheme and authority its `Host` names: a cross-site page sends its own;
 * - it has a body, or a Content-Type, that is not `application/json`;
 * - with `controlAuth`, it is not signed with AWS SigV4 by a key the mock accepts.
 *
 * Clients that are not browsers (curl, SDKs, the Pact verifier) send no Origin and the mock's own
 * Host, and pass. None of this makes a mock bound to a non-loopback address safe: anyone who can
 * reach it can send any Host and no Origin; there, `controlAuth` is what protects the control plane.
 */
import { isIP } from 'node:net';
import { isApplicationJson } from '../protocol';
import type { MockRequest } from './handler';
import type { SignatureCheck } from './sigv4';

export interface ControlGuardOptions {
  /** The host the mock listens on (`--host`), also a name its own clients may use. */
  host?: string;
  /** Set: every control request must be signed (`--control-auth`). */
  signature?: SignatureCheck;
}

/** Why the control plane refuses a request, as the status and `{error: {code, message}}` it answers. */
export interface ControlRefusal {
  status: number;
  code: string;
  message: string;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** `localhost`, `*.localhost`, an IP address (v4, or v6 in brackets), or the listening host. */
function allowedHostname(hostname: string, listening: string | undefined): boolean {
  const name = hostname.toLowerCase();
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (isIP(name.replace(/^\[(.*)\]$/, '$1')) !== 0) return true;
  return listening !== undefined && name === listening.toLowerCase().replace(/^\[(.*)\]$/, '$1');
}

/** The authority (`host:port`) a Host header or an Origin names, or undefined when it is not one. */
function authorityOf(url: string): { hostname: string; host: string } | undefined {
  try {
    const parsed = new URL(url);
    return parsed.username || parsed.password || parsed.pathname !== '/' ? undefined : { hostname: parsed.hostname, host: parsed.host };
  } catch {
    return undefined;
  }
}

/** Refuses a control request that a web page, not a developer's tool, could have sent; undefined lets it through. */
export function browserRefusal(request: MockRequest, options: ControlGuardOptions): ControlRefusal | undefined {
  const hostHeader = single(request.headers.host);
  const host = hostHeader === undefined ? undefined : authorityOf(`http://${hostHeader}`);
  if (hostHeader !== undefined && (host === undefined || !allowedHostname(host.hostname, options.host))) {
    return {
      status: 403,
      code: 'FORBIDDEN_HOST',
      message:
        `the control plane answers requests to the mock's own address only (localhost, an IP address or --host), ` +
        `not Host ${JSON.stringify(hostHeader)}`,
    };
  }
  const originHeader = single(request.headers.origin);
  if (originHeader !== undefined) {
    const origin = /^https?:\/\//i.test(originHeader) ? authorityOf(originHeader) : undefined;
    const own = origin !== undefined && allowedHostname(origin.hostname, options.host) && (host === undefined || origin.host === host.host);
    if (!own) {
      return {
        status: 403,
        code: 'FORBIDDEN_ORIGIN',
        message: `the control plane does not answer web pages of other origins (Origin ${JSON.stringify(originHeader)})`,
      };
    }
  }
  const contentType = single(request.headers['content-type']);
  if ((request.body.length > 0 || contentType !== undefined) && !isApplicationJson(contentType)) {
    return {
      status: 415,
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message:
        `the control plane takes JSON bodies sent as Content-Type: application/json ` +
        `(got ${contentType === undefined ? 'no Content-Type' : contentType})`,
    };
  }
  return undefined;
}

/** With `controlAuth`: the signature check's refusal, as a control-plane answer. */
export async function signatureRefusal(request: MockRequest, path: string, check: SignatureCheck): Promise<ControlRefusal | undefined> {
  const verdict = await check(request, path);
  if (!verdict.defect) return undefined;
  const why = verdict.message ?? `the signature has the defect ${verdict.defect}`;
  return { status: 401, code: 'UNAUTHORIZED', message: `the control plane needs a signed request (--control-auth): ${why}` };
}
