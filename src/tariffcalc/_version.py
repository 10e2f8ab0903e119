"""The library's version, on its own so that any layer may read it without importing the package's front door."""

__all__ = ["__version__"]

#: As in ``pyproject.toml``.
__version__ = "0.1.0.dev0"
