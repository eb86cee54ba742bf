#!/bin/sh
# gongkai：提交前检查暂存的数据。由 gongkai install-hook 安装；删除本文件即可停用。
# It validates the staged files (what the commit will hold), not the working
# tree: the index is exported into a temporary folder and checked there.

run_gongkai() {
    if [ -x @EXECUTABLE@ ]; then @EXECUTABLE@ @ARGS@"$@"; else gongkai "$@"; fi
}

site=@SITE@
# Only commits touching the site's sources need the check.
git diff --cached --quiet -- "${site}data" "${site}site_config" "${site}content" && exit 0

tmp=$(mktemp -d "${TMPDIR:-/tmp}/gongkai-hook.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
git checkout-index -a --prefix="$tmp/" || exit 1
if ! run_gongkai -C "$tmp/$site" validate; then
    echo "提交已取消：暂存的数据有错误（见上）。请改好后重新 git add 再提交。" >&2
    exit 1
fi
