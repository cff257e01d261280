#!/usr/bin/env bash
# Typechecks lib/ and runs the test suite (`npm test`) against the NestJS 11
# dependency set, the older half of our peer ranges.
#
#   bash .ci/nest11.sh            in place: swaps node_modules to NestJS 11
#                                 (CI; outside CI it restores with `npm ci`
#                                 afterwards)
#   bash .ci/nest11.sh --scratch  in a temporary copy of the repository, so
#                                 a shared working tree keeps NestJS 12
#                                 (`npm run test:nest11`)
set -euo pipefail
cd "$(dirname "$0")/.."

# Latest release of each line that supports NestJS 11, pinned exactly so the
# run is reproducible. Every @nestjs/* devDependency needs an entry here.
NEST11_DEPS=(
  @nestjs/common@11.2.10
  @nestjs/core@11.2.10
  @nestjs/testing@11.2.6
  @nestjs/platform-express@11.2.10
  @nestjs/platform-fastify@11.2.8
  @nestjs/axios@4.0.1
  @nestjs/schedule@6.1.3
  @nestjs/terminus@11.1.1
  @nestjs/config@4.0.4
  @nestjs/bullmq@11.0.5
)

if [[ "${1:-}" == '--scratch' ]]; then
  scratch="$(mktemp -d "${TMPDIR:-/tmp}/nestjs-operon-nest11.XXXXXX")"
  trap 'rm -rf "$scratch"' EXIT
  echo "==> copying the repository to $scratch"
  tar --exclude=./node_modules --exclude=./.git --exclude=./.tmp \
    --exclude=./dist --exclude=./dist-check --exclude=./dist-sample \
    --exclude=./coverage -cf - . | tar -xf - -C "$scratch"
  cd "$scratch"
  echo '==> npm ci (NestJS 12 set, as locked)'
  npm ci --no-audit --no-fund
  CI=true bash .ci/nest11.sh
  exit 0
fi

source .ci/stage.sh
backup="$(mktemp -d "${TMPDIR:-/tmp}/nestjs-operon-lock.XXXXXX")"
cp package.json package-lock.json "$backup/"
# package.json and the lock are rewritten for the run and always put back;
# node_modules is put back (`npm ci`) only outside CI, which is ephemeral.
restore() {
  local rc=$?
  ci_on_exit "$rc" || true
  cp "$backup/package.json" "$backup/package-lock.json" .
  rm -rf "$backup"
  if [[ "${CI:-}" != 'true' ]]; then
    echo '==> restoring the locked dependency set (npm ci)'
    npm ci --no-audit --no-fund
  fi
  return "$rc"
}
trap restore EXIT

stage 'NestJS 11: check the dependency list'
missing="$(node -e '
  const pkg = require("./package.json");
  const listed = new Set(
    process.argv.slice(1).map((spec) => spec.replace(/@[^@]*$/, "")),
  );
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  const names = Object.keys(all).filter((name) => name.startsWith("@nestjs/"));
  console.log(names.filter((name) => !listed.has(name)).join(" "));
' "${NEST11_DEPS[@]}")"
if [[ -n "$missing" ]]; then
  echo "WARNING: no NestJS 11 version listed in .ci/nest11.sh for: $missing"
  echo '         (their locked NestJS 12 version is requested instead)'
fi

stage 'NestJS 11: install'
# `npm install --no-save a@11 b@4 ...` over a NestJS 12 tree ends in ERESOLVE
# (npm checks each new package against the old peers), so the devDependencies
# are rewritten and the @nestjs/* part of the lock is resolved afresh; every
# other package keeps its locked version.
pkg_args=()
for spec in "${NEST11_DEPS[@]}"; do
  pkg_args+=("devDependencies.${spec%@*}=${spec##*@}")
done
npm pkg set "${pkg_args[@]}"
node -e '
  const fs = require("node:fs");
  const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
  for (const key of Object.keys(lock.packages)) {
    if (/(^|\/)node_modules\/@nestjs\//.test(key)) delete lock.packages[key];
  }
  fs.writeFileSync("package-lock.json", JSON.stringify(lock, null, 2) + "\n");
'
rm -rf node_modules/@nestjs
npm install --no-audit --no-fund --prefer-offline
node -e '
  for (const name of ["@nestjs/common", "@nestjs/core"]) {
    const { version } = require(`${name}/package.json`);
    console.log(`${name} ${version}`);
    if (!version.startsWith("11.")) {
      console.error(`expected ${name} 11.x, found ${version}`);
      process.exit(1);
    }
  }
'

# The library itself must compile against NestJS 11's declarations (tests
# may use 12-only typings; vitest strips types, so they still run).
stage 'NestJS 11: typecheck lib'
npx tsc -p tsconfig.build.json --noEmit

stage 'NestJS 11: test (npm test)'
npm test
