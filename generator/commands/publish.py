"""gongkai publish DEST: put the finished build/site online atomically, keep old releases.

Only a full build of the committed state, as of today, is published, so every
public state can be rebuilt from its commit and every file of it was scanned for
personal numbers; --force skips the commit and date checks (for an emergency fix),
never the scan.
"""

from pathlib import Path

from ..problems import UsageError
from ..today import today


def register(sub) -> None:
    parser = sub.add_parser("publish", help="把 build/site 原子地发布到服务器文件夹（可回退）")
    parser.add_argument("dest", type=Path, help="发布文件夹；网站服务器的根目录设为 DEST/current")
    parser.add_argument("--keep", type=int, default=5, metavar="N",
                        help="保留最近 N 个版本，便于回退（默认 5）")
    parser.add_argument("--list", action="store_true", help="只列出已发布的版本")
    parser.add_argument("--force", action="store_true",
                        help="即使网站不是按当前提交生成的（或含未提交的修改）也发布")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..build import BUILD_DIR
    from ..publish.buildinfo import INFO_FILE, read_build_info
    from ..publish.release import publish

    if args.list:
        print_releases(args.dest)
        return 0
    site_dir = args.root / BUILD_DIR / "site"
    if not (site_dir / "index.html").is_file():
        raise UsageError(f"找不到已生成的网站 {site_dir}：请先运行 gongkai build，成功后再发布")
    info = read_build_info(site_dir)
    if info is None:
        raise UsageError(f"{site_dir} 里没有构建信息 {INFO_FILE}：它不是这个版本的 gongkai build "
                         "生成的，请重新运行 gongkai build")
    _check_fully_scanned(info)
    if not args.force:
        _check_matches_commit(args.root, info)
        _check_as_of_today(info)
    release = publish(site_dir, args.dest, args.keep)
    print(f"已发布版本 {release.name}：{release.description}")
    print(f"网站服务器的根目录应为 {(args.dest / 'current').absolute()}；"
          f"回退：gongkai rollback {args.dest}")
    return 0


def _check_matches_commit(root: Path, info: dict) -> None:
    from ..publish import git

    if info.get("dirty"):
        raise UsageError("这次生成的网站含有未提交的修改，发布后无法从提交重现：请先提交（git commit），"
                         "再运行 gongkai build 和 gongkai publish（紧急情况可加 --force）")
    built, head = info.get("commit"), git.run_git(root, "rev-parse", "HEAD")
    if built and head and git.resolve(root, built) != head:
        raise UsageError(f"网站是按提交 {built} 生成的，而当前是提交 {git.short(root, head)}："
                         "请先运行 gongkai build 再发布（紧急情况可加 --force）")


def _check_fully_scanned(info: dict) -> None:
    """Builds of gongkai before issue 23 could scan only the files they wrote; what they
    reused was scanned under the rules of its day, which may since have changed."""
    if info.get("full_scan") is not True:
        raise UsageError("这次生成的网站没有对每个文件做个人信息泄露扫描（gongkai serve 预览或旧版 gongkai 的增量生成）："
                         "请用现在的 gongkai 运行 gongkai build 后再发布")


def _check_as_of_today(info: dict) -> None:
    """A site built as of another day shows notices open or lists not yet withdrawn
    (an earlier day), or items before their publication date (a later day)."""
    if info.get("as_of") != today(info.get("timezone")).isoformat():
        raise UsageError(f"网站是按 {info.get('as_of')} 的情况生成的，不是今天：公示状态和名单撤下会不对，"
                         "请运行 gongkai build（不加 --as-of）后再发布（确有需要可加 --force）")


def print_releases(dest: Path) -> None:
    from ..publish.release import list_releases

    releases = list_releases(dest)
    if not releases:
        print(f"{dest} 里还没有发布过任何版本。")
        return
    print(f"{dest} 里的版本（最新的在最上面）：")
    for release in reversed(releases):
        marker = "← 当前" if release.current else ""
        print(f"  {release.name}  {release.description}  {marker}".rstrip())
