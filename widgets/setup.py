"""Build step: copy the collection's case studies and pages into the package as data.

``casestudies/`` and ``notebooks/`` stay top-level folders of the repository (authors and the
book use them there). A wheel must carry them, so the build copies them into
``circlekit/data/``; an sdist carries the copy, so a wheel built from it needs no repository.
Everything else about the package is declared in pyproject.toml.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent
# folder in the repository: the files of it the app reads
BUNDLED = {"casestudies": "*.md", "notebooks": "*.ipynb"}


def copy_bundled(package_dir: Path) -> None:
    """Copy each bundled folder into ``package_dir/data`` (a no-op when building from an
    sdist, which already holds the copy and has no repository around it)."""
    for name, pattern in BUNDLED.items():
        source = REPOSITORY / name
        if HERE.name != "widgets" or not source.is_dir():
            continue  # an unpacked sdist: its copy is already in place
        target = package_dir / "data" / name
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        for path in sorted(source.glob(pattern)):
            shutil.copy2(path, target / path.name)


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        if not self.editable_mode:  # an editable install reads the repository itself
            copy_bundled(Path(self.build_lib) / "circlekit")


class SdistWithData(sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_bundled(Path(base_dir) / "circlekit")


setup(cmdclass={"build_py": BuildWithData, "sdist": SdistWithData})
