import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';
import type { OutputPlan } from '../plan';

export interface RenderedFile {
  path: string;
  contents: string;
}

/** Where the templates live: next to the generator, in the package's templates/ folder. */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []), 'templates');

/** Stage 5: plan → file texts. Helpers format; every decision was made in the plan. */
export function render(plan: OutputPlan, templateDir: string = TEMPLATE_DIR): RenderedFile[] {
  const hb = Handlebars.create();
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  const partialDir = path.join(templateDir, 'partials');
  for (const f of fs.readdirSync(partialDir).sort()) {
    if (f.endsWith('.hbs')) hb.registerPartial(f.slice(0, -4), fs.readFileSync(path.join(partialDir, f), 'utf8'));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return plan.files.map((file) => {
    let tpl = compiled.get(file.template);
    if (!tpl) {
      tpl = hb.compile(fs.readFileSync(path.join(templateDir, `${file.template}.hbs`), 'utf8'), { noEscape: true, strict: true });
      compiled.set(file.template, tpl);
    }
    return { path: file.path, contents: normalise(tpl(file.view)) };
  });
}

/** LF line ends, no trailing spaces, no runs of blank lines, exactly one final newline. */
function normalise(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').trimEnd()}\n`;
}
