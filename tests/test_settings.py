"""The app's one settings object, the console script and where the collection's files are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from circlekit import cli
from circlekit.content import resources
from circlekit.content.casestudies import load_cases
from circlekit.server.launch import notebooks_folder, server_command
from circlekit.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def no_settings_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for variable, _default, _help in Settings.docs():
        if variable not in ("CIRCLEKIT_DATA_DIR", "CIRCLEKIT_AUTOSAVE_DELAY"):
            monkeypatch.delenv(variable, raising=False)


def test_defaults_listen_on_this_computer_only() -> None:
    s = Settings()
    assert (s.host, s.port, s.token, s.max_kernels) == ("127.0.0.1", 8866, "", 12)
    assert not s.show_tracebacks


def test_environment_then_command_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLEKIT_PORT", "9000")
    monkeypatch.setenv("CIRCLEKIT_TOKEN", " a-long-enough-secret-token ")
    monkeypatch.setenv("CIRCLEKIT_MAX_KERNELS", "4")
    s = Settings.given(port=None, host="0.0.0.0")
    assert (s.port, s.host, s.token, s.max_kernels) == (9000, "0.0.0.0",
                                                        "a-long-enough-secret-token", 4)
    assert Settings.given(port=9100).port == 9100


def test_voila_gets_the_settings_on_its_command_line() -> None:
    """Command-line options beat any voila.json in the folder the app starts in."""
    command = server_command("pages", "127.0.0.1", 8866, Settings(max_kernels=3))
    assert "--VoilaConfiguration.show_tracebacks=False" in command
    assert "--VoilaConfiguration.strip_sources=True" in command
    assert "--CircleVoila.max_kernels=3" in command
    assert "--MappingKernelManager.cull_idle_timeout=120" in command
    assert not (ROOT / "voila.json").exists()  # one place for settings


def test_pages_and_cases_come_from_the_checkout_when_not_packaged() -> None:
    assert Path(str(resources.casestudies())) == ROOT / "casestudies"
    assert resources.notebooks() == ROOT / "notebooks"
    assert notebooks_folder(Settings()) == str(ROOT / "notebooks")
    assert len(load_cases()) >= 10


def test_console_script_status(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["status"]) == 0
    assert "is not locked" in capsys.readouterr().out


def test_console_script_book_outside_the_repository(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["book"]) == 1
    assert "top folder" in capsys.readouterr().out


def test_console_script_refuses_the_network_without_a_token(
        data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        cli.main(["app", "--host=0.0.0.0"])
    assert "token" in str(stop.value).lower()


def test_every_setting_is_documented_in_the_readme() -> None:
    """One row per setting in the README's table, with its variable and its default."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for variable, default, _help in Settings.docs():
        assert f"| `{variable}` | {default} |" in readme, f"document {variable} in README.md"


def test_every_setting_has_a_variable_and_help() -> None:
    names = [variable for variable, _d, _h in Settings.docs()]
    assert len(names) == len(set(names)) >= 14
    assert all(help_text.endswith(".") for _v, _d, help_text in Settings.docs())


def test_a_wrong_value_is_named_plainly(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CIRCLEKIT_PORT", "eighty")
    with pytest.raises(SystemExit) as stop:
        cli.main(["app"])
    assert "$CIRCLEKIT_PORT is 'eighty'" in str(stop.value)


def test_the_hub_loads_the_same_settings(monkeypatch: pytest.MonkeyPatch, data_dir: Path
                                        ) -> None:
    """deploy/jupyterhub's server config is the laptop's settings, not a copy of them."""
    from traitlets.config import Config

    monkeypatch.setenv("CIRCLEKIT_IDLE_TIMEOUT", "300")
    # What the config hands the kernels, restored after this test.
    monkeypatch.setenv("IPYTHONDIR", "unset")
    monkeypatch.setenv("JUPYTER_WIDGETS_ECHO", "1")
    c = Config()
    source = (ROOT / "deploy" / "jupyterhub" / "jupyter_server_config.py").read_text()
    exec(compile(source, "jupyter_server_config.py", "exec"), {"get_config": lambda: c})
    for section, values in Settings().server_config().items():
        for key, value in values.items():
            assert c[section][key] == value, (section, key)
    assert c.MappingKernelManager.cull_idle_timeout == 300
    assert c.VoilaConfiguration.show_tracebacks is False
    assert c.KernelManager.transport == "ipc"
    assert c.ServerApp.authorizer_class == "circlekit.server.hub.PagesOnly"
    assert os.environ["JUPYTER_WIDGETS_ECHO"] == "0"
    assert os.environ["IPYTHONDIR"] == str(data_dir / "ipython")


def test_settings_read_a_given_environment() -> None:
    """How a server started for a test gets its own limits without touching this process."""
    s = Settings({"CIRCLEKIT_MAX_KERNELS": "2", "CIRCLEKIT_TOKEN": "t" * 20})
    assert (s.max_kernels, s.token) == (2, "t" * 20)
    assert Settings().max_kernels == 12
