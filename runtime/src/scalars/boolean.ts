import { invalid, trimXml } from './common';

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
