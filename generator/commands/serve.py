"""gongkai serve: local preview that rebuilds when the data changes."""

from ._common import as_of_date


def register(sub) -> None:
    parser = sub.add_parser("serve", help="本地预览，数据修改后自动重新生成")
    parser.add_argument("--as-of", type=as_of_date, help="按哪一天的情况生成（默认今天）")
    parser.add_argument("--host", default="127.0.0.1", help="在哪个地址上提供预览（默认 127.0.0.1，只有本机能看）")
    parser.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    parser.set_defaults(func=run)


def run(args) -> int:
    from ..serve.session import serve
    serve(args.root, args.as_of, args.host, args.port)
    return 0
