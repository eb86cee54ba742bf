"""Content-addressed caches: a pure step's result kept under the hash of its inputs
and of one fingerprint of everything else that could change it (fingerprint.py),
in build/cache (store.py). A build that finds its results there writes the same
bytes as one that computes them."""
