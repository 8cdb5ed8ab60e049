import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

let asked: Promise<Set<string>> | undefined;

/** The resource types moto's CloudFormation can create, asked of the installed moto itself (once). */
export function motoResourceTypes(python = 'python3'): Promise<Set<string>> {
  asked ??= run(python, [
    '-c',
    'import json; from moto.cloudformation.parsing import get_model_map; print(json.dumps(sorted(get_model_map())))',
  ]).then(({ stdout }) => new Set(JSON.parse(stdout) as string[]));
  return asked;
}
