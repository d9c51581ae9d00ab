/**
 * Schemas of namespaces that W3C fixed, read in place of whatever an import of them names (or
 * when it names nothing), so that loading never touches the network for them. Written for this
 * project: only the declarations that schemas actually refer to.
 */
export const WELL_KNOWN_SCHEMAS: Readonly<Record<string, string>> = {
  'http://www.w3.org/XML/1998/namespace': `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="lang">
    <xs:annotation><xs:documentation>Natural language of the element's content (BCP 47 tag), or empty.</xs:documentation></xs:annotation>
    <xs:simpleType><xs:union memberTypes="xs:language"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value=""/></xs:restriction></xs:simpleType></xs:union></xs:simpleType>
  </xs:attribute>
  <xs:attribute name="space">
    <xs:simpleType><xs:restriction base="xs:NCName"><xs:enumeration value="default"/><xs:enumeration value="preserve"/></xs:restriction></xs:simpleType>
  </xs:attribute>
  <xs:attribute name="base" type="xs:anyURI"/>
  <xs:attribute name="id" type="xs:ID"/>
  <xs:attributeGroup name="specialAttrs">
    <xs:attribute ref="xml:base"/>
    <xs:attribute ref="xml:lang"/>
    <xs:attribute ref="xml:space"/>
    <xs:attribute ref="xml:id"/>
  </xs:attributeGroup>
</xs:schema>
`,
  // .NET web services (ASMX) that return a DataSet import this namespace without a location and
  // refer to its schema element: the response carries an inline schema before the data. W3C's
  // schema for schemas declares a DOCTYPE and the whole XSD language; the element is kept as XML.
  'http://www.w3.org/2001/XMLSchema': `<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="http://www.w3.org/2001/XMLSchema">
  <xs:element name="schema" type="xs:anyType">
    <xs:annotation><xs:documentation>An XML Schema carried in the message (a .NET DataSet's inline schema), kept as XML.</xs:documentation></xs:annotation>
  </xs:element>
</xs:schema>
`,
};
