"""The demo site: content as data files in ``content/``, read and built by ``loader``."""

from .loader import seed, seed_accounts

__all__ = ["seed", "seed_accounts"]
