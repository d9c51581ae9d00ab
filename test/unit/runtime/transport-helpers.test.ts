import fc from 'fast-check';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { computeBackoff, parseRetryAfter } from '../../../runtime/src/transport/backoff';
import { decodeContent, decodeText, looksLikeXml } from '../../../runtime/src/transport/body';
import { decodeUtf8 } from '../../../runtime/src/xml/decode';
import {
  basicAuthorization,
  dedupeHeaders,
  flattenResponseHeaders,
  mergeHeaders,
  redactHeaders,
  soapHeaders,
} from '../../../runtime/src/transport/headers';

describe('computeBackoff', () => {
  const settings = (random: number) => ({ baseDelayMs: 200, maxDelayMs: 10_000, random: () => random });

  it('draws from [0, min(max, base * 2^(attempt-1))]', () => {
    expect([1, 2, 3, 4].map((a) => computeBackoff(settings(1), a))).toEqual([200, 400, 800, 1600]);
    expect([1, 2, 3, 4].map((a) => computeBackoff(settings(0), a))).toEqual([0, 0, 0, 0]);
    expect(computeBackoff(settings(0.25), 3)).toBe(200);
    expect(computeBackoff(settings(1), 7)).toBe(10_000);
    expect(computeBackoff(settings(1), 5000)).toBe(10_000);
  });

  it('uses a hint instead, clamped to [0, max]', () => {
    expect(computeBackoff(settings(1), 1, 1234)).toBe(1234);
    expect(computeBackoff(settings(1), 1, 60_000)).toBe(10_000);
    expect(computeBackoff(settings(1), 1, -1)).toBe(0);
    expect(computeBackoff(settings(1), 1, Number.NaN)).toBe(200);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2015, 9, 21, 7, 28, 0);

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unusable values', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
  });
});

describe('decodeUtf8', () => {
  // Past the size where the fast paths start, each must give what the engine's decoder gives.
  const large = (unit: string): Buffer => Buffer.from(`<a>${unit.repeat(Math.ceil(70_000 / unit.length))}</a>`, 'utf8');

  it.each([
    ['ASCII', 'plain text & markup '],
    ['Latin-1', 'Ünal O\'Brien, Zoë, Æsir '],
    ['a character just past Latin-1 (two bytes, like Latin-1)', 'Ünal Ā '],
    ['CJK and Latin-1', 'Ünal 中文 '],
    ['astral characters', 'Ünal 𝄞 😀 '],
  ])('decodes large %s bodies exactly', (_label, unit) => {
    const bytes = large(unit);
    expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
  });

  it.each([
    ['Latin-1 first and last', 'é'.repeat(3) + 'x'.repeat(70_000) + 'ÿ'],
    ['only two-byte pairs, C2 and C3 leads', '\u0080\u00bf\u00c0\u00ff'.repeat(20_000)],
    ['a character beyond Latin-1 after 70 kB of Latin-1', 'Ünal '.repeat(14_000) + '中'],
    ['a C3 lead before a character beyond Latin-1', 'x'.repeat(70_000) + 'ÃĀ'],
    // Past one two-byte character per 128 bytes the decoder goes on byte by byte.
    ['sparse accents, then dense ones past the switch to byte by byte', 'x'.repeat(70_000) + 'éà'.repeat(2_000) + 'x\u0080ÿ'],
    ['a character beyond Latin-1 after the switch', 'é'.repeat(40_000) + '中 é'],
  ])('decodes %s exactly', (_label, text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(decodeUtf8(bytes)).toBe(text);
  });

  it.each([
    ['a lead byte at the very end', [0xc3]],
    ['a lead byte before ASCII', [0xc3, 0x41]],
    ['a lead byte before another lead', [0xc2, 0xc3, 0xa9]],
    ['an overlong C0 pair', [0xc0, 0x80]],
    ['a stray continuation byte', [0x80]],
  ])('refuses bodies with %s, large or small, where the engine would put U+FFFD', (_label, tail) => {
    for (const before of ['é'.repeat(40_000), 'é']) {
      const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.from(tail), Buffer.from('é</a>', 'utf8')]);
      expect(decodeUtf8(bytes)).toBeUndefined();
      expect(() => decodeText(bytes)).toThrow(/^the response is not valid utf-8: a byte sequence there is not a character\. \(line 1, column \d+\)$/);
    }
  });

  it('gives each body its own text although it reuses one buffer', () => {
    const first = large('Ünal ');
    const second = large('Zoë ');
    const a = decodeUtf8(first);
    const b = decodeUtf8(second);
    expect([a, b]).toEqual([first.toString('utf8'), second.toString('utf8')]);
    // Larger than the kept buffer, then smaller again.
    const big = Buffer.from('é'.repeat(5_000_000), 'utf8');
    expect(decodeUtf8(big)).toBe(big.toString('utf8'));
    expect(decodeUtf8(first)).toBe(a);
  });

  it('refuses malformed input after ASCII and after characters beyond Latin-1 too', () => {
    for (const unit of ['plain ', 'Ünal 中文 ']) {
      const bytes = Buffer.concat([large(unit), Buffer.from([0xff, 0xc3]), Buffer.from('</b>')]);
      expect(decodeUtf8(bytes)).toBeUndefined();
    }
  });

  it('tells every character beyond Latin-1 from a Latin-1 one', () => {
    // Each of U+0100..U+07FF takes two bytes, like the Latin-1 characters: the case where a
    // substitution could hide if the transcoder mapped it to a two-byte Latin-1 character.
    let wide = 'Ü';
    for (let c = 0x100; c < 0x800; c++) wide += String.fromCharCode(c);
    const bytes = large(wide);
    expect(decodeUtf8(bytes)).toBe(bytes.toString('utf8'));
  });

  it('decodes small bodies and a UTF-8 BOM through decodeText', () => {
    const bytes = large('Zoë ');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]))).toBe(bytes.toString('utf8'));
    expect(decodeUtf8(Buffer.from('Zoë', 'utf8'))).toBe('Zoë');
  });
});

