/**
 * The restJson1 rules verify, pact-check and the mock share (src/protocol), table-tested: how an
 * error type is read and judged, Status in the body, the invalid-input errors. One row that must
 * pass and one that must fail per rule at least.
 */
import { invalidInputErrors, judgeErrorType, judgeStatusInBody, readErrorType } from '../../src/protocol';
import { loadSpec } from '../../src/spec';

const model = loadSpec();
const user = model.operation('UpdateUser');
const profile = model.operation('UpdateCustomPermissions');

describe('readErrorType reads as AWS SDKs do', () => {
  test.each([
    ['the header', 'ResourceNotFoundException', {}, { name: 'ResourceNotFoundException', via: 'x-amzn-ErrorType header' }],
    [
      'the header with a :-suffix',
      'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.quicksight/',
      {},
      { name: 'ResourceNotFoundException' },
    ],
    [
      '__type with a #-prefix',
      undefined,
      { __type: 'com.amazonaws.quicksight#ThrottlingException' },
      { name: 'ThrottlingException', via: '__type' },
    ],
    ['code', undefined, { code: 'ThrottlingException' }, { name: 'ThrottlingException', via: 'code' }],
    ['the header before __type', 'A', { __type: 'B' }, { name: 'A' }],
  ])('%s', (_what, header, body, reading) => {
    expect(readErrorType(header, body)).toMatchObject(reading);
  });

  test.each([
    ['nothing', undefined, {}],
    ['an empty header and no body member', '', {}],
    ['a body that is not an object', undefined, ['ResourceNotFoundException']],
  ])('%s names no type', (_what, header, body) => {
    expect(readErrorType(header, body)).toBeUndefined();
  });
});

describe('judgeErrorType', () => {
  const reading = (name: string) => ({ name, via: 'x-amzn-ErrorType header' as const, raw: name });
  test.each([
    ['a documented type at its status', 404, reading('ResourceNotFoundException'), []],
    ['a common error at its status', 400, reading('ValidationException'), []],
    ['a success', 200, undefined, []],
    ['no type', 404, undefined, ['response.error-type.missing']],
    ['a type the operation does not document', 404, reading('UserNotFoundException'), ['response.error-type.undocumented']],
    ['a documented type at another status', 400, reading('ResourceNotFoundException'), ['response.error-type.wrong-status']],
    ['ConflictException, documented by another operation only', 409, reading('ConflictException'), ['response.error-type.undocumented']],
  ])('%s', (_what, status, type, codes) => {
    expect(judgeErrorType(user, status, type).map((f) => f.code)).toEqual(codes);
  });
});

describe('judgeStatusInBody', () => {
  test.each([
    ["UpdateCustomPermissions' success with Status equal to the status line", profile, 200, { Status: 200 }, []],
    ["UpdateCustomPermissions' success with another Status", profile, 200, { Status: 201 }, ['response.status-in-body.mismatch']],
    ["UpdateCustomPermissions' success with Status as a string", profile, 200, { Status: '200' }, ['response.status-in-body.mismatch']],
    ["UpdateCustomPermissions' success without Status (a reading: warning)", profile, 200, {}, ['response.status-in-body.missing']],
    ['UpdateUser binds Status to the status line', user, 200, { User: {} }, []],
    ['UpdateUser with a Status member (warning)', user, 200, { Status: 200 }, ['response.status-in-body.unexpected']],
    ['a body that is not an object', profile, 200, 'oops', []],
  ])('%s', (...row) => {
    const [, op, status, body, codes] = row;
    expect(judgeStatusInBody(op, status, body).map((f) => f.code)).toEqual(codes);
  });
});

test("the invalid-input errors are those the spec marks, among each operation's documented 400s", () => {
  for (const op of model.operations) {
    expect(invalidInputErrors(op).sort()).toEqual(['InvalidParameterValueException', 'ValidationError', 'ValidationException']);
  }
});
