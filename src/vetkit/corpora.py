"""Where the labelled corpora are: the ``corpus/`` folder of a vetkit checkout.

The corpora train and check the shipped models; scoring never reads them. Training and its checks
run in a checkout (or an unpacked source distribution): the folder beside the package's sources when
vetkit is installed in place, else the one in the current folder.
"""

from __future__ import annotations

from pathlib import Path


def corpus_folder(name: str) -> Path:
    """The folder of one corpus (``topics``, ``concepts``, ``neutral``...)."""
    for root in (Path(__file__).resolve().parents[2], Path.cwd()):
        folder = root / "corpus" / name
        if folder.is_dir():
            return folder
    return Path.cwd() / "corpus" / name
