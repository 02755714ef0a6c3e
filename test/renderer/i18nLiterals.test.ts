/**
 * No English word on screen bypasses the catalogue (issue 11, "English and German complete"): every text a component
 * or screen writes into its JSX, and every aria-label, title, placeholder and alt given as a plain string, comes from
 * t(). Read with the TypeScript parser, so only what React renders counts, not comments or class names. The few
 * literals below are names, not words: they read the same in every language.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../renderer/src');
const SAID_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt']);
/** Technical names an operator reads as they are (a printer language, a unit, a shell command, media names). */
const NAMES = new Set(['ZPL (Zebra)', 'dpi', 'systemctl restart print-station', 'oe_4x6-label_4x6in, roll_max_62x1000mm']);

function tsxFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsxFiles(path);
    return path.endsWith('.tsx') ? [path] : [];
  });
}

/** Each literal text in a file's JSX, as "file:line text". */
function literalTexts(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, text: string) => {
    if (!/[A-Za-zÄÖÜäöü]/.test(text) || NAMES.has(text)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push(`${relative(ROOT, file)}:${line} ${JSON.stringify(text)}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) at(node, node.text.trim());
    if (ts.isJsxAttribute(node) && SAID_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer))
      at(node, node.initializer.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Words in code rather than in JSX (a template the screen shows, an error a toast shows): a string with a word and a
 * space. Not class names, developers' words (console.*, the hook's misuse error), the app's name, a canvas font, media
 * names, or a CSS selector (a `[`).
 */
const NOT_SAID = new Set([
  'Print Station',
  'useStation outside StoreProvider',
  'bold 14px sans-serif',
  'oe_4x6-label_4x6in, roll_max_62x1000mm',
]);
/** Where a literal goes, through templates around it: the call it is an argument of ("console.warn", "t"), or the JSX attribute. */
function destinationOf(node: ts.Node): string {
  let at = node.parent;
  while (at && (ts.isTemplateSpan(at) || ts.isTemplateExpression(at) || ts.isJsxExpression(at))) at = at.parent;
  if (at && ts.isCallExpression(at)) return at.expression.getText();
  return at && ts.isJsxAttribute(at) ? `<${at.name.getText()}>` : '';
}

function wordsInCode(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateLiteralToken(node) ? node.text : undefined;
    if (
      text !== undefined &&
      /(^|\s)[A-Za-z]{2,}\s|\s[A-Za-z]{2,}/.test(text) &&
      !text.includes('[') &&
      !NOT_SAID.has(text) &&
      !/^(console\.\w+|t|<className>)$/.test(destinationOf(node)) &&
      !ts.isImportDeclaration(node.parent)
    ) {
      const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
      found.push(`${relative(ROOT, file)}:${line} ${JSON.stringify(text)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const codeFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'i18n' ? [] : codeFiles(path);
    return /\.tsx?$/.test(path) ? [path] : [];
  });

describe('the console says its words through the catalogue', () => {
  it('no component or screen writes an English word into its JSX', () => {
    const files = tsxFiles(ROOT);
    expect(files.length).toBeGreaterThan(10);
    expect(files.flatMap(literalTexts)).toEqual([]);
  });

  it('nor writes a sentence in code the operator reads (a toast, a detail, a preview that failed)', () => {
    expect(codeFiles(ROOT).flatMap(wordsInCode)).toEqual([]);
  });
});
