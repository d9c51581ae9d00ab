import * as fs from 'node:fs';
import * as path from 'node:path';
import type HandlebarsNs from 'handlebars';

type Hb = typeof HandlebarsNs;

/** Where the templates live: next to the generator, in the package's templates/ folder. */
export const TEMPLATE_DIR = path.resolve(__dirname, '..', '..', ...(path.basename(path.resolve(__dirname, '..', '..')) === 'dist' ? ['..'] : []), 'templates');

/** dist/templates.js, written by `npm run build` (this module run as a script); absent when the generator runs from source. */
const PRECOMPILED = path.resolve(__dirname, '..', '..', 'templates.js');
export type Template = HandlebarsNs.TemplateDelegate;

/** Every template and partial is compiled with these: Handlebars' HTML escaping would corrupt code. */
const COMPILE_OPTIONS = { noEscape: true, strict: true } as const;

/** A template or partial source: its name and file, relative to the template folder. */
interface Source {
  name: string;
  file: string;
  kind: 'template' | 'partial';
}

/**
 * What `npm run build` writes to dist/templates.js: each template's source and precompiled spec.
 * The sources are compared whole: cheaper than hashing them, which needed node:crypto loaded.
 */
export interface PrecompiledSet {
  templates: Record<string, { source: string; spec: unknown }>;
  partials: Record<string, { source: string; spec: unknown }>;
}

function sources(templateDir: string): Source[] {
  const list = (dir: string, kind: Source['kind'], prefix: string): Source[] =>
    fs
      .readdirSync(path.join(templateDir, dir))
      .filter((f) => f.endsWith('.hbs'))
      .sort()
      .map((f) => ({ name: f.slice(0, -4), file: path.join(prefix, f), kind }));
  return [...list('.', 'template', ''), ...list('partials', 'partial', 'partials')];
}

function registerHelpers(hb: Hb): void {
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('json', (v: unknown) => JSON.stringify(v));
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
}

/**
 * The templates of `templateDir`, by name. Precompiled ones are used when `precompiled` matches
 * every source (same names, same hashes): the Handlebars runtime alone then loads in a third of the
 * time of the compiler, and nothing is compiled. Otherwise (templates edited since the build, or no
 * build: tests run from source) everything is compiled here, with the same options.
 */
export function loadTemplates(templateDir: string, precompiled: PrecompiledSet | undefined): Map<string, Template> {
  const all = sources(templateDir);
  const texts = new Map(all.map((s) => [s.file, fs.readFileSync(path.join(templateDir, s.file), 'utf8')]));
  const entryOf = (s: Source): { source: string; spec: unknown } | undefined => (s.kind === 'template' ? precompiled?.templates : precompiled?.partials)?.[s.name];
  const current =
    precompiled !== undefined &&
    Object.keys(precompiled.templates).length + Object.keys(precompiled.partials).length === all.length &&
    all.every((s) => entryOf(s)?.source === texts.get(s.file));
  // Required here, not imported: a run loads one of the two, and the compiler is the heavy one.
  // The runtime as the package's one-file build: its CommonJS tree of 20 modules took twice as
  // long to load (14 ms against 6 ms).
  const hb = (require(current ? 'handlebars/dist/handlebars.runtime.js' : 'handlebars') as Hb).create();
  registerHelpers(hb);
  const out = new Map<string, Template>();
  for (const s of all) {
    const t = current ? hb.template(entryOf(s)?.spec as Parameters<Hb['template']>[0]) : hb.compile(texts.get(s.file) ?? '', COMPILE_OPTIONS);
    if (s.kind === 'partial') hb.registerPartial(s.name, t);
    else out.set(s.name, t);
  }
  return out;
}

/** The templates `render` uses: the built precompiled set for the package's own folder, when current. */
export function templatesFor(templateDir: string): Map<string, Template> {
  const own = path.resolve(templateDir) === TEMPLATE_DIR && fs.existsSync(PRECOMPILED);
  return loadTemplates(templateDir, own ? (require(PRECOMPILED) as PrecompiledSet) : undefined);
}

/** The JavaScript module text of the precompiled set of `templateDir`. */
export function precompileModule(templateDir: string): string {
  const hb = require('handlebars') as Hb;
  const all = sources(templateDir);
  const entries = (kind: Source['kind']): string =>
    all
      .filter((s) => s.kind === kind)
      .map((s) => {
        const text = fs.readFileSync(path.join(templateDir, s.file), 'utf8');
        return `    ${JSON.stringify(s.name)}: { source: ${JSON.stringify(text)}, spec: ${hb.precompile(text, COMPILE_OPTIONS)} },`;
      })
      .join('\n');
  return [
    "'use strict';",
    '// Written by `npm run build` from templates/: each template precompiled by Handlebars, with its',
    '// source, so that an edited template is compiled afresh instead of used stale.',
    'module.exports = {',
    '  templates: {',
    entries('template'),
    '  },',
    '  partials: {',
    entries('partial'),
    '  },',
    '};',
    '',
  ].join('\n');
}

// `npm run build` runs this module to write dist/templates.js.
if (require.main === module) fs.writeFileSync(PRECOMPILED, precompileModule(TEMPLATE_DIR));
