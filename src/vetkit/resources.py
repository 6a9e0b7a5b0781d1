"""Where vetkit's data folders are: inside the installed package, or in a source checkout."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path


@lru_cache(maxsize=None)
def data_dir(name: str) -> Traversable:
    """The ``schemas`` or ``rubrics`` folder.

    A wheel carries them inside the package; an editable install of a source checkout
    reads them from the top of the checkout, where they are maintained.
    """
    packaged = files("vetkit").joinpath(name)
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"vetkit's {name} folder is missing from this installation")
