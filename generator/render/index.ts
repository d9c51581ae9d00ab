import * as fs from 'node:fs';
import * as path from 'node:path';
import type { OutputPlan } from '../plan';
import { loadTemplates, type PrecompiledSet } from './templates';

export interface RenderedFile {
  path: string;
  contents: string;
}

/** Where the templates live: next to the generator, in the package's templates/ folder. */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []), 'templates');

/** dist/templates.js, written by `npm run build`; absent when the generator runs from source. */
const PRECOMPILED = path.resolve(__dirname, '..', '..', 'templates.js');

function precompiledFor(templateDir: string): PrecompiledSet | undefined {
  if (path.resolve(templateDir) !== TEMPLATE_DIR || !fs.existsSync(PRECOMPILED)) return undefined;
  return require(PRECOMPILED) as PrecompiledSet;
}

/** Stage 5: plan → file texts. Helpers format; every decision was made in the plan. */
export function render(plan: OutputPlan, templateDir: string = TEMPLATE_DIR): RenderedFile[] {
  const templates = loadTemplates(templateDir, precompiledFor(templateDir));
  return plan.files.map((file) => {
    const tpl = templates.get(file.template);
    if (!tpl) throw new Error(`No template ${file.template}.hbs in ${templateDir}`);
    return { path: file.path, contents: normalise(tpl(file.view)) };
  });
}

/** LF line ends, no trailing spaces, no runs of blank lines, exactly one final newline. */
function normalise(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').trimEnd()}\n`;
}
