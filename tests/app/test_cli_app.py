"""`ess-graph app`: which command it runs, with which data, and its errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from click.testing import CliRunner

from ess_graph import cli

ROOT = Path(__file__).resolve().parents[2]


def run_app(monkeypatch, args):
    calls = []

    def fake_call(cmd, env=None, cwd=None):
        calls.append((cmd, env, cwd))
        return 0

    monkeypatch.setattr(subprocess, "call", fake_call)
    result = CliRunner().invoke(cli.main, ["app", *args])
    return result, calls


def test_app_runs_streamlit_headless_on_the_given_path(monkeypatch, small_network):
    result, calls = run_app(monkeypatch, [str(small_network), "--port", "8599"])
    assert result.exit_code == 0, result.output
    (cmd, env, cwd) = calls[0]
    assert cmd[1:4] == ["-m", "streamlit", "run"]
    assert Path(cmd[4]) == ROOT / "ess_graph_app" / "app.py"  # the package's router
    flags = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert flags["--server.port"] == "8599"
    assert flags["--server.headless"] == "true"
    assert flags["--browser.gatherUsageStats"] == "false"
    assert env[cli.APP_DATA_ENV] == str(small_network.resolve())
    assert Path(cwd) == ROOT / "ess_graph_app"
    assert "http://localhost:8599" in result.output


def test_app_defaults_to_the_demo(monkeypatch):
    result, calls = run_app(monkeypatch, [])
    assert result.exit_code == 0, result.output
    assert calls[0][1][cli.APP_DATA_ENV] == str(ROOT / "data" / "demo")
    assert "--server.port" in calls[0][0]
    assert calls[0][0][calls[0][0].index("--server.port") + 1] == "8501"


def test_app_missing_path_is_a_usage_error(monkeypatch, tmp_path):
    result, calls = run_app(monkeypatch, [str(tmp_path / "nowhere")])
    assert result.exit_code == 2
    assert calls == []
    assert "nowhere" in result.output


def test_app_rejects_a_bad_port(monkeypatch, small_network):
    result, calls = run_app(monkeypatch, [str(small_network), "--port", "70000"])
    assert result.exit_code == 2
    assert calls == []


def test_app_workspace_option_starts_meeting_mode_with_an_absolute_path(
    monkeypatch, small_network, tmp_path
):
    monkeypatch.delenv(cli.APP_WORKSPACE_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    result, calls = run_app(monkeypatch, [str(small_network), "--workspace", "rencontre.sqlite"])
    assert result.exit_code == 0, result.output
    env = calls[0][1]
    # streamlit runs from the app's folder: a relative path must reach it resolved
    assert env[cli.APP_WORKSPACE_ENV] == str(tmp_path / "rencontre.sqlite")
    assert env[cli.APP_DATA_ENV] == str(small_network.resolve())
    assert "rencontre.sqlite" in result.output


def test_app_honours_the_workspace_environment_variable(monkeypatch, small_network, tmp_path):
    monkeypatch.setenv(cli.APP_WORKSPACE_ENV, str(tmp_path / "w.sqlite"))
    result, calls = run_app(monkeypatch, [str(small_network)])
    assert result.exit_code == 0, result.output
    assert calls[0][1][cli.APP_WORKSPACE_ENV] == str(tmp_path / "w.sqlite")


def test_app_without_workspace_is_read_only(monkeypatch, small_network):
    monkeypatch.delenv(cli.APP_WORKSPACE_ENV, raising=False)
    result, calls = run_app(monkeypatch, [str(small_network)])
    assert result.exit_code == 0, result.output
    assert cli.APP_WORKSPACE_ENV not in calls[0][1]


def test_app_workspace_in_a_missing_folder_is_a_usage_error(monkeypatch, small_network, tmp_path):
    result, calls = run_app(
        monkeypatch, [str(small_network), "--workspace", str(tmp_path / "nowhere" / "w.sqlite")]
    )
    assert result.exit_code == 2
    assert calls == []


def test_app_without_the_app_package_says_so(monkeypatch, small_network):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name, *a: None if name == "ess_graph_app" else real(name, *a),
    )
    result, calls = run_app(monkeypatch, [str(small_network)])
    assert result.exit_code == 2
    assert calls == []
    assert "the app is not installed" in result.output


def test_app_survey_only_tells_the_app_and_needs_a_workspace(monkeypatch, small_network, tmp_path):
    monkeypatch.delenv(cli.APP_WORKSPACE_ENV, raising=False)
    monkeypatch.setenv(cli.APP_SURVEY_ONLY_ENV, "1")  # a stale value is not inherited
    result, calls = run_app(monkeypatch, [str(small_network)])
    assert result.exit_code == 0 and cli.APP_SURVEY_ONLY_ENV not in calls[0][1]
    result, calls = run_app(monkeypatch, [str(small_network), "--survey-only"])
    assert result.exit_code == 2 and calls == [] and "--workspace" in result.output
    ws = str(tmp_path / "w.sqlite")
    result, calls = run_app(monkeypatch, [str(small_network), "--workspace", ws, "--survey-only"])
    assert result.exit_code == 0, result.output
    assert calls[0][1][cli.APP_SURVEY_ONLY_ENV] == "1" and "survey forms only" in result.output
