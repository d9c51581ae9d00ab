import { invalid, trimXml } from './common';
import { matchesPattern } from './facets';

export function parseBoolean(text: string): boolean {
  switch (trimXml(text)) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
  }
  return invalid(text, 'boolean', 'true, false, 1 or 0');
}

export function formatBoolean(value: boolean): string {
  if (value === true) return 'true';
  if (value === false) return 'false';
  return invalid(value, 'boolean', 'true or false');
}

/**
 * `value` in the form one of `patterns` admits: "true"/"false", else "1"/"0" (SOAP 1.1's
 * mustUnderstand is a boolean restricted to "0|1"). When neither matches, the canonical form, for
 * the pattern check to refuse.
 */
export function formatBooleanMatching(value: boolean, patterns: readonly RegExp[]): string {
  const text = formatBoolean(value);
  const digit = value ? '1' : '0';
  return matchesPattern(text, patterns) || !matchesPattern(digit, patterns) ? text : digit;
}
