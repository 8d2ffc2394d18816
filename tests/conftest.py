"""Shared by every test folder: this file puts tests/ on sys.path (pytest's default
"prepend" import mode), so that tests/io, tests/workspace... can ``import hostile``."""
