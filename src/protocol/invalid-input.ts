/**
 * The errors that report invalid input: a request that breaks a length, pattern, enum, range or
 * required-member constraint is answered 400 as one of them. The spec marks them
 * (`x-reports-invalid-input`): InvalidParameterValueException, and the common ValidationException and
 * ValidationError. verify expects one of them for a broken rule, and pact-check does not hold an
 * invalid request against the contract of one of them.
 * @see QUICKSIGHT-FACTS.md, "The wire protocol (AWS restJson1)"
 */
import type { OperationModel } from '../spec';

const cache = new WeakMap<OperationModel, string[]>();

/** The invalid-input errors the operation documents at 400. */
export function invalidInputErrors(op: OperationModel): string[] {
  let errors = cache.get(op);
  if (!errors) {
    errors = op.errors.filter((e) => e.status === 400 && e.schema['x-reports-invalid-input'] === true).map((e) => e.type);
    cache.set(op, errors);
  }
  return errors;
}

export function reportsInvalidInput(op: OperationModel, errorType: string): boolean {
  return invalidInputErrors(op).includes(errorType);
}
