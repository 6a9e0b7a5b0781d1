"""A throw-away virtual environment layered over the one running the tests.

Packages installed into it (``pip install -e PROJECT``) come first; everything else, vetkit
included, comes from the running environment, as with ``--system-site-packages`` (which
would skip the running environment when that is itself a venv, as in CI). Nothing is
installed into the running environment, so tests running at the same time are not affected.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

SCRIPTS = {
    "vetkit": "import sys\nfrom vetkit.cli import main\nsys.exit(main())\n",
    "pip": "import runpy\nrunpy.run_module('pip', run_name='__main__', alter_sys=True)\n",
}


class LayeredVenv:
    """A venv at ``path`` whose ``bin`` has ``python``, ``pip`` and ``vetkit``."""

    def __init__(self, path: Path):
        self.path = Path(path)
        venv.create(self.path, with_pip=False, symlinks=os.name != "nt")
        self.bin = self.path / ("Scripts" if os.name == "nt" else "bin")
        self.python = self.bin / ("python.exe" if os.name == "nt" else "python")
        purelib = Path(subprocess.run([str(self.python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                                      capture_output=True, text=True, check=True).stdout.strip())
        parents = list(dict.fromkeys([*site.getsitepackages(), sysconfig.get_path("purelib")]))
        lines = "".join(f"import site; site.addsitedir({folder!r})\n" for folder in parents)
        (purelib / "_layered_over_parent.pth").write_text(lines, encoding="utf-8")
        for name, body in SCRIPTS.items():
            script = self.bin / name
            script.write_text(f"#!{self.python}\n{body}", encoding="utf-8")
            script.chmod(0o755)

    @property
    def environ(self) -> dict[str, str]:
        """The environment of a shell in which this venv is activated."""
        environ = {key: value for key, value in os.environ.items()
                   if key not in ("PYTHONPATH", "PYTHONHOME", "VETKIT_LOAD_PLUGINS", "VETKIT_DISABLE_PLUGINS")}
        environ.update(PATH=f"{self.bin}{os.pathsep}{environ.get('PATH', '')}", VIRTUAL_ENV=str(self.path),
                       NO_COLOR="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1",
                       PYTHONDONTWRITEBYTECODE="1")
        return environ

    def run(self, *args: object, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
        """Run a command (``python``, ``pip``, ``vetkit`` are this venv's) and capture its output."""
        command = [str(arg) for arg in args]
        if command[0] in ("python", "pip", "vetkit"):
            command[0] = str(self.bin / command[0])
        return subprocess.run(command, cwd=cwd, env=self.environ, capture_output=True, text=True, timeout=timeout)

    def pip_install(self, project: Path, *, editable: bool = True) -> None:
        """Install a project without its dependencies (they come from the running environment)."""
        args = ["pip", "install", "--no-deps", "--quiet", *(["-e"] if editable else []), str(project)]
        result = self.run(*args, cwd=project)
        assert result.returncode == 0, f"pip install {project} failed:\n{result.stdout}\n{result.stderr}"


def describe(result: subprocess.CompletedProcess) -> str:
    """A failed command's exit code and output, for assertion messages."""
    return f"exit code {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


if __name__ == "__main__":  # pragma: no cover - manual use: python tests/plugin_venv.py DIR
    print(LayeredVenv(Path(sys.argv[1])).python)
