"""Every install builds the same: the image, the hub and the laptop read the one hashed lock,
and the Kubernetes values pass the zero-to-jupyterhub chart's own schema.

``docker build`` cannot run here, so the Dockerfile is read, not built.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from lock_subset import subset

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "deploy" / "kubernetes" / "Dockerfile"
VALUES = ROOT / "deploy" / "kubernetes" / "values.yaml"
# The chart's schema and defaults, copied from the chart version the deploy README names.
CHART = ROOT / "deploy" / "kubernetes" / "chart"


def pip_installs(text: str) -> list[str]:
    """Each ``pip install`` command in ``text``, its continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", text)
    return [m.group(0) for m in re.finditer(r"pip install[^\n&;]*", joined)]


def reads_the_lock(command: str) -> bool:
    return ("--require-hashes" in command and " -r " in command) or "--no-deps" in command


def test_the_image_installs_only_from_the_lock() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    installs = [c for c in pip_installs(text) if "--upgrade pip" not in c]  # pip itself
    assert len(installs) >= 2
    assert all(reads_the_lock(c) for c in installs), installs
    assert "COPY requirements.lock" in text


def test_the_image_starts_from_a_pinned_base() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    base = re.search(r"^FROM\s+(\S+)", text, re.MULTILINE)
    assert base is not None
    image = base.group(1)
    if "${BASE_DIGEST}" in image:  # a build argument with no default: a build must name it
        assert re.search(r"^ARG BASE_DIGEST\s*$", text, re.MULTILINE)
        assert image.endswith("@${BASE_DIGEST}")
    else:
        assert re.search(r"@sha256:[0-9a-f]{64}$", image), image


def test_the_hub_and_the_laptop_install_only_from_the_lock() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    installs = [c for c in pip_installs(makefile) if "--upgrade pip" not in c
                and " uv" not in c]
    assert len(installs) >= 4
    assert all(reads_the_lock(c) for c in installs), installs
    hub = makefile[makefile.index("hub-install: "):]
    assert "lock_subset.py hub" in hub


def test_the_lock_holds_the_hub() -> None:
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    part = subset(lock, ["hub"])
    for name in ("jupyterhub==", "jupyterhub-nativeauthenticator==", "jupyterhub-idle-culler==",
                 "voila==", "pydantic=="):
        assert f"\n{name}" in "\n" + part, name
    assert "playwright==" not in part and "jupyter-book==" not in part  # tests and book stay out
    assert "--hash=sha256:" in part


def test_pip_accepts_the_hubs_part_of_the_lock(tmp_path: Path) -> None:
    """pip itself, in --require-hashes mode: every package the hub needs is pinned and
    hashed (a missing one fails here, as it would in the image)."""
    requirements = tmp_path / "hub-requirements.txt"
    requirements.write_text(subset((ROOT / "requirements.lock").read_text(encoding="utf-8"),
                                   ["hub"]), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--quiet",
                           "--ignore-installed", "--require-hashes", "-r", str(requirements)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]


def merged(defaults: Any, values: Any) -> Any:
    """Helm's merge of a deployment's values over the chart's defaults (null removes a key)."""
    if isinstance(defaults, dict) and isinstance(values, dict):
        out = dict(defaults)
        for key, value in values.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merged(defaults.get(key), value)
        return out
    return values


def chart() -> Path:
    if not (CHART / "values.schema.yaml").is_file():
        pytest.skip("the chart's values schema is missing from deploy/kubernetes/chart/")
    return CHART


def schema_errors(values: dict[str, Any]) -> list[str]:
    folder = chart()
    schema = yaml.safe_load((folder / "values.schema.yaml").read_text(encoding="utf-8"))
    defaults = yaml.safe_load((folder / "values.yaml").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(merged(defaults, values))]


def test_the_kubernetes_values_pass_the_charts_schema() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    assert schema_errors(values) == []


def test_the_schema_check_catches_a_misplaced_key() -> None:
    values = yaml.safe_load(VALUES.read_text(encoding="utf-8"))
    values["singleuser"]["memroy"] = {"limit": "2G"}  # misspelt
    values["cull"]["timeout"] = "an hour"  # wrong type
    errors = schema_errors(values)
    assert any("memroy" in e for e in errors), errors
    assert any(e.startswith("cull.timeout") for e in errors), errors
