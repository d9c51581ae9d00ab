// Response body handling: content decoding, character decoding and the "is this XML?" test.

import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { charsetOf, decodeXml, decodeXmlParts } from '../xml/decode';

/**
 * Undoes the Content-Encoding the server applied, asked for (options.compression) or not. An
 * unknown coding passes through when the body reads as XML, and throws otherwise. Throws (code
 * ERR_BUFFER_TOO_LARGE) when the decoded body would exceed `maxBytes`.
 */
export function decodeContent(received: Buffer | readonly Buffer[], contentEncoding: string | undefined, maxBytes = Infinity): Buffer | readonly Buffer[] {
  if (contentEncoding === undefined) return received;
  const body = received instanceof Uint8Array ? received : Buffer.concat(received);
  if (body.length === 0) return body;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  // A few kilobytes can inflate to gigabytes: zlib stops at the limit instead.
  const limit = Number.isFinite(maxBytes) ? { maxOutputLength: maxBytes } : {};
  let out = body;
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, limit);
    else if (coding === 'br') out = brotliDecompressSync(out, limit);
    else if (coding === 'deflate') {
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
      const first = out[0];
      out = first !== undefined && (first & 0x0f) === 8 ? inflateSync(out, limit) : inflateRawSync(out, limit);
    } else if (looksLikeMarkup(out)) {
      // A coding named by mistake ("utf-8", "none") over a body sent as it is.
      return out;
    } else {
      throw new TypeError(`the response is in content coding "${coding}", which this runtime cannot decode`);
    }
  }
  return out;
}

/** Whether bytes start as XML does, after a byte order mark and white space. */
function looksLikeMarkup(bytes: Buffer): boolean {
  const b0 = bytes[0];
  if (b0 === 0xef || b0 === 0xfe || b0 === 0xff) return true;
  for (const b of bytes.subarray(0, 64)) {
    if (b === 0x3c) return true;
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return false;
}

/**
 * The text of an XML response body, decoded as XML says (RFC 7303, XML 1.0 4.3.3 and F): a byte
 * order mark, else the charset of `contentType`, else the encoding declaration, else UTF-8. Throws
 * (a TypeError) for an encoding this runtime does not know and for bytes not valid in the
 * encoding: a value read from replacement characters would be wrong without a word.
 */
export function decodeText(body: Buffer | readonly Buffer[], contentType?: string): string {
  const charset = charsetOf(contentType);
  const decoded = body instanceof Uint8Array ? decodeXml(body, charset) : decodeXmlParts(body, charset);
  if ('text' in decoded) return decoded.text;
  throw new TypeError(`${decoded.problem.replace(/^The document/, 'the response')} (line ${decoded.line}, column ${decoded.col})`);
}

const HTML_START = /^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html[\s>/])/i;

/**
 * Whether a decoded body can be an XML document: it starts (after white space) with '<', it is not
 * an HTML page, and the Content-Type does not say HTML.
 */
export function looksLikeXml(text: string, contentType: string): boolean {
  if (/^\s*text\/html\b/i.test(contentType)) return false;
  if (!/^\s*</.test(text)) return false;
  return !HTML_START.test(text);
}
