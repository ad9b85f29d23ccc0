"""A project address: a file path, or a PostgreSQL URI naming a project, never a password."""

from __future__ import annotations

from pathlib import Path

import pytest

from curator.core.storage.address import (
    AddressError,
    FileAddress,
    ServerAddress,
    parse_address,
    redact,
)


@pytest.mark.parametrize(
    "text", ["exhibition.curator", "/srv/a b/Выставка.curator", "postgresql.curator", "C:x"]
)
def test_anything_but_a_postgresql_uri_is_a_file(text: str):
    address = parse_address(text)
    assert address == FileAddress(Path(text))
    assert address.display() == text


@pytest.mark.parametrize(
    ("text", "conninfo", "project"),
    [
        ("postgresql://db.example.org/expo", "postgresql://db.example.org/expo", "default"),
        (
            "POSTGRES://h:5433/expo?sslmode=verify-full",
            "POSTGRES://h:5433/expo?sslmode=verify-full",
            "default",
        ),
        (
            "postgresql:///expo?host=/run/pg&user=curator&project=tass_ttxvn",
            "postgresql:///expo?host=/run/pg&user=curator",
            "tass_ttxvn",
        ),
        (
            "postgresql://a,b:6543/expo?project=x1&target_session_attrs=read-write",
            "postgresql://a,b:6543/expo?target_session_attrs=read-write",
            "x1",
        ),
        (
            "postgresql://anna@h/expo?service=agency",
            "postgresql://anna@h/expo?service=agency",
            "default",
        ),
        ("postgresql://h/expo?%70roject=y", "postgresql://h/expo", "y"),
    ],
)
def test_a_uri_goes_to_libpq_as_written_without_the_project(text: str, conninfo: str, project: str):
    address = parse_address(text)
    assert address == ServerAddress(conninfo=conninfo, project=project)
    assert address.schema == "curator_" + project
    again = parse_address(address.display())
    assert again == address


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("postgresql://anna:s3cret@h/expo", "postgresql://anna:***@h/expo"),
        ("postgresql://anna:@h/expo", "postgresql://anna:***@h/expo"),
        ("postgresql://anna:s3/c#r@t@h/expo?project=a", "postgresql://anna:***@h/expo?project=a"),
        (
            "postgres://h/expo?sslmode=require&password=s3cret",
            "postgres://h/expo?sslmode=require&password=***",
        ),
        ("postgresql:///expo?pass%77ord=s3cret", "postgresql:///expo?pass%77ord=***"),
    ],
)
def test_a_password_in_the_uri_is_refused_without_being_shown(text: str, shown: str):
    with pytest.raises(AddressError) as refused:
        parse_address(text)
    message = str(refused.value)
    assert "s3" not in message and "r@t" not in message
    assert shown in message
    assert "~/.pgpass" in message
    assert redact(text) == shown


@pytest.mark.parametrize("name", ["", "Tass", "1st", "a-b", "a" * 41, "x;drop", "tass%20x"])
def test_a_project_name_must_be_a_plain_identifier(name: str):
    with pytest.raises(AddressError, match="not a project name"):
        parse_address(f"postgresql://h/expo?project={name}")


def test_a_fragment_is_refused():
    with pytest.raises(AddressError, match="'#'"):
        parse_address("postgresql://h/expo#x")


def test_an_address_names_at_most_one_project():
    with pytest.raises(AddressError, match="more than one project"):
        parse_address("postgresql://h/expo?project=a&user=u&project=b")
