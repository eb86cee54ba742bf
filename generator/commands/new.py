"""gongkai new KIND SLUG: a commented template for one item."""

from ..kind_names import KIND_NAMES


def register(sub) -> None:
    parser = sub.add_parser("new", help="按模板新建一个条目")
    parser.add_argument("kind", choices=list(KIND_NAMES), metavar="类别",
                        help="条目类别：" + "，".join(f"{name} {label}" for name, (_, label) in KIND_NAMES.items()))
    parser.add_argument("slug", help="文件名（小写英文、数字、连字符），也是网址")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..scaffold import new_item

    path = new_item(args.root, args.kind, args.slug)
    print(f"已生成 {path.relative_to(args.root)}，请按注释填写后运行 gongkai validate。")
    return 0
