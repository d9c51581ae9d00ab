import { ReadError, SerializeError, ValueError, XmlError, enumerationKeys, withPath } from '../../../runtime/src';

describe('withPath', () => {
  function rethrown(e: unknown, segment: string): unknown {
    try {
      withPath(e, segment);
    } catch (thrown) {
      return thrown;
    }
    throw new Error('withPath returned');
  }

  it('turns a ValueError into a SerializeError naming the segment', () => {
    const cause = new ValueError('"x" is not a valid xs:int');
    const e = rethrown(cause, 'DisplayName');
    expect(e).toBeInstanceOf(SerializeError);
    const se = e as SerializeError;
    expect(se.path).toEqual(['DisplayName']);
    expect(se.message).toBe('DisplayName: "x" is not a valid xs:int');
    expect(se.cause).toBe(cause);
  });

  it('prepends segments as the error travels outwards and recomputes the message', () => {
    let e: unknown = new ValueError('bad');
    for (const segment of ['DisplayName', 'ImGroup', 'body']) e = rethrown(e, segment);
    const se = e as SerializeError;
    expect(se.path).toEqual(['body', 'ImGroup', 'DisplayName']);
    expect(se.message).toBe('body.ImGroup.DisplayName: bad');
    expect(se.detail).toBe('bad');
  });

  it('turns a TypeError (a JS caller\'s value its type does not allow) into a SerializeError, and rethrows anything else unchanged', () => {
    const cause = new TypeError("Cannot read properties of null (reading 'x')");
    const e = rethrown(cause, 'from') as SerializeError;
    expect(e).toBeInstanceOf(SerializeError);
    expect(e.message).toBe("from: Not a value of its type (Cannot read properties of null (reading 'x')): give what the TypeScript type allows; null only where the element is nillable");
    expect(e.cause).toBe(cause);
    // An object given for a repeated element's array.
    expect((rethrown(new TypeError('v is not iterable'), 'ImGroup') as SerializeError).message).toBe(
      'ImGroup: Not a value of its type (v is not iterable, where an array is expected): give what the TypeScript type allows; null only where the element is nillable',
    );
    const other = new RangeError('boom');
    expect(rethrown(other, 'x')).toBe(other);
    expect(rethrown('string', 'x')).toBe('string');
  });
});

describe('error classes', () => {
  it('XmlError carries code, path, position and a remedy in its message', () => {
    const e = new XmlError('too-deep', 'Element nesting exceeds the limit of 3', '/a/b/c/d', 4, 7);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('XmlError');
    expect([e.code, e.path, e.line, e.col]).toEqual(['too-deep', '/a/b/c/d', 4, 7]);
    expect(e.message).toBe('Element nesting exceeds the limit of 3 at /a/b/c/d (line 4:7). Raise the maxDepth option if documents this deeply nested are legitimate.');
  });

  it('ReadError carries code, path and position', () => {
    const e = new ReadError('missing-element', 'Expected element DisplayName', '/a/b', 2, 3);
    expect(e.name).toBe('ReadError');
    expect(e.message).toBe('Expected element DisplayName at /a/b (line 2:3) [missing-element]');
    expect(e.detail).toBe('Expected element DisplayName');
  });

  it('SerializeError without a path has the plain message', () => {
    expect(new SerializeError('bad').message).toBe('bad');
  });
});

describe('enumerationKeys', () => {
  it('keys listed spellings by canonical form, leaving out one the type cannot read, so that a package still loads', () => {
    const key = (s: string): string => String(BigInt(s.replace(/^\+/, '')));
    expect([...enumerationKeys(new Set(['01', '+2', 'two']), key)]).toEqual([
      ['1', '01'],
      ['2', '+2'],
    ]);
  });
});
