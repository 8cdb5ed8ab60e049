import { spawnSync } from 'node:child_process';

export interface FastApiPython {
  python: string;
  versions: string;
}

/**
 * A Python that can import FastAPI and uvicorn: $BENCH_PYTHON, else Debian's /usr/bin/python3 (where
 * `apt-get install python3-fastapi python3-uvicorn` puts them, whatever pyenv shims come first on PATH),
 * else `python3`. Undefined when none can.
 */
export function findFastApiPython(): FastApiPython | undefined {
  const candidates = [process.env.BENCH_PYTHON, '/usr/bin/python3', 'python3'].filter(Boolean) as string[];
  for (const python of candidates) {
    const probe = spawnSync(
      python,
      [
        '-c',
        'import fastapi, uvicorn, sys; print(f"FastAPI {fastapi.__version__}, uvicorn {uvicorn.__version__}, Python {sys.version.split()[0]}")',
      ],
      { encoding: 'utf8' },
    );
    if (probe.status === 0) return { python, versions: probe.stdout.trim() };
  }
  return undefined;
}
