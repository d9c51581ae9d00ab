import type { OutputPlan } from '../plan';
import { TEMPLATE_DIR, templatesFor } from './templates';

export interface RenderedFile {
  path: string;
  contents: string;
}

/** Stage 5: plan → file texts. Helpers format; every decision was made in the plan. */
export function render(plan: OutputPlan, templateDir: string = TEMPLATE_DIR): RenderedFile[] {
  const templates = templatesFor(templateDir);
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
