// Response body handling: content decoding, character decoding and the "is this XML?" test.

import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';

/** Undoes a Content-Encoding the server applied although none was asked for. Unknown codings pass through. */
export function decodeContent(body: Buffer, contentEncoding: string | undefined): Buffer {
  if (contentEncoding === undefined || body.length === 0) return body;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c !== '' && c !== 'identity');
  let out = body;
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out);
    else if (coding === 'br') out = brotliDecompressSync(out);
    else if (coding === 'deflate') {
      // "deflate" is meant to be zlib-wrapped, but some servers send raw deflate.
      const first = out[0];
      out = first !== undefined && (first & 0x0f) === 8 ? inflateSync(out) : inflateRawSync(out);
    } else return out;
  }
  return out;
}

/** UTF-8, or UTF-16 when the body starts with a UTF-16 byte order mark. A UTF-8 BOM is dropped. */
export function decodeText(body: Buffer): string {
  const [b0, b1, b2] = [body[0], body[1], body[2]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return body.toString('utf8', 3);
  if (b0 === 0xff && b1 === 0xfe) return body.toString('utf16le', 2);
  if (b0 === 0xfe && b1 === 0xff) {
    const swapped = Buffer.from(body.subarray(2, 2 + ((body.length - 2) & ~1)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  return body.toString('utf8');
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
