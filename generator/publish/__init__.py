"""Publishing through git: what changes for the public, atomic releases, the commit hook."""
