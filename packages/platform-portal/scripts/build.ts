/**
 * Builds the package's dist/ from src/: TypeScript to JavaScript file by file (Node runs the CLI
 * and the build's worker threads itself, and refuses to strip types inside node_modules), .astro
 * components and styles copied with their imports of .ts modules pointed at the .js ones. A file
 * whose output is newer than its source is skipped, so a build after a small edit takes a moment.
 * `--declarations` also writes the type declarations of the public entry points (npm pack does).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const packageRoot = path.resolve(import.meta.dirname, '..');
const src = path.join(packageRoot, 'src');
const dist = path.join(packageRoot, 'dist');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  target: ts.ScriptTarget.ES2023,
  jsx: ts.JsxEmit.ReactJSX,
  verbatimModuleSyntax: true,
  rewriteRelativeImportExtensions: true,
};

/** A relative import of a .ts or .tsx module, in an .astro file's script or a copied module. */
const TS_IMPORT = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]+)\.tsx?(['"])/g;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full) : [full];
  });
}

function outputOf(file: string): string {
  const relative = path.relative(src, file);
  if (/\.tsx?$/.test(relative) && !relative.endsWith('.d.ts')) return path.join(dist, relative.replace(/\.tsx?$/, '.js'));
  return path.join(dist, relative);
}

function compile(file: string): string {
  const text = readFileSync(file, 'utf-8');
  if (file.endsWith('.d.ts')) return text;
  if (/\.tsx?$/.test(file)) {
    const result = ts.transpileModule(text, { fileName: file, compilerOptions: COMPILER_OPTIONS, reportDiagnostics: true });
    const errors = result.diagnostics?.filter((d) => d.category === ts.DiagnosticCategory.Error) ?? [];
    if (errors.length > 0) throw new Error(`${path.relative(packageRoot, file)}: ${ts.flattenDiagnosticMessageText(errors[0]!.messageText, '\n')}`);
    return result.outputText;
  }
  if (file.endsWith('.astro')) return text.replace(TS_IMPORT, '$1$2.js$3');
  return text;
}

function buildFiles(): { written: number; removed: number } {
  const sources = walk(src);
  const outputs = new Set<string>();
  let written = 0;
  for (const file of sources) {
    const out = outputOf(file);
    outputs.add(out);
    if (existsSync(out) && statSync(out).mtimeMs >= statSync(file).mtimeMs) continue;
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, compile(file));
    written++;
  }
  let removed = 0;
  for (const file of existsSync(dist) ? walk(dist) : []) {
    if (outputs.has(file) || file.endsWith('.d.ts')) continue;
    rmSync(file);
    removed++;
  }
  return { written, removed };
}

function buildDeclarations(): void {
  const tsc = path.join(path.dirname(fileURLToPath(import.meta.resolve('typescript'))), '../bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', path.join(packageRoot, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The type declarations did not build; tsc said why above.');
  // tsc keeps the source's .ts specifiers in declarations; they name .d.ts files beside .js ones.
  for (const file of walk(dist).filter((f) => f.endsWith('.d.ts'))) {
    const text = readFileSync(file, 'utf-8');
    const rewritten = text.replace(TS_IMPORT, '$1$2.js$3');
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
}

const started = performance.now();
const forPacking = process.argv.includes('--declarations');
// A tarball is built from nothing: no file of an earlier build can slip into it.
if (forPacking) rmSync(dist, { recursive: true, force: true });
const { written, removed } = buildFiles();
if (forPacking) buildDeclarations();
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`platform-portal: dist/ built (${written} file(s) written, ${removed} removed) in ${seconds} s.`);
