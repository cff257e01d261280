# Sourced by the CI scripts: a visible banner per stage, the elapsed time of
# each finished stage, and the name of the stage that failed (CI logs are
# long and the failing stage is what a reader looks for first).
CI_STAGE=''
CI_STAGE_START=0
CI_RUN_START=$SECONDS

ci_stage_done() {
  if [[ -n "$CI_STAGE" ]]; then
    printf '==> done: %s (%ss)\n' "$CI_STAGE" "$((SECONDS - CI_STAGE_START))"
  fi
}

# Usage: stage "name of the stage"
stage() {
  ci_stage_done
  CI_STAGE="$1"
  CI_STAGE_START=$SECONDS
  printf '\n==> %s [%s, +%ss]\n' "$CI_STAGE" "$(date -u +%H:%M:%S)" \
    "$((SECONDS - CI_RUN_START))"
}

# Usage: trap ci_on_exit EXIT, or ci_on_exit "$rc" from another handler.
ci_on_exit() {
  local rc=$?
  if [[ $# -gt 0 ]]; then rc=$1; fi
  if [[ $rc -ne 0 ]]; then
    printf '\n==> FAILED in stage: %s (exit %s)\n' "${CI_STAGE:-setup}" \
      "$rc" >&2
  else
    ci_stage_done
    printf '==> %s: all stages passed (%ss)\n' "$(basename "$0")" \
      "$((SECONDS - CI_RUN_START))"
  fi
  return "$rc"
}
