import * as runtime from '../../../runtime/src';
import { BUILTIN_CODECS, RUNTIME_EXPORTS, builtinCodec } from '../../../runtime/src';
import { CLIENT_MEMBER_NAMES, RUNTIME_CODEC_NAMES, RUNTIME_TYPE_ONLY } from '../../../runtime/src/names';

const XSD_BUILTINS = [
  'anySimpleType', 'string', 'normalizedString', 'token', 'language', 'Name', 'NCName', 'ID', 'IDREF', 'IDREFS',
  'ENTITY', 'ENTITIES', 'NMTOKEN', 'NMTOKENS', 'anyURI', 'QName', 'NOTATION', 'boolean', 'decimal', 'integer',
  'nonPositiveInteger', 'negativeInteger', 'long', 'int', 'short', 'byte', 'nonNegativeInteger', 'unsignedLong',
  'unsignedInt', 'unsignedShort', 'unsignedByte', 'positiveInteger', 'float', 'double', 'duration', 'dateTime',
  'time', 'date', 'gYearMonth', 'gYear', 'gMonthDay', 'gDay', 'gMonth', 'hexBinary', 'base64Binary',
];

describe('BUILTIN_CODECS', () => {
  it('covers every XSD 1.0 built-in simple type', () => {
    for (const name of XSD_BUILTINS) expect(builtinCodec(name)).toBeDefined();
    expect(builtinCodec('anyType')).toBeUndefined();
    expect(builtinCodec('__proto__')).toBeUndefined();
    expect(builtinCodec('toString')).toBeUndefined();
  });

  it('names functions that the public entry exports', () => {
    const exported = runtime as unknown as Record<string, unknown>;
    for (const [name, codec] of Object.entries(BUILTIN_CODECS)) {
      expect([name, typeof exported[codec.parse]]).toEqual([name, 'function']);
      expect([name, typeof exported[codec.format]]).toEqual([name, 'function']);
    }
  });

  it('pairs each parser with the formatter of the same value type', () => {
    const samples: Record<string, string> = {
      anySimpleType: ' x ', string: ' x ', normalizedString: 'a b', token: 'a b', language: 'en-US', Name: 'a:b',
      NCName: 'a', ID: 'a', IDREF: 'a', IDREFS: 'a b', ENTITY: 'a', ENTITIES: 'a b', NMTOKEN: '1a', NMTOKENS: '1 a',
      anyURI: 'urn:x', boolean: 'true', decimal: '-1.50', integer: '-5', nonPositiveInteger: '0',
      negativeInteger: '-1', long: '-9', int: '-9', short: '-9', byte: '-9', nonNegativeInteger: '0',
      unsignedLong: '9', unsignedInt: '9', unsignedShort: '9', unsignedByte: '9', positiveInteger: '1',
      float: '1.5', double: '-INF', duration: 'PT1S', dayTimeDuration: 'P1D', yearMonthDuration: 'P1Y',
      dateTime: '2012-05-11T10:00:00+02:00', dateTimeStamp: '2012-05-11T10:00:00Z', time: '10:00:00', date: '2012-05-11',
      gYearMonth: '2012-05', gYear: '2012', gMonthDay: '--05-11', gDay: '---11', gMonth: '--05',
      hexBinary: '0102', base64Binary: 'AQID',
    };
    const exported = runtime as unknown as Record<string, (...args: unknown[]) => unknown>;
    const typeOf = (v: unknown): string =>
      v instanceof Uint8Array ? 'Uint8Array' : Array.isArray(v) ? 'string[]' : typeof v;
    for (const [name, codec] of Object.entries(BUILTIN_CODECS)) {
      if (codec.ts === 'XmlQName') continue;
      const sample = samples[name];
      expect([name, sample !== undefined]).toEqual([name, true]);
      const value = exported[codec.parse]!(sample);
      expect([name, typeOf(value)]).toEqual([name, codec.ts]);
      expect([name, exported[codec.format]!(value)]).toEqual([name, sample]);
    }
  });
});

describe('RUNTIME_TYPE_ONLY', () => {
  it('lists no value of the public entry: generated code imports these with `type`', () => {
    const exported = runtime as unknown as Record<string, unknown>;
    for (const name of RUNTIME_TYPE_ONLY) expect([name, name in exported]).toEqual([name, false]);
    // Classes are values even where generated code uses them as types only.
    expect(RUNTIME_TYPE_ONLY.has('XmlCursor')).toBe(false);
  });
});

describe('RUNTIME_EXPORTS', () => {
  it('lists names the public entry really exports', () => {
    const exported = runtime as unknown as Record<string, unknown>;
    for (const name of Object.values(RUNTIME_EXPORTS)) expect([name, exported[name] !== undefined]).toEqual([name, true]);
    expect(RUNTIME_TYPE_ONLY).toContain('XmlElement');
  });
});

describe('CLIENT_MEMBER_NAMES', () => {
  it('holds every member a client has before the generated methods, up to Object.prototype', async () => {
    const client = new runtime.SoapClient({ url: 'http://127.0.0.1:1/' });
    const members = new Set<string>();
    for (let o: object = client; o !== Object.prototype; o = Object.getPrototypeOf(o) as object) {
      for (const name of Object.getOwnPropertyNames(o)) members.add(name);
    }
    expect([...members].filter((name) => !CLIENT_MEMBER_NAMES.has(name))).toEqual([]);
    expect(members.has('close') && members.has('transport')).toBe(true);
    // Not a member, but a method named so would make every client a thenable.
    expect(CLIENT_MEMBER_NAMES.has('then')).toBe(true);
    await client.close();
  });
});

describe('RUNTIME_CODEC_NAMES', () => {
  it('holds every export of the public entry that is named like a codec', () => {
    const codecLike = Object.keys(runtime).filter((name) => /^(read|write|parse|format)[A-Z]/.test(name));
    expect(codecLike.filter((name) => !RUNTIME_CODEC_NAMES.has(name))).toEqual([]);
    expect(codecLike).toContain('readFault');
  });
});