describe('decodeText over a body in pieces, as the socket delivered it', () => {
  const BOM = [0xef, 0xbb, 0xbf];
  const bodies: Array<[string, Buffer, string | undefined]> = [
    ['large ASCII', Buffer.from(`<a>${'plain text '.repeat(7_000)}</a>`), undefined],
    ['large Latin-1', Buffer.from(`<a>${"Ünal O'Brien ".repeat(6_000)}</a>`), 'text/xml; charset=utf-8'],
    ['large Latin-1 after a BOM', Buffer.from([...BOM, ...Buffer.from(`<a>${'Zoë '.repeat(20_000)}</a>`)]), undefined],
    ['large CJK and Latin-1', Buffer.from(`<a>${'Ünal 中文 '.repeat(8_000)}</a>`), undefined],
    ['large, malformed at the end', Buffer.concat([Buffer.from(`<a>${'é'.repeat(40_000)}`), Buffer.from([0xc3, 0x41])]), undefined],
    ['large UTF-16 after its BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`<a>${'Zoë '.repeat(20_000)}</a>`, 'utf16le')]), undefined],
    ['large windows-1252', Buffer.from(`<a>${'x\x80y '.repeat(20_000)}</a>`, 'latin1'), 'text/xml; charset=windows-1252'],
    ['small Latin-1', Buffer.from('<a>Zoë</a>'), undefined],
  ];
  const outcome = (f: () => string): string => {
    try {
      return `text ${f()}`;
    } catch (error) {
      return `error ${(error as Error).message}`;
    }
  };

  it.each(bodies)('gives for %s what it gives for the joined body, wherever the pieces are cut', (_label, body, contentType) => {
    const whole = outcome(() => decodeText(body, contentType));
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: body.length - 1 }), { maxLength: 40 }), (cuts) => {
        const at = [0, ...cuts.sort((x, y) => x - y), body.length];
        const parts = at.slice(1).map((end, i) => body.subarray(at[i], end));
        expect(outcome(() => decodeText(parts, contentType))).toBe(whole);
      }),
      { numRuns: 40 },
    );
    // The last call's pieces again: the kept buffer the decoder copies into holds the previous body.
    expect(outcome(() => decodeText([body.subarray(0, 300), body.subarray(300)], contentType))).toBe(whole);
  });

  it('decompresses pieces as one body', () => {
    const body = Buffer.from(`<a>${'Ünal '.repeat(20_000)}</a>`);
    const zipped = gzipSync(body);
    const parts = [zipped.subarray(0, 10), zipped.subarray(10)];
    expect(decodeText(decodeContent(parts, 'gzip'))).toBe(body.toString('utf8'));
    expect(decodeContent(parts, undefined)).toBe(parts);
  });
});

describe('decodeText', () => {
  const text = '<a>ünïcødé ✓ 𝄞</a>';

  it('decodes UTF-8 with or without a BOM', () => {
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
  });

  it('decodes UTF-16 little and big endian after their BOMs', () => {
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(le).swap16();
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe(text);
  });

  it('decodes an empty body', () => {
    expect(decodeText(Buffer.alloc(0))).toBe('');
  });

  it('takes the charset of the Content-Type, else the encoding declaration, after a BOM', () => {
    const latin = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Grüße</a>', 'latin1');
    expect(decodeText(latin, 'text/xml; charset="iso-8859-1"')).toBe('<?xml version="1.0" encoding="ISO-8859-1"?><a>Grüße</a>');
    expect(decodeText(latin)).toContain('Grüße');
    expect(decodeText(Buffer.from('<a>\u20ac</a>', 'utf8'), 'text/xml; charset=utf-8')).toBe('<a>\u20ac</a>');
    // windows-1252 puts the euro sign at 0x80; a BOM outranks the charset named.
    expect(decodeText(Buffer.from([0x3c, 0x61, 0x3e, 0x80, 0x3c, 0x2f, 0x61, 0x3e]), 'text/xml; charset=windows-1252')).toBe('<a>\u20ac</a>');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<a>é</a>')]), 'text/xml; charset=iso-8859-1')).toBe('<a>é</a>');
    expect(decodeText(Buffer.from('<a>é</a>', 'utf16le'), 'application/soap+xml; charset=utf-16le')).toBe('<a>é</a>');
    expect(decodeText(Buffer.from('<a>é</a>', 'utf16le'), 'text/xml; charset=UTF-16')).toBe('<a>é</a>');
    expect(() => decodeText(latin, 'text/xml; charset=utf-8')).toThrow('not valid utf-8');
    expect(() => decodeText(latin, 'text/xml; charset=x-klingon')).toThrow('the response is in the encoding "x-klingon", which cannot be read here.');
  });
});

