"""Facilitator password: open by default, required when configured, never shown."""

from __future__ import annotations

import hmac
import logging

import pytest

from ess_graph.workspace import access
from ess_graph.workspace.access import (
    check_facilitator_password,
    facilitator_password_configured,
)


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch):
    monkeypatch.delenv(access.PASSWORD_ENV, raising=False)
    monkeypatch.delenv(access.CONFIG_ENV, raising=False)


def test_no_password_configured_means_editing_is_open():
    assert not facilitator_password_configured()
    assert check_facilitator_password(None)
    assert check_facilitator_password("anything")


def test_password_from_environment(monkeypatch):
    monkeypatch.setenv(access.PASSWORD_ENV, "rencontre-2009")
    assert facilitator_password_configured()
    assert check_facilitator_password("rencontre-2009")
    assert not check_facilitator_password("rencontre-2008")
    assert not check_facilitator_password("")
    assert not check_facilitator_password(None)


def test_password_from_toml_config(monkeypatch, tmp_path):
    config = tmp_path / "ess_graph.toml"
    config.write_text('facilitator_password = "é-mot de passe"\n', encoding="utf-8")
    monkeypatch.setenv(access.CONFIG_ENV, str(config))
    assert check_facilitator_password("é-mot de passe")
    assert not check_facilitator_password("mot de passe")


def test_environment_wins_over_config(monkeypatch, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('facilitator_password = "from-file"\n')
    monkeypatch.setenv(access.CONFIG_ENV, str(config))
    monkeypatch.setenv(access.PASSWORD_ENV, "from-env")
    assert check_facilitator_password("from-env")
    assert not check_facilitator_password("from-file")


def test_config_without_the_key_leaves_editing_open(monkeypatch, tmp_path):
    config = tmp_path / "c.toml"
    config.write_text('other = "x"\n')
    monkeypatch.setenv(access.CONFIG_ENV, str(config))
    assert check_facilitator_password(None)


def test_unreadable_config_keeps_editing_closed(monkeypatch, tmp_path):
    monkeypatch.setenv(access.CONFIG_ENV, str(tmp_path / "missing.toml"))
    assert facilitator_password_configured()
    assert not check_facilitator_password("")
    broken = tmp_path / "broken.toml"
    broken.write_text("facilitator_password = \n")
    monkeypatch.setenv(access.CONFIG_ENV, str(broken))
    assert not check_facilitator_password("x")


def test_comparison_is_constant_time_and_nothing_is_logged(monkeypatch, caplog, capsys):
    calls = []
    real = hmac.compare_digest

    def spy(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(access.hmac, "compare_digest", spy)
    monkeypatch.setenv(access.PASSWORD_ENV, "s3cret-facilitator")
    with caplog.at_level(logging.DEBUG):
        check_facilitator_password("wrong-guess")
    assert calls == [1]
    out = capsys.readouterr()
    assert "s3cret" not in caplog.text + out.out + out.err
    assert "wrong-guess" not in caplog.text + out.out + out.err
