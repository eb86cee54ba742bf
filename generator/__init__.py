"""gongkai: data → validated model → Markdown → a public disclosure website."""