describe('decodeContent', () => {
  const body = Buffer.from('<a>compressed</a>');

  it('undoes gzip and both flavours of deflate', () => {
    expect(decodeContent(gzipSync(body), 'gzip').toString()).toBe('<a>compressed</a>');
    expect(decodeContent(deflateSync(body), 'deflate').toString()).toBe('<a>compressed</a>');
    expect(decodeContent(deflateRawSync(body), 'deflate').toString()).toBe('<a>compressed</a>');
  });

  it('passes identity through, and an unknown coding only over a body that reads as XML', () => {
    expect(decodeContent(body, undefined)).toBe(body);
    expect(decodeContent(body, 'identity')).toBe(body);
    expect(decodeContent(body, 'utf-8')).toBe(body);
    // Before, the compressed bytes went on, to be reported as "not XML (text/xml)".
    expect(() => decodeContent(gzipSync(body), 'zstd')).toThrow('the response is in content coding "zstd", which this runtime cannot decode');
  });
});

describe('looksLikeXml', () => {
  it('accepts XML documents', () => {
    expect(looksLikeXml('<?xml version="1.0"?><s:Envelope/>', 'text/xml')).toBe(true);
    expect(looksLikeXml('\n  <Envelope/>', '')).toBe(true);
    expect(looksLikeXml('<!-- note --><Envelope/>', 'application/soap+xml')).toBe(true);
  });

  it('rejects HTML and text', () => {
    expect(looksLikeXml('<!DOCTYPE html><html></html>', 'text/xml')).toBe(false);
    expect(looksLikeXml('<html><body>502</body></html>', '')).toBe(false);
    expect(looksLikeXml('<?xml version="1.0"?>\n<HTML lang="en"></HTML>', '')).toBe(false);
    expect(looksLikeXml('<Envelope/>', 'text/html; charset=utf-8')).toBe(false);
    expect(looksLikeXml('Bad Gateway', 'text/plain')).toBe(false);
    expect(looksLikeXml('', 'text/xml')).toBe(false);
  });
});

describe('headers', () => {
  it('builds the SOAP 1.1 and 1.2 content headers', () => {
    expect(soapHeaders('1.1', 'urn:a')).toEqual({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"urn:a"' });
    expect(soapHeaders('1.2', 'urn:a')).toEqual({ 'Content-Type': 'application/soap+xml; charset=utf-8; action="urn:a"' });
    expect(soapHeaders('1.2', '')).toEqual({ 'Content-Type': 'application/soap+xml; charset=utf-8' });
    // A soapAction holding a quote or a backslash stays one quoted-string (before, '""urn:a""').
    expect(soapHeaders('1.1', '"urn:a"')).toEqual({ 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: '"\\"urn:a\\""' });
    expect(soapHeaders('1.2', 'urn:a\\b"c')).toEqual({ 'Content-Type': 'application/soap+xml; charset=utf-8; action="urn:a\\\\b\\"c"' });
  });

  it('merges case-insensitively, the later name and value winning', () => {
    const headers: Record<string, string> = { 'Content-Type': 'text/xml' };
    mergeHeaders(headers, { 'content-type': 'application/xml', 'X-A': '1' });
    expect(headers).toEqual({ 'content-type': 'application/xml', 'X-A': '1' });
    expect(dedupeHeaders({ 'X-A': '1', 'x-a': '2', B: '3' })).toEqual({ 'x-a': '2', B: '3' });
  });

  it('redacts credentials whatever their case', () => {
    expect(
      redactHeaders({ authorization: 'Basic x', 'PROXY-AUTHORIZATION': 'y', Cookie: 'c', 'set-cookie': 's', SOAPAction: '"a"' }),
    ).toEqual({ authorization: '[redacted]', 'PROXY-AUTHORIZATION': '[redacted]', Cookie: '[redacted]', 'set-cookie': '[redacted]', SOAPAction: '"a"' });
  });

  it('flattens response headers and drops a __proto__ name', () => {
    const raw = JSON.parse('{"set-cookie":["a=1","b=2"],"x-one":"1","__proto__":"polluted"}') as Record<string, string | string[]>;
    const flat = flattenResponseHeaders(raw);
    expect(flat).toEqual({ 'set-cookie': 'a=1, b=2', 'x-one': '1' });
    expect(Object.getPrototypeOf(flat)).toBe(Object.prototype);
  });

  it('encodes Basic credentials as UTF-8', () => {
    expect(basicAuthorization('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    expect(basicAuthorization('zoë', 'pä')).toBe(`Basic ${Buffer.from('zoë:pä', 'utf8').toString('base64')}`);
  });
});
