import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../src/common/error-message.js';
import { messageOf } from '../../../src/renderer/lib/util/errors.js';

describe('errorMessage', () => {
  it("gives an Error's message, its name when it has none, a string as it is, anything else as text", () => {
    expect(errorMessage(new Error('disk full'))).toBe('disk full');
    expect(errorMessage(new TypeError(''))).toBe('TypeError');
    expect(errorMessage('aborted')).toBe('aborted');
    expect(errorMessage(42)).toBe('42');
    expect(errorMessage(undefined)).toBe('undefined');
  });

  it('says what it is told to for a value that is no message', () => {
    expect(errorMessage({ code: 1 }, 'Something went wrong')).toBe('Something went wrong');
    expect(errorMessage('aborted', 'Something went wrong')).toBe('aborted');
  });
});

describe("the renderer's messageOf", () => {
  it('shows people what it always did', () => {
    expect(messageOf(new Error('No model yet'))).toBe('No model yet');
    expect(messageOf(new RangeError(''))).toBe('RangeError');
    expect(messageOf('Network down')).toBe('Network down');
    expect(messageOf({ status: 500 })).toBe('Something went wrong');
    expect(messageOf(null)).toBe('Something went wrong');
  });
});
