import type { Origin } from './ir';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** What the user should do about it. */
  hint: string;
  file?: string;
  line?: number;
  col?: number;
}

/** Thrown by a stage that cannot go on; carries every diagnostic collected so far. */
export class GenerationError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n'));
    this.name = 'GenerationError';
  }
}

/** A position as messages name it: `file:line:col`. */
export function place(at: Origin): string {
  return `${at.file}:${at.line}:${at.col}`;
}

export function diag(
  code: string,
  message: string,
  hint: string,
  at?: Origin,
  severity: Severity = 'error',
): Diagnostic {
  const d: Diagnostic = { code, severity, message, hint };
  if (at) {
    d.file = at.file;
    d.line = at.line;
    d.col = at.col;
  }
  return d;
}

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${d.hint ? `\n  hint: ${d.hint}` : ''}`;
}

/** Collects diagnostics for one run; `fail` stops the stage at the first fatal problem. */
export class Diagnostics {
  readonly items: Diagnostic[] = [];
  /** What was said, once: a message used by two operations has one unknown element, not two. */
  private readonly said = new Set<string>();

  add(d: Diagnostic): void {
    const key = JSON.stringify([d.severity, d.code, d.file, d.line, d.col, d.message]);
    if (this.said.has(key)) return;
    this.said.add(key);
    this.items.push(d);
  }

  error(code: string, message: string, hint: string, at?: Origin): void {
    this.add(diag(code, message, hint, at));
  }

  warn(code: string, message: string, hint: string, at?: Origin): void {
    this.add(diag(code, message, hint, at, 'warning'));
  }

  fail(code: string, message: string, hint: string, at?: Origin): never {
    this.error(code, message, hint, at);
    throw new GenerationError(this.items);
  }

  hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  /** Throws when any error was collected (end of a stage). */
  check(): void {
    if (this.hasErrors()) throw new GenerationError(this.items);
  }
}

/** The 1-based line and column of `offset` in `text`; CR LF, a CR alone and LF each end a line. */
export function positionAt(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, Math.max(0, offset));
  const lines = before.split(/\r\n?|\n/);
  return { line: lines.length, col: (lines[lines.length - 1] ?? '').length + 1 };
}
