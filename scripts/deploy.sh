#!/usr/bin/env bash
# The seeds' habit, kept: `scripts/deploy.sh <env> [options]` deploys one environment. It only hands over to
# the TypeScript deploy CLI (`npm run deploy`), which does the work: preflight, build and upload, change set,
# execute, health check, smoke suite, rollback. Options pass through: --plan-only, --auto-approve, --recover, --region, ...
#   scripts/deploy.sh staging
#   scripts/deploy.sh production --plan-only
#   scripts/deploy.sh --environment staging --plan-only   (the seeds' other spelling)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -gt 0 && $1 != -* ]]; then
  env=$1
  shift
  set -- --env "$env" "$@"
elif [[ " $* " != *" --env"* && " $* " != *" --environment"* && " $* " != *" -e "* && " $* " != *" --help "* && " $* " != *" -h "* ]]; then
  # Like the seeds' script: no environment means development, said out loud.
  echo "scripts/deploy.sh: no environment given, deploying to development" >&2
  set -- --env development "$@"
fi

if [[ ! -x node_modules/.bin/tsx ]]; then
  echo "scripts/deploy.sh: dependencies are not installed; run \`make local\` or \`npm ci\` first." >&2
  exit 1
fi
exec node_modules/.bin/tsx src/entry/cli/deploy.ts "$@"
