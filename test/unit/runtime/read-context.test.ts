import { ReadContext, ReadError, ValueError, parseInt32, parseXml, type XmlElement } from '../../../runtime/src';

const doc = parseXml('<a>\n  <b n="x">1</b>\n  <b n="2">oops</b>\n</a>');
const second = doc.children[1] as XmlElement;

describe('ReadContext', () => {
  it('records warnings with path and position when lenient', () => {
    const ctx = new ReadContext();
    expect(ctx.strict).toBe(false);
    ctx.warn('unexpected-element', 'Unknown element b', second);
    ctx.warn('unexpected-attribute', 'Unknown attribute n', second, second.attrs[0]);
    expect(ctx.warnings).toEqual([
      { code: 'unexpected-element', message: 'Unknown element b', path: '/a/b[2]', line: 3, col: 3 },
      { code: 'unexpected-attribute', message: 'Unknown attribute n', path: '/a/b[2]/@n', line: 3, col: 6 },
    ]);
  });

  it('throws the warning as a ReadError when strict', () => {
    const ctx = new ReadContext({ strict: true });
    expect(() => ctx.warn('out-of-order', 'b came too early', second)).toThrow(ReadError);
    try {
      ctx.warn('out-of-order', 'b came too early', second);
    } catch (e) {
      expect(e).toMatchObject({ code: 'out-of-order', path: '/a/b[2]', line: 3, col: 3 });
    }
    expect(ctx.warnings).toEqual([]);
  });

  it('fail always throws', () => {
    const ctx = new ReadContext();
    expect(() => ctx.fail('missing-element', 'Expected c', doc)).toThrow(/Expected c at \/a \(line 1:1\) \[missing-element\]/);
  });

  it('value returns the parsed value or reports invalid-value with the path and the offending text', () => {
    const ctx = new ReadContext();
    expect(ctx.value(parseInt32, second.attrs[0]!.value, second, second.attrs[0])).toBe(2);
    let error: unknown;
    try {
      ctx.value(parseInt32, second.text, second);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadError);
    const re = error as ReadError;
    expect([re.code, re.path, re.line, re.col]).toEqual(['invalid-value', '/a/b[2]', 3, 3]);
    expect(re.message).toContain('"oops"');
    expect(re.message).toContain('xs:int');
    const first = doc.children[0] as XmlElement;
    expect(() => ctx.value(parseInt32, first.attrs[0]!.value, first, first.attrs[0])).toThrow(/"x".*\/a\/b\[1\]\/@n \(line 2:6\)/);
  });

  it('value adds the text when a custom parser does not mention it, and passes other errors through', () => {
    const ctx = new ReadContext();
    expect(() =>
      ctx.value(() => {
        throw new ValueError('no good');
      }, 'abc', doc),
    ).toThrow('Invalid value "abc": no good');
    const boom = new TypeError('boom');
    expect(() =>
      ctx.value(() => {
        throw boom;
      }, 'abc', doc),
    ).toThrow(boom);
  });

  it('exposes the parser limits', () => {
    expect(new ReadContext({ maxDepth: 10, maxBytes: 100 }).parseOptions).toEqual({ maxDepth: 10, maxBytes: 100 });
    expect(new ReadContext().parseOptions).toEqual({});
  });
});
