/**
 * Type tests of the error codes (run by vitest's typecheck: `*.test-d.ts`): a FaninError's code
 * is a key of FaninErrorCodes, so a misspelled code is a compile error, and a package adds its
 * own codes by augmenting the interface (as every package's src/error-codes.ts does).
 */
import { describe, expectTypeOf, it } from 'vitest';
import { FaninError, type FaninErrorCode, type FaninErrorCodes, ShapeError } from '../src/index.js';

// What a package's src/error-codes.ts does, here for a code only this test throws.
declare module '../src/index.js' {
  interface FaninErrorCodes {
    /** Thrown by nothing: the augmentation under test. */
    TYPE_TEST_ONLY: true;
  }
}

describe('error codes', () => {
  it('a misspelled or undeclared code is a type error', () => {
    // @ts-expect-error no package declares NOT_A_CODE
    new FaninError('NOT_A_CODE', 'x');
    // @ts-expect-error codes are case-sensitive
    new FaninError('unknown_entry', 'x');
    // @ts-expect-error a code is a declared literal, not any string
    new FaninError('UNKNOWN_ENTRY' as string, 'x');
  });

  it("core's codes and an augmented code are accepted", () => {
    expectTypeOf(FaninError).toBeConstructibleWith('UNKNOWN_ENTRY', 'x');
    expectTypeOf(FaninError).toBeConstructibleWith('INVALID_OPTION', 'x', 'a hint');
    expectTypeOf(FaninError).toBeConstructibleWith('TYPE_TEST_ONLY', 'x');
    expectTypeOf<'TYPE_TEST_ONLY'>().toExtend<FaninErrorCode>();
    expectTypeOf<FaninErrorCodes['TYPE_TEST_ONLY']>().toEqualTypeOf<true>();
  });

  it('error.code is the union of codes, so a comparison with a typo is a type error', () => {
    const error: FaninError = new ShapeError('bad shape');
    expectTypeOf(error.code).toEqualTypeOf<FaninErrorCode>();
    expectTypeOf<FaninErrorCode>().not.toEqualTypeOf<string>();
    // @ts-expect-error the types 'FaninErrorCode' and '"SHAPE_MISMATHC"' have no overlap
    if (error.code === 'SHAPE_MISMATHC') throw error;
  });
});
