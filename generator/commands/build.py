"""gongkai build: the whole site into build/site/, as of a date."""

from ._common import as_of_date, report


def register(sub) -> None:
    parser = sub.add_parser("build", help="生成网站到 build/site/")
    parser.add_argument("--as-of", type=as_of_date, help="按哪一天的情况生成（默认今天）")
    parser.add_argument("--incremental", action="store_true",
                        help="与不加相同：每次生成都只重做输入变了的部分（build/cache），结果与完整生成逐字节相同")
    parser.add_argument("--pdf", action="store_true",
                        help="同时为现行的公示公告和办事指南生成公开栏 PDF")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help="不读也不写 build/cache，全部从头生成（结果与使用缓存时逐字节相同，只是更慢）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..build import build
    from ..progress import Progress

    result = build(args.root, args.as_of, incremental=args.incremental,
                   pdf=args.pdf, cache=args.cache, progress=Progress())
    report(result.warnings)
    print(f"网站已生成：{result.pages} 个页面，用时 {result.seconds:.1f} 秒（生成的 Markdown："
          f"{result.docs.written} 个更新，{result.docs.unchanged} 个未变，{result.docs.removed} 个删除）。")
    print(f"打开：{(result.site_dir / 'index.html').resolve()}")
    return 0
