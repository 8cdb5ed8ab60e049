/**
 * `make lint`'s template step: cfn-lint on every CloudFormation/SAM template in the repository, then on the
 * template CloudFormation would deploy for each environment (SAM-transformed with samconfig.toml's
 * parameters), zero errors and zero warnings. A rule ignored repo-wide would go in .cfnlintrc with its
 * reason (none is). Where cfn-lint is missing this fails, loudly — it never skips.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DEPLOY_ENVIRONMENTS } from '../src/deploy/environments.js';
import { loadTarget } from '../src/deploy/target.js';
import { samTransform } from './template/sam-transform.js';
import { TEMPLATE_DIR, TEMPLATE_PATH } from './template/template.js';

const root = process.cwd();
const TEMPLATES = [
  TEMPLATE_PATH,
  join(TEMPLATE_DIR, 'bootstrap.yaml'),
  join(TEMPLATE_DIR, 'deploy-role.yaml'),
];

/** `make lint` installs cfn-lint first (python-tools); run directly, a missing cfn-lint fails loudly. */
function ensureCfnLint(): void {
  if (spawnSync('cfn-lint', ['--version'], { stdio: 'ignore' }).status === 0) return;
  console.error(
    [
      '',
      '######################################################################################',
      '# cfn-lint is NOT installed: the templates were NOT linted.                          #',
      '# Run `make lint` (it installs it with pip), or: python3 -m pip install cfn-lint      #',
      '######################################################################################',
    ].join('\n'),
  );
  process.exit(1);
}

function cfnLint(files: string[]): boolean {
  const result = spawnSync('cfn-lint', ['--', ...files], { cwd: root, encoding: 'utf8' });
  if (result.status === 0) return true;
  console.error(result.stdout + result.stderr);
  return false;
}

ensureCfnLint();
const version = execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
let clean = cfnLint(TEMPLATES.map((path) => relative(root, path)));

const dir = await mkdtemp(join(tmpdir(), 'blogapp-cfn-lint-'));
try {
  const transformed: string[] = [];
  for (const environment of DEPLOY_ENVIRONMENTS) {
    const target = await loadTarget(root, environment);
    const template = await samTransform(TEMPLATE_PATH, {
      parameters: target.parameters,
      ...(target.region ? { region: target.region } : {}),
      placeholderCode: true,
    });
    const file = join(dir, `template.${environment}.json`);
    await writeFile(file, JSON.stringify(template, null, 1));
    transformed.push(file);
  }
  clean = cfnLint(transformed) && clean;
} finally {
  await rm(dir, { recursive: true, force: true });
}

if (!clean) {
  console.error('cfn-lint found problems (above). Fix them, or ignore a rule in .cfnlintrc with its reason.');
  process.exit(1);
}
console.log(
  `${version}: clean on ${TEMPLATES.length} templates and the transformed template for ${DEPLOY_ENVIRONMENTS.join(', ')}`,
);
