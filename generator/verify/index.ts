import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TsMorph from 'ts-morph';
import { diag, type Diagnostic } from '../diagnostics';
import type { RenderedFile } from '../render';

export interface VerifyOptions {
  runtimePackage: string;
  /** Folder of the runtime package: its built .d.ts are type-checked with the output, or its src/ when newer. */
  runtimeDir: string;
}

/**
 * Stage 6: type-check the generated package in memory under the strictest
 * flags, together with the runtime it imports. Any compiler error or `any` in
 * generated code is a generator bug: it is reported and nothing is written.
 */
export function verify(files: RenderedFile[], options: VerifyOptions): Diagnostic[] {
  // Loaded on demand: the compiler is most of a cold start, and --no-verify should not pay for it.
  const { Project, ts } = require('ts-morph') as typeof TsMorph;
  const project = new Project({
    useInMemoryFileSystem: true,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.Node16,
      moduleResolution: ts.ModuleResolutionKind.Node16,
      lib: ['lib.es2022.d.ts'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      noImplicitOverride: true,
      noImplicitReturns: true,
      noFallthroughCasesInSwitch: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      skipLibCheck: true,
      types: [],
      noEmit: true,
    },
  });
  const fsys = project.getFileSystem();
  const runtimeRoot = `/node_modules/${options.runtimePackage}`;
  const srcDir = path.join(options.runtimeDir, 'src');
  const distDir = path.join(options.runtimeDir, 'dist');
  const useSrc = !declarationsCurrent(srcDir, distDir);
  const base = useSrc ? srcDir : distDir;
  for (const rel of listFiles(base)) {
    if (useSrc ? !rel.endsWith('.ts') : !rel.endsWith('.d.ts')) continue;
    fsys.writeFileSync(`${runtimeRoot}/${useSrc ? 'src' : 'dist'}/${rel}`, fs.readFileSync(path.join(base, rel), 'utf8'));
  }
  fsys.writeFileSync(`${runtimeRoot}/package.json`, JSON.stringify({ name: options.runtimePackage, types: useSrc ? 'src/index.ts' : 'dist/index.d.ts' }));

  const generated = files.filter((f) => f.path.endsWith('.ts'));
  for (const f of generated) project.createSourceFile(`/pkg/${f.path}`, f.contents, { overwrite: true });
  project.resolveSourceFileDependencies();

  const out: Diagnostic[] = [];
  for (const d of project.getPreEmitDiagnostics()) {
    const sf = d.getSourceFile();
    const file = sf?.getFilePath() ?? '';
    // The runtime is checked by its own build; only the generated package is judged here.
    if (sf && !file.startsWith('/pkg/')) continue;
    const start = d.getStart();
    const lc = sf && start !== undefined ? sf.getLineAndColumnAtPos(start) : { line: 1, column: 1 };
    const message = ts.flattenDiagnosticMessageText(d.compilerObject.messageText, '\n');
    out.push(
      diag('GENERATED_CODE_INVALID', `The generated code does not type-check: ${message}`, 'This is a generator bug: report it with the input schema.', {
        file: file.replace(/^\/pkg\//, '(generated) '),
        line: lc.line,
        col: lc.column,
      }),
    );
  }
  for (const f of generated) {
    // The compiler's own tree: ts-morph would wrap every node of a 7,000-line file to search it.
    const sf = project.getSourceFileOrThrow(`/pkg/${f.path}`).compilerNode;
    const visit = (node: TsMorph.ts.Node): void => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const lc = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.push(diag('GENERATED_ANY', 'The generated code uses `any`.', 'This is a generator bug: report it with the input schema.', { file: `(generated) ${f.path}`, line: lc.line + 1, col: lc.character + 1 }));
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * Whether the runtime's built declarations can stand for its sources: they exist and no source is
 * newer (a runtime edited since its last build is checked from source). Declarations are the
 * cheaper input by ~0.6 s: the checker need not infer the bodies of the whole runtime.
 */
function declarationsCurrent(srcDir: string, distDir: string): boolean {
  const built = fs.statSync(path.join(distDir, 'index.d.ts'), { throwIfNoEntry: false });
  if (built === undefined) return false;
  return listFiles(srcDir).every((rel) => fs.statSync(path.join(srcDir, rel)).mtimeMs <= built.mtimeMs);
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listFiles(path.join(dir, e.name), rel));
    else out.push(rel);
  }
  return out;
}
