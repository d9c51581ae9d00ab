import { ReadContext, ReadError, ValueError, XmlCursor, XmlError, parseInt32 } from '../../../runtime/src';

const xml = '<a>\n  <b n="x">1</b>\n  <b n="2">oops</b>\n</a>';
const first = xml.indexOf('<b');
const second = xml.lastIndexOf('<b');

/** A cursor on the start tag at offset `at` (the reader's view when it reports). */
function cursorAt(at: number): XmlCursor {
  const r = new XmlCursor(xml);
  while (r.next() !== 0) if (r.start === at) return r;
  throw new Error(`no start tag at ${at}`);
}

describe('ReadContext', () => {
  it('records warnings at source offsets and locates them (path, line, column) when they are collected', () => {
    const ctx = new ReadContext(undefined, xml);
    expect(ctx.strict).toBe(false);
    ctx.warn('unexpected-element', 'Unknown element b', second);
    ctx.warnAttr('unexpected-attribute', 'Unknown attribute n', cursorAt(second), 0);
    ctx.warn('missing-element', 'No c', 0);
    expect(ctx.warnings).toEqual([
      { code: 'unexpected-element', message: 'Unknown element b', path: '/a/b[2]', line: 3, col: 3 },
      { code: 'unexpected-attribute', message: 'Unknown attribute n', path: '/a/b[2]/@n', line: 3, col: 6 },
      { code: 'missing-element', message: 'No c', path: '/a', line: 1, col: 1 },
    ]);
  });

  it('throws the warning as a ReadError when strict', () => {
    const ctx = new ReadContext({ strict: true }, xml);
    expect(() => ctx.warn('out-of-order', 'b came too early', second)).toThrow(expect.objectContaining({ code: 'out-of-order', path: '/a/b[2]', line: 3, col: 3 }));
    expect(() => ctx.warnAttr('unexpected-attribute', 'n', cursorAt(first), 0)).toThrow(expect.objectContaining({ path: '/a/b[1]/@n', line: 2, col: 6 }));
    expect(ctx.warnings).toEqual([]);
  });

  it('id and idAttr share one set of IDs per document: the second use of one is reported where it stands', () => {
    const ctx = new ReadContext(undefined, xml);
    expect(ctx.id('x', first)).toBe('x');
    expect(ctx.idAttr('y', cursorAt(first), 0)).toBe('y');
    expect(ctx.idAttr('x', cursorAt(second), 0)).toBe('x');
    expect(ctx.id('y', second)).toBe('y');
    expect(ctx.warnings).toEqual([
      { code: 'duplicate-id', message: 'ID "x" is already the ID of an element before this one', path: '/a/b[2]/@n', line: 3, col: 6 },
      { code: 'duplicate-id', message: 'ID "y" is already the ID of an element before this one', path: '/a/b[2]', line: 3, col: 3 },
    ]);
    // Another document, another set.
    const other = new ReadContext({ strict: true }, xml);
    expect(other.id('x', first)).toBe('x');
    expect(() => other.id('x', second)).toThrow(expect.objectContaining({ code: 'duplicate-id', path: '/a/b[2]' }));
  });

  it('fail always throws', () => {
    const ctx = new ReadContext(undefined, xml);
    expect(() => ctx.fail('missing-element', 'Expected c', 0)).toThrow(/Expected c at \/a \(line 1:1\) \[missing-element\]/);
  });

  it('a well-formedness error anywhere in the document takes precedence over what a reader reports', () => {
    const broken = '<a><b/></a><c/>';
    const ctx = new ReadContext(undefined, broken);
    expect(() => ctx.fail('missing-element', 'Expected c', 0)).toThrow(XmlError);
  });

  it('value and attr return the parsed value or report invalid-value with the path and the offending text', () => {
    const ctx = new ReadContext(undefined, xml);
    const r = cursorAt(second);
    expect(ctx.attr(parseInt32, r, 0)).toBe(2);
    let error: unknown;
    try {
      ctx.value(parseInt32, r.text(), second);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ReadError);
    const re = error as ReadError;
    expect([re.code, re.path, re.line, re.col]).toEqual(['invalid-value', '/a/b[2]', 3, 3]);
    expect(re.message).toContain('"oops"');
    expect(re.message).toContain('xs:int');
    expect(() => ctx.attr(parseInt32, cursorAt(first), 0)).toThrow(/"x".*\/a\/b\[1\]\/@n \(line 2:6\)/);
  });

  it('value adds the text when a custom parser does not mention it, and passes other errors through', () => {
    const ctx = new ReadContext(undefined, xml);
    expect(() =>
      ctx.value(() => {
        throw new ValueError('no good');
      }, 'abc', 0),
    ).toThrow('Invalid value "abc": no good');
    const boom = new TypeError('boom');
    expect(() =>
      ctx.value(() => {
        throw boom;
      }, 'abc', 0),
    ).toThrow(boom);
  });

  it('skip and unexpected report the current element and read past it', () => {
    const ctx = new ReadContext(undefined, xml);
    const r = new XmlCursor(xml);
    r.next();
    expect(r.child()).toBe(true);
    ctx.unexpected(r);
    expect(r.child()).toBe(true);
    ctx.skip(r, 'unexpected-element', 'second b');
    expect(r.child()).toBe(false);
    expect(ctx.warnings.map((w) => [w.message, w.path])).toEqual([
      ['Unexpected element b', '/a/b[1]'],
      ['second b', '/a/b[2]'],
    ]);
  });

  it('exposes the parser limits', () => {
    expect(new ReadContext({ maxDepth: 10, maxBytes: 100 }).parseOptions).toEqual({ maxDepth: 10, maxBytes: 100 });
    expect(new ReadContext().parseOptions).toEqual({});
  });
});

describe('ReadContext.singleOf (a part whose element heads a substitution group)', () => {
  const read = (body: string, strict = false): { which: number; local: string; warnings: string[] } => {
    const source = `<Body xmlns:s="urn:s" xmlns:o="urn:o">${body}</Body>`;
    const r = new XmlCursor(source);
    r.next();
    const ctx = new ReadContext({ strict }, source);
    const got = ctx.singleOf(r, r.start, [['Circle', 'urn:s'], ['Square', 'urn:s']], (which) => {
      const local = r.local;
      r.skip();
      return { which, local };
    });
    return { ...got, warnings: ctx.warnings.map((w) => `${w.code} ${w.path}`) };
  };

  it('reads whichever alternative the body holds, and reports what else is there', () => {
    expect(read('<s:Square/>')).toEqual({ which: 1, local: 'Square', warnings: [] });
    expect(read('<s:Circle/><s:Square/>')).toEqual({ which: 0, local: 'Circle', warnings: ['unexpected-element /Body/Square'] });
  });

  it('takes an alternative in another namespace with a warning, which strict mode refuses', () => {
    expect(read('<o:Circle/>')).toEqual({ which: 0, local: 'Circle', warnings: ['namespace-mismatch /Body/Circle'] });
    expect(() => read('<o:Circle/>', true)).toThrow(ReadError);
  });

  it('names every alternative when none is there', () => {
    expect(() => read('<s:Shape/>')).toThrow(/Expected element Circle \(namespace "urn:s"\) or Square \(namespace "urn:s"\), found Shape/);
    expect(() => read('')).toThrow(/found nothing/);
  });
});
