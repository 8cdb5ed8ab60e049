import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The settings an environment root gives `module "stack"` (environments/<env>/main.tf), under the SAM
 * template's parameter names (`allowed_origins` → `AllowedOrigins`), so the deploy preflight checks them
 * with the same rules as samconfig.toml's. Only literal arguments are read — strings, numbers, booleans and
 * lists of strings, as the committed roots write them; an argument set from a variable or an expression is
 * Terraform's to evaluate and is left out.
 */
export async function rootSettings(rootDir: string): Promise<Record<string, string>> {
  const text = await readFile(join(rootDir, 'main.tf'), 'utf8');
  return moduleSettings(text, 'stack');
}

/** The literal arguments of `module "<name>"` in one file of HCL (exported for its tests). */
export function moduleSettings(hcl: string, name: string): Record<string, string> {
  const lines = hcl.split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\s*module\\s+"${name}"\\s*\\{\\s*$`).test(line));
  if (start < 0) return {};
  const settings: Record<string, string> = {};
  let depth = 1;
  for (let at = start + 1; at < lines.length && depth > 0; at++) {
    const line = withoutComment(lines[at] ?? '');
    const argument = depth === 1 ? /^\s*([a-z_][a-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line) : null;
    depth += braces(line);
    if (!argument?.[1] || argument[2] === undefined || META_ARGUMENTS.has(argument[1])) continue;
    let expression = argument[2];
    // A list written over several lines, one element a line, as `terraform fmt` leaves it.
    while (expression.startsWith('[') && !expression.includes(']') && at + 1 < lines.length) {
      expression += ` ${withoutComment(lines[++at] ?? '').trim()}`;
    }
    const value = literal(expression);
    if (value !== undefined) settings[pascalCase(argument[1])] = value;
  }
  return settings;
}

/** Terraform's own arguments of a module block, not the module's settings. */
const META_ARGUMENTS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);
const STRING = /^"((?:[^"\\$]|\\.)*)"$/;

/** A literal's value as samconfig would write it (lists comma-joined, as AllowedOrigins is); else undefined. */
function literal(expression: string): string | undefined {
  const text = STRING.exec(expression);
  if (text) return unescaped(text[1] ?? '');
  if (/^(-?\d+(\.\d+)?|true|false)$/.test(expression)) return expression;
  const list = /^\[(.*)\]$/.exec(expression);
  if (!list) return undefined;
  const elements = (list[1] ?? '')
    .split(',')
    .map((element) => element.trim())
    .filter(Boolean);
  const strings = elements.map((element) => STRING.exec(element)?.[1]);
  if (strings.some((element) => element === undefined)) return undefined;
  return strings.map((element) => unescaped(element ?? '')).join(',');
}

const unescaped = (text: string) => text.replace(/\\(.)/g, '$1');

/** The line without a `#` or `//` comment (outside strings). */
function withoutComment(line: string): string {
  let inString = false;
  for (let at = 0; at < line.length; at++) {
    const char = line[at];
    if (char === '\\' && inString) at++;
    else if (char === '"') inString = !inString;
    else if (!inString && (char === '#' || (char === '/' && line[at + 1] === '/'))) return line.slice(0, at);
  }
  return line;
}

/** How far the line opens (or closes) blocks, outside strings. */
function braces(line: string): number {
  return [...line.replace(/"(?:[^"\\]|\\.)*"/g, '""')].reduce(
    (sum, char) => sum + (char === '{' ? 1 : char === '}' ? -1 : 0),
    0,
  );
}

const pascalCase = (snake: string) =>
  snake
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');
