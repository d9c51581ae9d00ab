import {
  ReadContext,
  ReadError,
  SOAP11_ENV,
  SOAP12_ENV,
  SoapFaultError,
  ValueError,
  XSD_NS,
  XSI_NS,
  XML_NS,
  XmlError,
  openEnvelope,
  parseXml,
  readFault,
  readMessage,
  writeEnvelope,
  writeScanned,
  writeFault,
  type SoapVersion,
  type XmlCursor,
} from '../../../runtime/src';

const M = 'http://schemas.microsoft.com/exchange/services/2006/messages';
const T = 'http://schemas.microsoft.com/exchange/services/2006/types';
const E = 'http://schemas.microsoft.com/exchange/services/2006/errors';

function fault(run: () => unknown): SoapFaultError {
  try {
    run();
  } catch (e) {
    if (e instanceof SoapFaultError) return e;
    throw e;
  }
  throw new Error('expected a SoapFaultError');
}

describe('namespace constants', () => {
  it('have the standard values', () => {
    expect(SOAP11_ENV).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(SOAP12_ENV).toBe('http://www.w3.org/2003/05/soap-envelope');
    expect(XSI_NS).toBe('http://www.w3.org/2001/XMLSchema-instance');
    expect(XSD_NS).toBe('http://www.w3.org/2001/XMLSchema');
    expect(XML_NS).toBe('http://www.w3.org/XML/1998/namespace');
  });
});

describe('writeEnvelope', () => {
  it('writes a SOAP 1.1 envelope with the namespaces declared on Envelope', () => {
    const xml = writeEnvelope(
      '1.1',
      [
        ['m', M],
        ['t', T],
      ],
      '<t:RequestServerVersion Version="Exchange2013"/>',
      '<m:GetImItemList/>',
    );
    expect(xml).toBe(
      '<?xml version="1.0" encoding="utf-8"?>' +
        `<soap:Envelope xmlns:soap="${SOAP11_ENV}" xmlns:m="${M}" xmlns:t="${T}">` +
        '<soap:Header><t:RequestServerVersion Version="Exchange2013"/></soap:Header>' +
        '<soap:Body><m:GetImItemList/></soap:Body></soap:Envelope>',
    );
  });

  it('omits the Header when there is none and uses the SOAP 1.2 namespace for 1.2', () => {
    const xml = writeEnvelope('1.2', [['', M]], '', '<GetImItemList/>');
    expect(xml).toBe(
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP12_ENV}" xmlns="${M}"><soap:Body><GetImItemList/></soap:Body></soap:Envelope>`,
    );
  });

  it('refuses to rebind the soap prefix and duplicate prefixes', () => {
    expect(() => writeEnvelope('1.1', [['soap', 'urn:other']], '', '')).toThrow(ValueError);
    expect(() => writeEnvelope('1.1', [['soap', SOAP11_ENV]], '', '')).not.toThrow();
    expect(() => writeEnvelope('1.1', [['m', M], ['m', T]], '', '')).toThrow(ValueError);
    expect(() => writeEnvelope('1.1', [['a:b', M]], '', '')).toThrow(ValueError);
  });

  it('keeps declarations escaped when first written inside writeScanned, whose check comes later', () => {
    const namespaces: Array<[string, string]> = [['m', 'urn:example:a-namespace-long-enough?x=1&y=2']];
    for (let i = 0; i < 2; i++) {
      expect(writeScanned(() => writeEnvelope('1.1', namespaces, '', '<m:x/>'))).toContain('xmlns:m="urn:example:a-namespace-long-enough?x=1&amp;y=2"');
    }
  });

  it('writes the declarations of a list changed in place, or given again for another version, anew', () => {
    const namespaces: Array<[string, string]> = [
      ['m', M],
      ['t', T],
    ];
    const declarations = (xml: string): string => xml.slice(xml.indexOf('<soap:Envelope'), xml.indexOf('>', xml.indexOf('<soap:Envelope')));
    expect(declarations(writeEnvelope('1.1', namespaces, '', ''))).toBe(`<soap:Envelope xmlns:soap="${SOAP11_ENV}" xmlns:m="${M}" xmlns:t="${T}"`);
    expect(declarations(writeEnvelope('1.2', namespaces, '', ''))).toBe(`<soap:Envelope xmlns:soap="${SOAP12_ENV}" xmlns:m="${M}" xmlns:t="${T}"`);
    namespaces[1] = ['u', 'urn:u & v'];
    expect(declarations(writeEnvelope('1.2', namespaces, '', ''))).toBe(`<soap:Envelope xmlns:soap="${SOAP12_ENV}" xmlns:m="${M}" xmlns:u="urn:u &amp; v"`);
    namespaces.push(['m', T]);
    expect(() => writeEnvelope('1.2', namespaces, '', '')).toThrow(ValueError);
    namespaces.pop();
    (namespaces[0] as [string, string])[1] = 'urn:m2';
    expect(declarations(writeEnvelope('1.2', namespaces, '', ''))).toBe(`<soap:Envelope xmlns:soap="${SOAP12_ENV}" xmlns:m="urn:m2" xmlns:u="urn:u &amp; v"`);
  });
});

