import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** scripts/sam-transform.py: LanguageExtensions, then aws-sam-translator (CloudFormation's own transform). */
export const SAM_TRANSFORM_SCRIPT = fileURLToPath(new URL('../sam-transform.py', import.meta.url));

export interface SamTransformOptions {
  parameters: Record<string, string>;
  region?: string;
  /** Stand an S3 location in for local CodeUris (linting: nothing is uploaded). */
  placeholderCode?: boolean;
  /** Python with aws-sam-translator and cfn-lint installed; `python3` on PATH unless given. */
  python?: string;
}

/**
 * The plain CloudFormation template CloudFormation would deploy for these parameters. Needs Python with
 * aws-sam-translator (installed with cfn-lint); the error says what to install when it is missing.
 */
export async function samTransform(templatePath: string, options: SamTransformOptions): Promise<unknown> {
  const args = [
    SAM_TRANSFORM_SCRIPT,
    templatePath,
    ...Object.entries(options.parameters).flatMap(([key, value]) => ['--parameter', `${key}=${value}`]),
    ...(options.region ? ['--region', options.region] : []),
    ...(options.placeholderCode ? ['--placeholder-code'] : []),
  ];
  try {
    const { stdout } = await run(options.python ?? 'python3', args, { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout);
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: string | number };
    if (code === 'ENOENT') throw new Error('python3 is not on PATH: the SAM transform needs Python 3.');
    if (stderr && /No module named/.test(stderr)) {
      throw new Error(
        `The SAM transform needs aws-sam-translator and cfn-lint: \`pip install cfn-lint\` (it brings both).\n${stderr}`,
      );
    }
    throw new Error(stderr?.trim() || (error as Error).message);
  }
}
