#!/bin/sh
# 把 build/site 发布到静态网站服务器：先上传到一个新的版本文件夹，再原子地切换 current 链接。
# 目录结构与 gongkai publish 相同（发布文件夹/releases/0007-时间-提交/ 和 发布文件夹/current），
# 所以在服务器上也能用 gongkai rollback 回退；服务器上只需要 sh、rsync 和 GNU coreutils。
#
# 需要的环境变量（在 CI 的 secrets / variables 里设置，不要写进仓库）：
#   DEPLOY_HOST         服务器地址
#   DEPLOY_USER         登录用户（只需要对发布文件夹有写权限）
#   DEPLOY_PATH         发布文件夹，例如 /srv/gongkai；nginx 的 root 指向 $DEPLOY_PATH/current
#   DEPLOY_SSH_KEY      私钥内容（或私钥文件的路径，例如 GitLab 的 File 类型变量）
#   DEPLOY_KNOWN_HOSTS  服务器的公钥行（ssh-keyscan 的输出，事先当面核对指纹）
#   DEPLOY_PORT         ssh 端口，默认 22
#   DEPLOY_KEEP         保留最近几个版本以便回退，默认 5
set -eu

: "${DEPLOY_HOST:?请设置 DEPLOY_HOST}" "${DEPLOY_USER:?请设置 DEPLOY_USER}"
: "${DEPLOY_PATH:?请设置 DEPLOY_PATH}" "${DEPLOY_SSH_KEY:?请设置 DEPLOY_SSH_KEY}"
: "${DEPLOY_KNOWN_HOSTS:?请设置 DEPLOY_KNOWN_HOSTS}"
site=build/site
if [ ! -f "$site/index.html" ]; then
    echo "找不到 $site/index.html：请先运行 gongkai build" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
umask 077
if [ -f "$DEPLOY_SSH_KEY" ]; then cp "$DEPLOY_SSH_KEY" "$work/key"; else printf '%s\n' "$DEPLOY_SSH_KEY" > "$work/key"; fi
printf '%s\n' "$DEPLOY_KNOWN_HOSTS" > "$work/known_hosts"
ssh_cmd="ssh -p ${DEPLOY_PORT:-22} -i $work/key -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$work/known_hosts"
target="$DEPLOY_USER@$DEPLOY_HOST"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo nogit)

# 1. 在服务器上取下一个版本号（比已有的都大），建好上传用的临时文件夹。
name=$($ssh_cmd "$target" sh -s -- "$DEPLOY_PATH" "$commit" <<'REMOTE'
set -eu
mkdir -p "$1/releases"
cd "$1"
last=$(ls releases | sed -n 's/^0*\([0-9][0-9]*\)-.*/\1/p' | sort -n | tail -n 1)
name=$(printf '%04d-%s-%s' "$(( ${last:-0} + 1 ))" "$(date -u +%Y%m%dT%H%M%SZ)" "$2")
mkdir "releases/.incoming-$name"
echo "$name"
REMOTE
)

# 2. 上传。没有变化的文件与当前版本做硬链接，既快又省空间。
rsync -a --delete --link-dest=../../current/ -e "$ssh_cmd" "$site/" "$target:$DEPLOY_PATH/releases/.incoming-$name/"

# 3. 上传完整后改名，再用 rename 原子地切换 current；删除多余的旧版本（当前版本总是保留）。
$ssh_cmd "$target" sh -s -- "$DEPLOY_PATH" "$name" "${DEPLOY_KEEP:-5}" <<'REMOTE'
set -eu
cd "$1"
mv "releases/.incoming-$2" "releases/$2"
ln -s "releases/$2" ".current-$$"
mv -T ".current-$$" current
ls releases | grep -E '^[0-9]+-' | sort -n | awk -v keep="$3" '{ n[NR] = $0 } END { for (i = 1; i <= NR - keep; i++) print n[i] }' |
while read -r old; do
    [ "$old" = "$2" ] || rm -rf "releases/$old"
done
echo "已发布版本 $2"
REMOTE