describe('openEnvelope', () => {
  it.each<SoapVersion>(['1.1', '1.2'])('opens what writeEnvelope wrote (SOAP %s)', (version) => {
    const xml = writeEnvelope(version, [['m', M], ['t', T]], '<t:A/><t:B/>', '<m:R><m:X>1</m:X></m:R>');
    const opened = openEnvelope(xml);
    expect(opened.version).toBe(version);
    expect(opened.envelope.local).toBe('Envelope');
    expect(opened.headers.map((h) => [h.ns, h.local])).toEqual([
      [T, 'A'],
      [T, 'B'],
    ]);
    expect(opened.body.local).toBe('Body');
    expect(opened.bodyElements.map((b) => [b.ns, b.local])).toEqual([[M, 'R']]);
  });

  it('finds Header and Body by namespace, whatever the prefix', () => {
    const xml = `<S:Envelope xmlns:S="${SOAP11_ENV}"><Header xmlns="${SOAP11_ENV}"/><env:Body xmlns:env="${SOAP11_ENV}"><m:R xmlns:m="${M}"/></env:Body></S:Envelope>`;
    const opened = openEnvelope(xml);
    expect(opened.headers).toEqual([]);
    expect(opened.bodyElements[0]?.local).toBe('R');
  });

  it('does not take a Body in another namespace for the SOAP Body', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP11_ENV}"><Body/></s:Envelope>`;
    expect(() => openEnvelope(xml)).toThrow(ReadError);
    try {
      openEnvelope(xml);
    } catch (e) {
      expect(e).toMatchObject({ code: 'missing-element', path: '/Envelope' });
    }
  });

  it('rejects a document that is not a SOAP envelope with wrong-root', () => {
    for (const xml of ['<Envelope/>', `<m:GetImItemListResponse xmlns:m="${M}"/>`, `<s:Envelope xmlns:s="urn:not-soap"><s:Body/></s:Envelope>`]) {
      let error: unknown;
      try {
        openEnvelope(xml);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ReadError);
      expect((error as ReadError).code).toBe('wrong-root');
      expect((error as ReadError).path).toMatch(/^\/\w+$/);
    }
  });

  it('ignores unexpected envelope children unless strict', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP11_ENV}"><s:Body/><x:Trailer xmlns:x="urn:x"/></s:Envelope>`;
    expect(openEnvelope(xml).bodyElements).toEqual([]);
    expect(() => openEnvelope(xml, { strict: true })).toThrow(/Unexpected element \{urn:x\}Trailer/);
  });

  describe('with a ReadContext', () => {
    const S = `xmlns:s="${SOAP11_ENV}"`;
    // [what, document, path, part of the message, the text the reported element starts with (its last occurrence)]
    const cases: Array<[string, string, string, string, string]> = [
      ['an unknown element between Header and Body', `<s:Envelope ${S}><s:Header/>\n  <x:Junk xmlns:x="urn:x">data</x:Junk><s:Body/></s:Envelope>`, '/Envelope/Junk', '{urn:x}Junk', '<x:Junk'],
      ['an unknown element in the envelope namespace', `<s:Envelope ${S}><s:Body/><s:Trailer/></s:Envelope>`, '/Envelope/Trailer', 'Trailer', '<s:Trailer'],
      ['a second Header', `<s:Envelope ${S}><s:Header/><s:Header/><s:Body/></s:Envelope>`, '/Envelope/Header[2]', 'a second Header', '<s:Header'],
      ['a second Body', `<s:Envelope ${S}><s:Body/><s:Body><m:R xmlns:m="${M}"/></s:Body></s:Envelope>`, '/Envelope/Body[2]', 'a second Body', '<s:Body>'],
      ['a Header after the Body', `<s:Envelope ${S}><s:Body/><s:Header/></s:Envelope>`, '/Envelope/Header', 'Header after the Body', '<s:Header'],
    ];

    const positionOf = (xml: string, needle: string): { line: number; col: number } => {
      const at = xml.lastIndexOf(needle);
      const before = xml.slice(0, at).split('\n');
      return { line: before.length, col: before[before.length - 1]!.length + 1 };
    };

    it.each(cases)('reports %s as an unexpected-element warning', (_, xml, path, messagePart, needle) => {
      const ctx = new ReadContext({}, xml);
      const opened = openEnvelope(xml, {}, ctx);
      expect(opened.bodyElements).toEqual([]);
      expect(ctx.warnings).toHaveLength(1);
      expect(ctx.warnings[0]).toMatchObject({ code: 'unexpected-element', path, ...positionOf(xml, needle) });
      expect(ctx.warnings[0]?.message).toContain(messagePart);
    });

    it.each(cases)('refuses %s in strict mode, from the options or from the context', (_, xml, path) => {
      expect(() => openEnvelope(xml, { strict: true })).toThrow(ReadError);
      expect(() => openEnvelope(xml, { strict: true }, new ReadContext({ strict: true }, xml))).toThrow(expect.objectContaining({ code: 'unexpected-element', path }));
      expect(() => openEnvelope(xml, undefined, new ReadContext({ strict: true }, xml))).toThrow(expect.objectContaining({ code: 'unexpected-element', path }));
    });

    // Generated operations read envelopes with readMessage, in one pass over the text: same rules.
    const skipHeaders = (r: XmlCursor | null): string => {
      r?.skip();
      return r === null ? 'no header' : 'header';
    };
    const skipBody = (r: XmlCursor): string => {
      r.skip();
      return 'body';
    };

    it.each(cases)('readMessage reports %s as an unexpected-element warning, or refuses it in strict mode', (_, xml, path, messagePart, needle) => {
      const read = readMessage(xml, {}, '1.1', 'Op', skipHeaders, skipBody);
      expect(read.body).toBe('body');
      expect(read.warnings).toHaveLength(1);
      expect(read.warnings[0]).toMatchObject({ code: 'unexpected-element', path, ...positionOf(xml, needle) });
      expect(read.warnings[0]?.message).toContain(messagePart);
      expect(() => readMessage(xml, { strict: true }, '1.1', 'Op', skipHeaders, skipBody)).toThrow(expect.objectContaining({ code: 'unexpected-element', path }));
    });

    it('readMessage reads the first Header and the first Body, and tells the header reader when there is none', () => {
      const xml = `<s:Envelope ${S}><s:Header><a/></s:Header><s:Header><b/></s:Header><s:Body><c/></s:Body><s:Body><d/></s:Body></s:Envelope>`;
      const seen: string[] = [];
      const read = readMessage(
        xml,
        undefined,
        '1.1',
        'Op',
        (r) => {
          while (r?.child()) {
            seen.push(r.local);
            r.skip();
          }
          return 'h';
        },
        (r) => {
          while (r.child()) {
            seen.push(r.local);
            r.skip();
          }
          return 'b';
        },
      );
      expect(seen).toEqual(['a', 'c']);
      expect(read.warnings.map((w) => w.path)).toEqual(['/Envelope/Header[2]', '/Envelope/Body[2]']);
      expect(readMessage(`<s:Envelope ${S}><s:Body/></s:Envelope>`, undefined, '1.1', 'Op', skipHeaders, skipBody).headers).toBe('no header');
    });

    it('readMessage throws the Fault a Body carries, a version mismatch, and a missing Body', () => {
      const fault = writeFault('1.1', { code: { namespace: SOAP11_ENV, localName: 'Server' }, faultString: 'boom' });
      expect(() => readMessage(fault, undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(expect.objectContaining({ name: 'SoapFaultError', faultString: 'boom' }));
      const v12 = writeEnvelope('1.2', [], '', '<x/>');
      expect(() => readMessage(v12, undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(expect.objectContaining({ code: 'wrong-soap-version', path: '/Envelope' }));
      // Before: "A SOAP 1.2 envelope was sent to a SOAP 1.1 operation (Op)": no remedy, and the reason of a fault lost.
      expect(() => readMessage(v12, undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(
        "The envelope is SOAP 1.2, but Op is bound to SOAP 1.1: its sender speaks SOAP 1.2. If the WSDL binds the operation to SOAP 1.2 too, use that binding's client or operations; if not, use an endpoint that speaks SOAP 1.1 at /Envelope (line 1:39) [wrong-soap-version]",
      );
      const fault12 = writeFault('1.2', { code: { namespace: SOAP12_ENV, localName: 'VersionMismatch' }, faultString: 'Wrong version' });
      const mismatch = (() => {
        try {
          return readMessage(fault12, undefined, '1.1', 'Op', skipHeaders, skipBody);
        } catch (e) {
          return e;
        }
      })();
      expect(mismatch).toMatchObject({ code: 'wrong-soap-version', path: '/Envelope', cause: { name: 'SoapFaultError', faultString: 'Wrong version' } });
      expect((mismatch as Error).message).toContain('an endpoint that speaks SOAP 1.1. The envelope carries a SOAP 1.2 fault ');
      expect((mismatch as Error).message).toContain('Wrong version at /Envelope');
      expect(() => readMessage(`<s:Envelope ${S}><s:Header/></s:Envelope>`, undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(
        expect.objectContaining({ code: 'missing-element', path: '/Envelope' }),
      );
      expect(() => readMessage('<x:NotSoap xmlns:x="urn:x"/>', undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(expect.objectContaining({ code: 'wrong-root', path: '/NotSoap' }));
      // Well-formedness comes first, even when the problem is after the Body.
      expect(() => readMessage(`<s:Envelope ${S}><s:Body/></s:Envelope><junk/>`, undefined, '1.1', 'Op', skipHeaders, skipBody)).toThrow(XmlError);
    });

    it('records nothing for a regular envelope, and keeps the two-argument form silent', () => {
      const xml = writeEnvelope('1.2', [['t', T]], '<t:A/>', '<t:B/>');
      const ctx = new ReadContext(undefined, xml);
      expect(openEnvelope(xml, undefined, ctx).headers).toHaveLength(1);
      expect(ctx.warnings).toEqual([]);
      expect(openEnvelope(cases[0]![1]).bodyElements).toEqual([]);
    });

    it('reads the first Header and the first Body', () => {
      const xml = `<s:Envelope ${S}><s:Header><a/></s:Header><s:Header><b/></s:Header><s:Body><c/></s:Body><s:Body><d/></s:Body></s:Envelope>`;
      const ctx = new ReadContext(undefined, xml);
      const opened = openEnvelope(xml, undefined, ctx);
      expect(opened.headers.map((h) => h.local)).toEqual(['a']);
      expect(opened.bodyElements.map((b) => b.local)).toEqual(['c']);
      expect(ctx.warnings.map((w) => w.path)).toEqual(['/Envelope/Header[2]', '/Envelope/Body[2]']);
    });
  });

  it('applies the parser limits', () => {
    const xml = writeEnvelope('1.1', [], '', '<a><b><c/></b></a>');
    expect(() => openEnvelope(xml, { maxDepth: 4 })).toThrow(XmlError);
    expect(() => openEnvelope(xml, { maxDepth: 5 })).not.toThrow();
    expect(() => openEnvelope(xml, { maxBytes: 50 })).toThrow(/exceeds the limit/);
    expect(() => openEnvelope(`<!DOCTYPE x><s:Envelope xmlns:s="${SOAP11_ENV}"><s:Body/></s:Envelope>`)).toThrow(XmlError);
  });
});

describe('SOAP 1.1 fault from the Exchange documentation', () => {
  const documented = `<?xml version="1.0" encoding="utf-8"?>
<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/">
   <s:Body>
      <s:Fault>
         <faultcode xmlns:a="http://schemas.microsoft.com/exchange/services/2006/types">a:ErrorSchemaValidation</faultcode>
         <faultstring xml:lang="en-US">The request failed schema validation: An error occurred while parsing EntityName. Line 11, position 33.</faultstring>
         <detail>
            <e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">ErrorSchemaValidation</e:ResponseCode>
            <e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">The request failed schema validation.</e:Message>
            <t:MessageXml xmlns:t="http://schemas.microsoft.com/exchange/services/2006/types"><t:LineNumber>11</t:LineNumber><t:LinePosition>33</t:LinePosition><t:Violation>An error occurred while parsing EntityName. Line 11, position 33.</t:Violation></t:MessageXml>
         </detail>
      </s:Fault>
   </s:Body>
</s:Envelope>`;

  it('throws SoapFaultError with every part decoded', () => {
    const f = fault(() => openEnvelope(documented));
    expect(f).toBeInstanceOf(Error);
    expect(f.name).toBe('SoapFaultError');
    expect(f.version).toBe('1.1');
    expect(f.code).toEqual({ namespace: T, localName: 'ErrorSchemaValidation' });
    expect(f.subcodes).toEqual([]);
    expect(f.faultString).toBe(
      'The request failed schema validation: An error occurred while parsing EntityName. Line 11, position 33.',
    );
    expect(f.lang).toBe('en-US');
    expect(f.actor).toBeUndefined();
    expect(f.message).toBe(
      'SOAP fault ErrorSchemaValidation: The request failed schema validation: An error occurred while parsing EntityName. Line 11, position 33.',
    );
    expect(f.detail?.local).toBe('detail');
  });

  it('makes the Exchange error details accessible', () => {
    const f = fault(() => openEnvelope(documented));
    expect(f.detailEntries.map((d) => [d.namespace, d.localName, d.text])).toEqual([
      [E, 'ResponseCode', 'ErrorSchemaValidation'],
      [E, 'Message', 'The request failed schema validation.'],
      [T, 'MessageXml', ''],
    ]);
    expect(f.detailText('ResponseCode')).toBe('ErrorSchemaValidation');
    expect(f.detailText('ResponseCode', E)).toBe('ErrorSchemaValidation');
    expect(f.detailText('ResponseCode', T)).toBeUndefined();
    expect(f.detailText('Message', E)).toBe('The request failed schema validation.');
    expect(f.detailText('Nope')).toBeUndefined();
    const messageXml = f.detailEntries[2]!.xml;
    expect(messageXml).toBe(
      `<t:MessageXml xmlns:t="${T}"><t:LineNumber>11</t:LineNumber><t:LinePosition>33</t:LinePosition>` +
        '<t:Violation>An error occurred while parsing EntityName. Line 11, position 33.</t:Violation></t:MessageXml>',
    );
    const reparsed = parseXml(messageXml);
    expect(reparsed.children.map((c) => [c.ns, c.local, c.text])).toEqual([
      [T, 'LineNumber', '11'],
      [T, 'LinePosition', '33'],
      [T, 'Violation', 'An error occurred while parsing EntityName. Line 11, position 33.'],
    ]);
  });

  it('is reproduced by writeFault', () => {
    const detailXml = `<e:ResponseCode xmlns:e="${E}">ErrorSchemaValidation</e:ResponseCode>`;
    const xml = writeFault('1.1', {
      code: { namespace: T, localName: 'ErrorSchemaValidation' },
      faultString: 'The request failed <schema> validation & more.',
      lang: 'en-US',
      actor: 'https://mail.contoso.com/EWS/Exchange.asmx',
      detailXml,
    });
    const f = fault(() => openEnvelope(xml));
    expect(f.code).toEqual({ namespace: T, localName: 'ErrorSchemaValidation' });
    expect(f.faultString).toBe('The request failed <schema> validation & more.');
    expect(f.lang).toBe('en-US');
    expect(f.actor).toBe('https://mail.contoso.com/EWS/Exchange.asmx');
    expect(f.detailText('ResponseCode', E)).toBe('ErrorSchemaValidation');
  });
});

describe('SOAP faults', () => {
  it('resolves SOAP 1.1 codes in the envelope namespace and tolerates undeclared prefixes', () => {
    const xml = writeFault('1.1', { code: { namespace: SOAP11_ENV, localName: 'Client' }, faultString: 'bad' });
    expect(xml).toContain('<faultcode>soap:Client</faultcode>');
    const f = fault(() => openEnvelope(xml));
    expect(f.code).toEqual({ namespace: SOAP11_ENV, localName: 'Client' });
    expect(f.lang).toBeUndefined();
    expect(f.detail).toBeNull();
    expect(f.detailEntries).toEqual([]);

    const sloppy = `<s:Envelope xmlns:s="${SOAP11_ENV}"><s:Body><s:Fault><faultcode>x:Oops</faultcode><faultstring>t</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(fault(() => openEnvelope(sloppy)).code).toEqual({ namespace: '', localName: 'x:Oops' });
  });

  it('reads a SOAP 1.2 fault with Code, Subcodes, Reason, Node, Role and Detail', () => {
    const xml = `<env:Envelope xmlns:env="${SOAP12_ENV}" xmlns:rpc="http://www.w3.org/2003/05/soap-rpc">
  <env:Body>
    <env:Fault>
      <env:Code>
        <env:Value>env:Sender</env:Value>
        <env:Subcode><env:Value>rpc:BadArguments</env:Value>
          <env:Subcode><env:Value xmlns:t="${T}">t:ErrorInvalidRequest</env:Value></env:Subcode>
        </env:Subcode>
      </env:Code>
      <env:Reason><env:Text xml:lang="en-US">Processing error</env:Text><env:Text xml:lang="cs">Chyba zpracování</env:Text></env:Reason>
      <env:Node>http://example.org/node</env:Node>
      <env:Role>http://example.org/role</env:Role>
      <env:Detail><e:MyFaultDetails xmlns:e="urn:e"><e:message>Name does not match</e:message><e:errorcode>999</e:errorcode></e:MyFaultDetails></env:Detail>
    </env:Fault>
  </env:Body>
</env:Envelope>`;
    const f = fault(() => openEnvelope(xml));
    expect(f.version).toBe('1.2');
    expect(f.code).toEqual({ namespace: SOAP12_ENV, localName: 'Sender' });
    expect(f.subcodes).toEqual([
      { namespace: 'http://www.w3.org/2003/05/soap-rpc', localName: 'BadArguments' },
      { namespace: T, localName: 'ErrorInvalidRequest' },
    ]);
    expect(f.faultString).toBe('Processing error');
    expect(f.lang).toBe('en-US');
    expect(f.node).toBe('http://example.org/node');
    expect(f.actor).toBe('http://example.org/role');
    expect(f.detailEntries.map((d) => d.localName)).toEqual(['MyFaultDetails']);
    expect(f.message).toBe('SOAP fault Sender/BadArguments/ErrorInvalidRequest: Processing error');
  });

  it('round-trips a SOAP 1.2 fault through writeFault', () => {
    const xml = writeFault('1.2', {
      code: { namespace: SOAP12_ENV, localName: 'Receiver' },
      subcodes: [{ namespace: T, localName: 'ErrorInternalServerError' }, { namespace: '', localName: 'Plain' }],
      faultString: 'Server busy',
      node: 'urn:node',
      actor: 'urn:role',
      detailXml: '<x:D xmlns:x="urn:x">d</x:D>',
    });
    const f = fault(() => openEnvelope(xml));
    expect(f.code).toEqual({ namespace: SOAP12_ENV, localName: 'Receiver' });
    expect(f.subcodes).toEqual([
      { namespace: T, localName: 'ErrorInternalServerError' },
      { namespace: '', localName: 'Plain' },
    ]);
    expect(f.faultString).toBe('Server busy');
    expect(f.lang).toBe('en');
    expect(f.node).toBe('urn:node');
    expect(f.actor).toBe('urn:role');
    expect(f.detailText('D', 'urn:x')).toBe('d');
  });

  it('treats a Fault among other body elements as a fault, and only in the envelope namespace', () => {
    const xml = `<s:Envelope xmlns:s="${SOAP11_ENV}"><s:Body><x:Fault xmlns:x="urn:x"/></s:Body></s:Envelope>`;
    expect(openEnvelope(xml).bodyElements[0]?.local).toBe('Fault');
    const both = `<s:Envelope xmlns:s="${SOAP11_ENV}"><s:Body><a/><s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring></s:Fault></s:Body></s:Envelope>`;
    expect(fault(() => openEnvelope(both)).code).toEqual({ namespace: SOAP11_ENV, localName: 'Server' });
  });

  it('readFault and the constructor are usable on their own', () => {
    const el = parseXml(`<s:Fault xmlns:s="${SOAP11_ENV}"><faultcode>s:Server</faultcode><faultstring>down</faultstring><faultactor>me</faultactor></s:Fault>`);
    const f = readFault(el, '1.1');
    expect([f.faultString, f.actor]).toEqual(['down', 'me']);
    const made = new SoapFaultError({ version: '1.1', code: { namespace: '', localName: 'X' }, faultString: 'y' });
    expect(made.detailEntries).toEqual([]);
    expect(made.message).toBe('SOAP fault X: y');
  });
});

describe('faults written with the other SOAP version\'s vocabulary', () => {
  it('reads Code/Reason inside a SOAP 1.1 envelope (as node-soap writes a thrown Error)', () => {
    const xml =
      '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>' +
      '<soap:Code><soap:Value>soap:Server</soap:Value><soap:Subcode><soap:Value>InternalServerError</soap:Value></soap:Subcode></soap:Code>' +
      '<soap:Reason><soap:Text>Error: boom</soap:Text></soap:Reason></soap:Fault></soap:Body></soap:Envelope>';
    const fault = (() => {
      try {
        openEnvelope(xml);
      } catch (e) {
        return e;
      }
      throw new Error('no fault thrown');
    })();
    expect(fault).toBeInstanceOf(SoapFaultError);
    const f = fault as SoapFaultError;
    expect([f.version, f.code, f.faultString, f.subcodes.map((c) => c.localName)]).toEqual([
      '1.1',
      { namespace: 'http://schemas.xmlsoap.org/soap/envelope/', localName: 'Server' },
      'Error: boom',
      ['InternalServerError'],
    ]);
  });
});
