import { execFile } from 'node:child_process';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

/**
 * Builds stand-in wheels named cfn-lint and moto (with its `server` extra): the modules and console scripts
 * `make python-tools` checks for, and nothing else. PyPI is out of reach here, and the real packages are
 * not the point: where pip installs them is.
 */
const BUILD_WHEELS = `
import base64, hashlib, sys, zipfile
out = sys.argv[1]
def wheel(name, dist, extras, modules, scripts):
    info = f"{dist}-0.0.1.dist-info"
    files = {f"{m}/__init__.py": "def main():\\n    print('stand-in')\\n" for m in modules}
    files[f"{info}/METADATA"] = "Metadata-Version: 2.1\\nName: " + name + "\\nVersion: 0.0.1\\n" + "".join(f"Provides-Extra: {e}\\n" for e in extras)
    files[f"{info}/WHEEL"] = "Wheel-Version: 1.0\\nGenerator: blogapp-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n"
    files[f"{info}/entry_points.txt"] = "[console_scripts]\\n" + "".join(f"{s} = {modules[0]}:main\\n" for s in scripts)
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    files[f"{info}/RECORD"] = "\\n".join(record + [f"{info}/RECORD,,"]) + "\\n"
    with zipfile.ZipFile(f"{out}/{dist}-0.0.1-py3-none-any.whl", "w") as z:
        for path, text in files.items():
            z.writestr(path, text)
wheel("cfn-lint", "cfn_lint", [], ["cfnlint", "samtranslator"], ["cfn-lint"])
wheel("moto", "moto", ["server"], ["moto", "flask"], ["moto_server"])
`;

/**
 * `make python-tools` with python3 from a virtualenv, as actions/setup-python or a developer's venv puts it
 * on PATH: pip must install into that environment (it refuses `--user` there), and the tools must then be
 * found.
 */
describe('make python-tools', () => {
  let dir: string;
  let venv: string;
  let wheels: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'blogapp-python-tools-'));
    venv = join(dir, 'venv');
    wheels = join(dir, 'wheels');
    await mkdir(wheels);
    await run('python3', ['-m', 'venv', venv]);
    await run(join(venv, 'bin/python'), ['-c', BUILD_WHEELS, wheels]);
  }, 120_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('installs cfn-lint and moto_server into the virtualenv python3 comes from', async () => {
    const env = {
      ...process.env,
      PATH: `${join(venv, 'bin')}:${process.env.PATH}`,
      // Only the stand-ins, never an index; a --user install would land here, not in the real home.
      PIP_NO_INDEX: '1',
      PIP_FIND_LINKS: wheels,
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      HOME: dir,
      MAKEFLAGS: '',
    };
    await run('make', ['--no-print-directory', 'python-tools'], { env });
    await access(join(venv, 'bin/cfn-lint'));
    await access(join(venv, 'bin/moto_server'));
    const { stdout } = await run(join(venv, 'bin/python'), [
      '-c',
      'import cfnlint, samtranslator, moto, flask; print(moto.__file__)',
    ]);
    expect(stdout.trim().startsWith(venv)).toBe(true);
  }, 120_000);
});
