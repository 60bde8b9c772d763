/**
 * AWS Signature Version 4, written out by hand from AWS's description with node:crypto alone: the
 * test clients sign with it, so that the signer under test (@smithy/signature-v4, which the mock
 * verifies with) is never also the one that signs. For services other than S3: the path as sent is
 * percent-encoded once more, segment by segment; the payload hash is SHA-256 of the body.
 *
 *   sign({ method, url, headers, body, credentials, region, service, date, payloadHeader })
 *     → the headers to send: the given ones, plus X-Amz-Date, [X-Amz-Content-Sha256,]
 *       [X-Amz-Security-Token,] and Authorization.
 */
const { createHash, createHmac } = require('node:crypto');

const sha256 = (data) => createHash('sha256').update(data).digest('hex');
const hmac = (key, data) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 unreserved characters stay; everything else is %XX in upper case. */
function encode(text) {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `20261129T193000Z` */
function amzDate(date) {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/**
 * @param {object} options
 * @param {string} options.method
 * @param {string} options.url         the URL as it will be sent (path already percent-encoded)
 * @param {Record<string, string>} options.headers  headers to sign besides host and the x-amz ones
 * @param {string} options.body
 * @param {{accessKeyId: string, secretAccessKey: string, sessionToken?: string}} options.credentials
 * @param {string} options.region
 * @param {string} [options.service]   default quicksight
 * @param {Date} [options.date]        default now
 * @param {boolean} [options.payloadHeader]  sign X-Amz-Content-Sha256 too, as the JS SDK does (botocore does not)
 * @param {string[]} [options.unsigned]  header names to send without signing them
 */
function sign(options) {
  const { method, body, credentials, region } = options;
  const service = options.service ?? 'quicksight';
  const url = new URL(options.url);
  const longDate = amzDate(options.date ?? new Date());
  const shortDate = longDate.slice(0, 8);
  const payloadHash = sha256(body);

  const headers = { host: url.host, ...lower(options.headers), 'x-amz-date': longDate };
  if (options.payloadHeader) headers['x-amz-content-sha256'] = payloadHash;
  if (credentials.sessionToken) headers['x-amz-security-token'] = credentials.sessionToken;
  const unsigned = new Set(options.unsigned ?? []);
  const signedNames = Object.keys(headers)
    .filter((name) => !unsigned.has(name))
    .sort();

  const canonicalPath = url.pathname
    .split('/')
    .map((segment) => encode(segment))
    .join('/');
  const canonicalQuery = [...url.searchParams]
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .sort()
    .join('&');
  const canonicalHeaders = signedNames.map((name) => `${name}:${String(headers[name]).trim().replace(/\s+/g, ' ')}\n`).join('');
  const canonicalRequest = [method, canonicalPath, canonicalQuery, canonicalHeaders, signedNames.join(';'), payloadHash].join('\n');

  const scope = `${shortDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', longDate, scope, sha256(canonicalRequest)].join('\n');
  const key = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, shortDate), region), service), 'aws4_request');
  const signature = createHmac('sha256', key).update(stringToSign).digest('hex');

  const sent = { ...headers };
  delete sent.host;
  const credential = `${credentials.accessKeyId}/${scope}`;
  sent.authorization = `AWS4-HMAC-SHA256 Credential=${credential}, SignedHeaders=${signedNames.join(';')}, Signature=${signature}`;
  return sent;
}

function lower(headers) {
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The credentials AWS clients read from the environment. */
function credentialsFromEnvironment(env = process.env) {
  return {
    accessKeyId: env.AWS_ACCESS_KEY_ID,
    secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
    ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}),
  };
}

module.exports = { sign, credentialsFromEnvironment, sha256 };
