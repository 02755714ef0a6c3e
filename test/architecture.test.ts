/**
 * The house's walls, checked by reading the imports (DESIGN §2) instead of held by habit:
 * - the operator UI (renderer/) sees only itself and shared/: it runs in a page, under the web console too;
 * - shared/ is the product's rules and contract: no Node, no Electron, nothing from the rooms that use it;
 * - electron/db knows the database, not the station that drives it;
 * - only electron/db queries MongoDB collections (every query lives where its indexes and fences are);
 * - only the Electron shell's two entry files import 'electron' (the station also runs headless).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

/** Files not held to the rules of the folder they sit in, each with the reason. */
const EXEMPT: Record<string, string> = {
  // Vite's build configuration runs in Node at build time; it is not part of the page.
  'renderer/vite.config.ts': 'build configuration',
  // Plays the shop: another system that writes its orders into the shared database itself.
  'electron/headless/shopSimulator.ts': 'plays the shop',
};

interface SourceFile {
  /** Path from the repository root, with forward slashes. */
  file: string;
  source: ts.SourceFile;
  /** Every module named by import, export … from, import() or require(), as written. */
  specifiers: string[];
}

function sourceFiles(dir: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|mts)$/.test(entry.name)) continue;
    const file = path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    const text = readFileSync(path.join(root, file), 'utf8');
    const specifiers = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    out.push({ file, source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true), specifiers });
  }
  return out;
}

/** Where a relative import lands, from the repository root ('shared/domain'); undefined for a package. */
function target(file: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  return path
    .relative(root, path.resolve(root, path.dirname(file), specifier))
    .split(path.sep)
    .join('/');
}

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
const isNodeBuiltin = (s: string) => s.startsWith('node:') || builtinModules.includes(s.split('/')[0]!);
const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');

/** "file imports X" for each import that breaks `allowed`. */
function importViolations(files: SourceFile[], allowed: (specifier: string, landsIn: string | undefined) => boolean): string[] {
  return files.flatMap(({ file, specifiers }) => specifiers.filter((s) => !allowed(s, target(file, s))).map((s) => `${file} imports ${s}`));
}

/** Places that read or write a MongoDB collection by hand: `.collection(…)`, the `collections()` helper, `Collection` types. */
function collectionUses({ file, source }: SourceFile): string[] {
  const found: string[] = [];
  const at = (node: ts.Node, what: string) =>
    found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'collection') at(node, 'calls .collection()');
      if (ts.isIdentifier(callee) && callee.text === 'collections') at(node, 'calls collections()');
    }
    if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName) && node.typeName.text === 'Collection')
      at(node, 'uses the Collection type');
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const notExempt = (f: SourceFile) => !(f.file in EXEMPT);
const renderer = sourceFiles('renderer').filter(notExempt);
const shared = sourceFiles('shared').filter(notExempt);
const electron = sourceFiles('electron').filter(notExempt);

describe('architecture: who may import what', () => {
  it('the renderer imports only shared/ and itself, never Node or Electron', () => {
    expect(renderer.length).toBeGreaterThan(10);
    const violations = importViolations(renderer, (s, landsIn) =>
      landsIn === undefined ? !isNodeBuiltin(s) && !isElectron(s) : within(landsIn, 'renderer') || within(landsIn, 'shared'),
    );
    expect(violations).toEqual([]);
  });

  it('shared/ imports only itself and plain packages, never Node or Electron', () => {
    expect(shared.length).toBeGreaterThan(3);
    const violations = importViolations(shared, (s, landsIn) =>
      landsIn === undefined ? !isNodeBuiltin(s) && !isElectron(s) : within(landsIn, 'shared'),
    );
    expect(violations).toEqual([]);
  });

  it('electron/db does not import the station', () => {
    const db = electron.filter((f) => within(f.file, 'electron/db'));
    expect(db.length).toBeGreaterThan(3);
    const violations = importViolations(db, (_s, landsIn) => landsIn === undefined || !within(landsIn, 'electron/station'));
    expect(violations).toEqual([]);
  });

  it("only main.ts and preload.ts import 'electron'", () => {
    const others = electron.filter((f) => f.file !== 'electron/main.ts' && f.file !== 'electron/preload.ts');
    const violations = importViolations(others, (s) => !isElectron(s));
    expect(violations).toEqual([]);
  });

  it('only electron/db touches MongoDB collections', () => {
    const outsideDb = [...renderer, ...shared, ...electron.filter((f) => !within(f.file, 'electron/db'))];
    expect(outsideDb.flatMap(collectionUses)).toEqual([]);
  });

  it('the scanner sees what it is meant to catch', () => {
    const probe = (file: string, text: string): SourceFile => ({
      file,
      source: ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true),
      specifiers: ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName),
    });
    const page = probe(
      'renderer/src/x.ts',
      "import a from '../../electron/shell/y';\nimport type { B } from 'node:fs';\nconst c = await import('electron');",
    );
    expect(
      importViolations([page], (s, landsIn) => (landsIn === undefined ? !isNodeBuiltin(s) && !isElectron(s) : within(landsIn, 'renderer'))),
    ).toEqual([
      'renderer/src/x.ts imports ../../electron/shell/y',
      'renderer/src/x.ts imports node:fs',
      'renderer/src/x.ts imports electron',
    ]);
    const station = probe(
      'electron/station/x.ts',
      "const n = collections(db).orders.countDocuments({});\nlet c: Collection;\ndb.collection('orders');",
    );
    expect(collectionUses(station)).toEqual([
      'electron/station/x.ts:1 calls collections()',
      'electron/station/x.ts:2 uses the Collection type',
      'electron/station/x.ts:3 calls .collection()',
    ]);
  });
});
