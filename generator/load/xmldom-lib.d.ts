// Types of the two modules of @xmldom/xmldom (pinned to one version in package.json) that the
// loader requires directly rather than through the package's index; see tree.ts.

declare module '@xmldom/xmldom/lib/sax' {
  export class XMLReader {
    errorHandler: unknown;
    domBuilder: unknown;
    parse(source: string, defaultNSMap: Record<string, string | null>, entityMap: Readonly<Record<string, string>>): void;
  }
}

declare module '@xmldom/xmldom/lib/errors' {
  export class ParseError extends Error {
    constructor(message: string, locator?: unknown, cause?: unknown);
  }
}
