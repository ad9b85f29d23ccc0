"""Export products declared once: the command line is built from the declarations.

A product added as one declaration gets its ``curator export`` subcommand, its flags (help in
the interface language), its options and its run; the default file name is made from the
catalogue's title and is safe on every common file system.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from curator import cli
from curator.core.errors import UsageError
from curator.core.publishing.catalogue_texts import TextKey, set_texts
from curator.core.services import ProjectService
from curator.demo import write_demo
from curator.export import products
from curator.export.product_spec import (
    PAPERS,
    OptionKind,
    ProductOption,
    default_file_name,
    export_title,
)
from curator.i18n import N_, _, set_language

COMMON = {"-h", "-o", "--icc", "--json", "--ui-language", "--debug"}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo"))[0]


def _subparsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("no subcommands")


def _export_parsers() -> dict[str, argparse.ArgumentParser]:
    return _subparsers(_subparsers(cli.build_parser())["export"])


def _flags(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {
        action.option_strings[-1]: action
        for action in parser._actions
        if action.option_strings and action.option_strings[0] not in COMMON
    }


@pytest.mark.parametrize("language", ["en", "vi", "ru"])
def test_every_subcommand_has_exactly_its_declared_flags_with_translated_help(language) -> None:
    set_language(language)
    try:
        parsers = _export_parsers()
        assert list(parsers) == [spec.name for spec in products.PRODUCTS]
        for spec in products.PRODUCTS:
            flags = _flags(parsers[spec.name])
            assert list(flags) == [option.flag for option in spec.all_options], spec.name
            for option in spec.all_options:
                assert flags[option.flag].help == _(option.help)
                if language != "en":  # the catalogues translate every help
                    assert flags[option.flag].help != option.help, (spec.name, option.key)
    finally:
        set_language("en")


def test_flags_read_their_kind_and_default_as_declared() -> None:
    parsers = _export_parsers()
    args = parsers["panels"].parse_args(["p.curator", "-o", "x.pdf", "--paper", "A3",
                                         "--bleed", "0.5cm"])  # fmt: skip
    assert args.paper == (297.0, 420.0) and args.bleed == pytest.approx(5.0)
    assert args.marks is False and args.picks_only is False
    catalogue = parsers["catalogue"].parse_args(["p.curator", "-o", "x.pdf"])
    assert catalogue.marks is None  # the project's setting, as declared
    with pytest.raises(SystemExit):
        parsers["labels"].parse_args(["p.curator", "-o", "x.pdf", "--label", "huge"])


#: A product that is not one of Curator's: the approval proof's renderer under another name,
#: with a paper offering A3 only, to show that one declaration makes a whole product.
SAMPLER = replace(
    products.PROOF,
    name="sampler",
    title=N_("Export Approval Proof"),
    options=(
        products.PROOF.options[0],
        ProductOption(
            "paper",
            OptionKind.SIZE,
            N_("the paper, turned landscape (default: A4)"),
            N_("Paper:"),
            choices=PAPERS[1:2],
        ),
    ),
    file_name=N_("proof"),
)


def test_a_product_declared_once_is_a_command_with_its_flags_and_output(
    demo: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.setattr(products, "PRODUCTS", (*products.PRODUCTS, SAMPLER))
    assert "sampler" in _export_parsers()
    target = tmp_path / "sampler.pdf"
    code = cli.main(["export", "sampler", str(demo), "-o", str(target), "--paper", "A3",
                     "--languages", "en,ru", "--json"])  # fmt: skip
    assert code == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["exported"] and payload["path"] == str(target) and payload["photos"] == 9
    info = subprocess.run(["pdfinfo", str(target)], capture_output=True, text=True, check=True)
    size = next(line for line in info.stdout.splitlines() if line.startswith("Page size"))
    assert "1190.55 x 841.89" in size  # A3, turned landscape, as the declared option chose
    with pytest.raises(SystemExit) as usage:  # the labels' flag is not the sampler's
        cli.main(["export", "sampler", str(demo), "-o", str(tmp_path / "b.pdf"), "--label", "A6"])
    assert usage.value.code == 2


def test_a_value_its_declaration_keeps_is_kept_and_a_refusal_only_warns(
    demo: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    kept: list[str] = []

    def keep(service: ProjectService, value: str) -> None:
        assert not service.read_only  # kept in the project, not in the export's reader
        kept.append(value)
        if value == "refused":
            raise UsageError("no room for it")

    note = ProductOption(
        "note",
        OptionKind.TEXT,
        N_("a note"),
        N_("Note:"),
        metavar="TEXT",
        remember=keep,
        not_kept=N_("The note was not kept: %(reason)s"),
    )
    noted = replace(SAMPLER, name="noted", options=(*SAMPLER.options, note))
    monkeypatch.setattr(products, "PRODUCTS", (*products.PRODUCTS, noted))
    base = ["export", "noted", str(demo), "--paper", "A3"]
    assert cli.main([*base, "-o", str(tmp_path / "a.pdf")]) == 0
    assert kept == []  # nothing given, nothing kept
    assert cli.main([*base, "-o", str(tmp_path / "b.pdf"), "--note", "kept"]) == 0
    assert cli.main([*base, "-o", str(tmp_path / "c.pdf"), "--note", "refused"]) == 0
    assert kept == ["kept", "refused"]
    assert "The note was not kept: no room for it" in capsys.readouterr().err
    assert (tmp_path / "c.pdf").is_file()  # the export went on


def test_the_export_title_is_the_catalogue_title_of_the_first_language_that_has_one(
    tmp_path: Path,
) -> None:
    path, _created = write_demo(tmp_path)
    with ProjectService.open(path) as service:
        assert export_title(service) == "Việt Nam – Nga: 68 năm hợp tác thông tấn"
        set_texts(service, [(TextKey.TITLE, "vi", "")])
        assert export_title(service).startswith("Вьетнам – Россия")
        set_texts(service, [(TextKey.TITLE, tag, "") for tag in ("ru", "en")])
        assert export_title(service) == service.project.get().title
        assert default_file_name(products.CATALOGUE, export_title(service)) == (
            "Việt-Nam-Nga-68-năm-hợp-tác-thông-tấn-catalogue.pdf"
        )


@pytest.mark.parametrize(
    "title",
    [
        'Hà Nội: "Mùa xuân" / 2026 <new>? *',
        "CON",
        "." * 5,
        "",
        "\x00\x1f\u0300",
        "Đổi Mới " * 80,  # far past 255 bytes in UTF-8
        "Ngày\u0301 mới",  # a combining mark: the name is NFC
    ],
)
def test_every_default_file_name_can_be_written_as_it_is(title: str, tmp_path: Path) -> None:
    for spec in products.PRODUCTS:
        name = default_file_name(spec, title)
        ending = f"{spec.file_name}{spec.suffix}"  # a folder's name has no suffix (the web)
        assert name.endswith(f"-{ending}") or name == ending
        assert not set(name) & set('<>:"/\\|?*') and name.isprintable()
        assert unicodedata.is_normalized("NFC", name)
        assert len(name.encode("utf-8")) <= 120 and not name.startswith((".", "-", " "))
        assert name.split(".")[0].upper() not in {"CON", "PRN", "AUX", "NUL"}
        (tmp_path / name).write_bytes(b"%PDF")  # the file system takes it as it is
        assert [p.name for p in tmp_path.iterdir()] == [name]
        (tmp_path / name).unlink()
