"""docs/cli.md is the command-line contract: it must say what the parser and the JSON really are.

The parser is the real one (``curator.cli.build_parser``); the JSON is what the real commands
print for a small project (the demo, plus a photo in no section with GPS and a problem, a
refused file, a glossary finding, panels, a snapshot, a translator's file with a conflict and a
delivery). A failure lists exactly what is missing where, so whoever adds a flag or a field knows
which line of docs/cli.md to write.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from curator import cli

DOC = Path(__file__).resolve().parents[1] / "docs" / "cli.md"
COMMON_SECTION = "Options every command takes"
HELP = {"-h", "--help"}

# ---------------------------------------------------------------------------------------------
# Reading docs/cli.md


@dataclass
class Row:
    names: list[str]  # flags (``-o``, ``--output``) or positional metavars (``PROJECT``)
    text: str  # the whole row, for choices


@dataclass
class Block:
    synopsis: str = ""
    arguments: list[Row] = field(default_factory=list)
    fields: list[tuple[str, bool]] = field(default_factory=list)  # (pattern, optional)
    field_rows: dict[str, str] = field(default_factory=dict)  # pattern: its row
    line: int = 0


_HEADING = re.compile(r"^(#{2,3})\s+(.*)$")
_COMMAND_HEADING = re.compile(r"^`curator((?: [a-z][a-z-]*)*)`$")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_CODE = re.compile(r"`([^`]+)`")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in _CELL_SPLIT.split(line.strip().strip("|"))]


def _argument_names(cell: str) -> list[str]:
    names = []
    for code in _CODE.findall(cell):
        first = code.split()[0]
        if first.startswith("-") or re.fullmatch(r"[A-Z][A-Z_]*", first):
            names.append(first)
    return names


def parse_doc(text: str) -> tuple[dict[tuple[str, ...], Block], list[str]]:
    """Command blocks by path (``("exchange", "import")``) and the common options."""
    blocks: dict[tuple[str, ...], Block] = {}
    common: list[str] = []
    current: Block | None = None
    in_common = False
    table: str | None = None  # "arguments", "fields" or None
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        if heading:
            title = heading.group(2).strip()
            match = _COMMAND_HEADING.match(title)
            in_common = title == COMMON_SECTION
            current = None
            if match:
                path = tuple(match.group(1).split())
                current = blocks.setdefault(path, Block(line=number))
            table = None
            continue
        if current is not None and not current.synopsis and line.startswith("    curator"):
            current.synopsis = line.strip()
            continue
        if not line.startswith("|"):
            table = None
            continue
        cells = _cells(line)
        if table is None:
            header = cells[0].lower()
            table = "fields" if header == "field" else "arguments"
            continue
        if set(cells[0]) <= {"-", " ", ":"}:
            continue
        if in_common:
            common.extend(_argument_names(cells[0]))
        elif current is not None and table == "arguments":
            current.arguments.append(Row(_argument_names(cells[0]), line))
        elif current is not None and table == "fields":
            optional = len(cells) > 1 and "absent" in cells[1]
            for name in _CODE.findall(cells[0]):
                current.fields.append((name.replace("\\|", "|"), optional))
                current.field_rows[name] = line
    return blocks, common


# ---------------------------------------------------------------------------------------------
# Reading the real parser


def _subparsers(parser: argparse.ArgumentParser) -> argparse._SubParsersAction | None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return action
    return None


def parser_commands() -> tuple[
    dict[tuple[str, ...], argparse.ArgumentParser], dict[tuple[str, ...], argparse.ArgumentParser]
]:
    """Leaf commands (and the bare ``curator``) by path, and the groups (``glossary``)."""
    leaves: dict[tuple[str, ...], argparse.ArgumentParser] = {}
    groups: dict[tuple[str, ...], argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        subs = _subparsers(parser)
        if subs is None or not path:
            leaves[path] = parser
        else:
            groups[path] = parser
        if subs is not None:
            for name, child in subs.choices.items():
                walk(child, (*path, *name.split()))  # "caption replace": two words

    walk(cli.build_parser(), ())
    return leaves, groups


def _flags(parser: argparse.ArgumentParser) -> set[str]:
    return {
        option
        for action in parser._actions
        for option in action.option_strings
        if option not in HELP
    }


def _positionals(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {
        str(action.metavar or action.dest): action
        for action in parser._actions
        if not action.option_strings and not isinstance(action, argparse._SubParsersAction)
    }


def _required(parser: argparse.ArgumentParser) -> set[str]:
    required = {
        o for a in parser._actions if a.required and a.option_strings for o in a.option_strings
    }
    for group in parser._mutually_exclusive_groups:
        if group.required:
            required |= {o for a in group._group_actions for o in a.option_strings}
    return required


def _name(path: tuple[str, ...]) -> str:
    return " ".join(("curator", *path))


@pytest.fixture(scope="module")
def doc() -> tuple[dict[tuple[str, ...], Block], list[str]]:
    return parse_doc(DOC.read_text(encoding="utf-8"))


def _fail(problems: list[str]) -> None:
    if problems:
        pytest.fail("docs/cli.md differs from the code:\n  " + "\n  ".join(problems), False)


# ---------------------------------------------------------------------------------------------
# The parser against the page


def command_problems(blocks: dict[tuple[str, ...], Block], common: list[str]) -> list[str]:
    leaves, _groups = parser_commands()
    problems = [
        f"{_name(path)}: a command of the parser with no '### `{_name(path)}`' section"
        for path in sorted(set(leaves) - set(blocks))
    ]
    problems += [
        f"{_name(path)} (docs/cli.md line {blocks[path].line}): documented, not in the parser"
        for path in sorted(set(blocks) - set(leaves))
    ]
    return problems


def argument_problems(blocks: dict[tuple[str, ...], Block], common: list[str]) -> list[str]:
    leaves, groups = parser_commands()
    problems = []
    for path, parser in sorted(leaves.items()):
        block = blocks.get(path)
        if block is None:
            continue  # reported by the test above
        real = _flags(parser) - set(common)
        documented = {n for row in block.arguments for n in row.names if n.startswith("-")}
        for flag in sorted(real - documented):
            problems.append(f"{_name(path)}: {flag} is in the parser, not in docs/cli.md")
        for flag in sorted(documented - real):
            problems.append(f"{_name(path)}: {flag} is in docs/cli.md, not in the parser")
        real_args = set(_positionals(parser))
        doc_args = {n for row in block.arguments for n in row.names if not n.startswith("-")}
        for name in sorted(real_args - doc_args):
            problems.append(f"{_name(path)}: argument {name} is in the parser, not in docs/cli.md")
        for name in sorted(doc_args - real_args):
            problems.append(f"{_name(path)}: argument {name} is in docs/cli.md, not in the parser")
    for path, parser in sorted(groups.items()):
        for flag in sorted(_flags(parser) - set(common)):
            problems.append(f"{_name(path)}: the group's own {flag} is not in docs/cli.md")
    return problems


def common_problems(blocks: dict[tuple[str, ...], Block], common: list[str]) -> list[str]:
    leaves, _groups = parser_commands()
    problems = [] if common else [f"docs/cli.md: no options under '## {COMMON_SECTION}'"]
    problems += [
        f"{_name(path)}: docs/cli.md says every command takes {flag}; the parser lacks it"
        for path, parser in sorted(leaves.items())
        for flag in common
        if flag not in _flags(parser)
    ]
    return problems


def _depths(synopsis: str) -> dict[str, int]:
    """Each word of a synopsis with the depth of ``[...]`` it sits in (its shallowest use)."""
    depths: dict[str, int] = {}
    depth = 0
    for token in re.findall(r"\[|\]|[^\s\[\]|]+", synopsis):
        if token == "[":
            depth += 1
        elif token == "]":
            depth -= 1
        else:
            depths[token] = min(depth, depths.get(token, depth))
    return depths


def synopsis_problems(blocks: dict[tuple[str, ...], Block], common: list[str]) -> list[str]:
    leaves, _groups = parser_commands()
    problems = []
    for path, parser in sorted(leaves.items()):
        block = blocks.get(path)
        if block is None:
            continue
        if not block.synopsis.startswith(_name(path)):
            problems.append(f"{_name(path)}: no synopsis line '    {_name(path)} ...'")
            continue
        words = _depths(block.synopsis[len(_name(path)) :])
        required = _required(parser)
        for action in parser._actions:
            options = [o for o in action.option_strings if o not in HELP and o not in common]
            if not options:
                continue
            shown = [o for o in options if o in words]
            if not shown:
                problems.append(f"{_name(path)}: {options[-1]} is not in the synopsis")
            elif options[0] in required and words[shown[0]] > 0:
                problems.append(
                    f"{_name(path)}: {shown[0]} is required; the synopsis has it in [ ]"
                )
            elif options[0] not in required and words[shown[0]] == 0:
                problems.append(f"{_name(path)}: {shown[0]} is optional; the synopsis needs [ ]")
        for name, action in _positionals(parser).items():
            spelled = [w for w in words if w.rstrip(".") == name]
            if not spelled:
                problems.append(f"{_name(path)}: {name} is not in the synopsis")
                continue
            word = spelled[0]
            optional = action.nargs in ("?", "*")
            if optional != (words[word] > 0):
                kind = "optional" if optional else "required"
                problems.append(f"{_name(path)}: {name} is {kind}; the synopsis says otherwise")
            if action.nargs in ("+", "*") and not word.endswith("..."):
                problems.append(f"{_name(path)}: {name} takes several; write {name}...")
    return problems


def choice_problems(blocks: dict[tuple[str, ...], Block], common: list[str]) -> list[str]:
    leaves, _groups = parser_commands()
    problems = []
    for path, parser in sorted(leaves.items()):
        block = blocks.get(path)
        if block is None:
            continue
        for action in parser._actions:
            if not action.choices or not action.option_strings:
                continue
            if any(not isinstance(choice, str) for choice in action.choices):
                continue  # a range of numbers: the row gives its bounds
            row = next(
                (r for r in block.arguments if set(r.names) & set(action.option_strings)), None
            )
            if row is None:
                continue  # reported as an undocumented flag
            for choice in action.choices:
                if f"`{choice}`" not in row.text:
                    problems.append(
                        f"{_name(path)}: {action.option_strings[-1]} accepts {choice!r}; "
                        "its row in docs/cli.md does not name it"
                    )
    return problems


@pytest.mark.parametrize("check", [command_problems, argument_problems, common_problems,
                                   synopsis_problems, choice_problems])  # fmt: skip
def test_the_page_matches_the_parser(doc, check) -> None:
    _fail(check(*doc))


def _without(text: str, line_start: str) -> str:
    lines = text.splitlines()
    kept = [line for line in lines if not line.startswith(line_start)]
    assert len(kept) == len(lines) - 1, line_start
    return "\n".join(kept)


def test_the_checks_name_what_drifted() -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks, common = parse_doc(_without(text, "| `--replace` |"))
    assert argument_problems(blocks, common) == [
        "curator deliver: --replace is in the parser, not in docs/cli.md"
    ]
    blocks, common = parse_doc(text.replace("| `--unicode-names` |", "| `--unicode-name` |"))
    assert argument_problems(blocks, common) == [
        "curator deliver: --unicode-names is in the parser, not in docs/cli.md",
        "curator deliver: --unicode-name is in docs/cli.md, not in the parser",
    ]
    blocks, common = parse_doc(
        text.replace("### `curator backup take`", "### `curator backup drop`")
    )
    assert command_problems(blocks, common) == [
        "curator backup take: a command of the parser with no '### `curator backup take`' section",
        f"curator backup drop (docs/cli.md line {blocks[('backup', 'drop')].line}): "
        "documented, not in the parser",
    ]
    blocks, common = parse_doc(
        text.replace("PROJECT --to FOLDER [--section", "PROJECT [--to FOLDER] [--section")
    )
    assert synopsis_problems(blocks, common) == [
        "curator deliver: --to is required; the synopsis has it in [ ]"
    ]
    blocks, common = parse_doc(text.replace("`always`, `if-present`", "`always`, `if_present`"))
    assert choice_problems(blocks, common) == [
        "curator deliver: --iim accepts 'if-present'; its row in docs/cli.md does not name it"
    ]


def test_the_readme_links_the_contract_and_names_nothing_outside_the_repository() -> None:
    root = DOC.parents[1]
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "docs/cli.md" in readme
    outside = [
        f"{path.relative_to(root)}:{number}: {line.strip()}"
        for path in [root / "README.md", *sorted((root / "docs").glob("*.md"))]
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"\.\./\w|\bshared/", line)
    ]
    assert not outside, "outside the repository:\n" + "\n".join(outside)
    unknown = [
        f"{path.relative_to(root)}: {name}"
        for path in [root / "README.md", *sorted((root / "docs").glob("*.md"))]
        for name in re.findall(r"[\w./-]+\.md\b", path.read_text(encoding="utf-8"))
        if not (root / name).is_file() and not (path.parent / name).is_file()
    ]
    assert not unknown, "pages named that the repository does not have:\n" + "\n".join(unknown)


# ---------------------------------------------------------------------------------------------
# The JSON of every --json command against the page


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = cli.main([*args, "--ui-language", "en"])
    return code, out.getvalue()


def _json(*args: str, codes: tuple[int, ...] = (0,)) -> Any:
    code, out = _run(*args)
    assert code in codes, f"curator {' '.join(args)} ended with {code}"
    return json.loads(out)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, ...], Any]:
    """The real ``--json`` output of every command that has one, on a small rich project."""
    from PIL import Image

    base = tmp_path_factory.mktemp("contract")
    code, out = _run("demo", str(base / "demo"))
    assert code == 0
    project = out.strip()
    assert _run("layout", "auto", project)[0] == 0
    # After the layout: a photo in no section, with GPS, cut short (a problem); a non-image.
    extra = base / "extra.jpg"
    noise = Image.frombytes("RGB", (400, 300), random.Random(20).randbytes(400 * 300 * 3))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 28.2), 3: "E", 4: (105.0, 50.0, 28.3)}
    noise.save(extra, quality=90, exif=exif)
    data = extra.read_bytes()
    (base / "cut.jpg").write_bytes(data[: len(data) // 2])
    (base / "broken.jpg").write_bytes(b"not a jpeg")
    assert _run("import", project, str(base / "cut.jpg"), str(base / "broken.jpg"))[0] == 1
    photos = _json("photos", project, "--json")
    first = photos[0]["id"]
    # A glossary finding: a forbidden form in a caption.
    (base / "g.csv").write_text(
        "code,kind,vi,ru,en,forbidden:vi\nmsk,place,Moskva,Москва,Moscow,Mát-xcơ-va\n",
        encoding="utf-8",
    )
    assert _run("glossary", "import", project, str(base / "g.csv"))[0] == 0
    assert _run("caption", project, first, "--lang", "vi", "--field", "place",
                "--text", "Mát-xcơ-va")[0] == 0  # fmt: skip
    assert _run("rate", project, first, "--rating", "4", "--flag", "pick")[0] == 0
    assert _run("backup", "take", project)[0] == 0
    # A translator's file: one translation of a caption the curator changes meanwhile.
    sheet = base / "ru.csv"
    assert _run("exchange", "export", project, "--lang", "ru", "--format", "csv",
                "-o", str(sheet))[0] == 0  # fmt: skip
    with sheet.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    key, target = header.index("key"), header.index("target")
    body[0][target] = "Перевод переводчика"
    body[1][target] = "Ещё один перевод"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    # ... and the catalogue's title, which the curator changes too (a kept catalogue text).
    title_row = next(row for row in body if row[key] == "catalogue:title")
    title_row[target] = "Заголовок переводчика"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *body])
    assert _run("catalogue", "texts", project, "--set", "title", "ru", "Заголовок куратора")[0] == 0
    photo_id, field_name = body[0][key].split("|")
    assert _run("caption", project, photo_id, "--lang", "ru", "--field", field_name,
                "--text", "Текст куратора")[0] == 0  # fmt: skip
    result: dict[tuple[str, ...], Any] = {}
    result[("exchange", "import")] = _json("exchange", "import", project, str(sheet), "--json")
    _json("exchange", "import", project, str(sheet), "--apply", "--json", codes=(1,))
    result[("exchange", "conflicts")] = _json("exchange", "conflicts", project, "--json")
    result[("info",)] = _json("info", project, "--json")
    result[("status",)] = _json("status", project, "--json")
    result[("settings",)] = _json("settings", project, "--json")
    result[("catalogue", "texts")] = _json("catalogue", "texts", project, "--json")
    result[("photos",)] = _json("photos", project, "--json")
    result[("problems",)] = _json("problems", project, "--json")
    result[("search",)] = _json("search", project, "Hà Nội", "--json")
    result[("shown",)] = _json("shown", project, first, "--person", "Vu Viet Trang",
                               "--region", "Andrey Kondrashov", "0.1,0.2,0.3,0.4",
                               "--organisation", "TASS", "--location", "city=Hà Nội",
                               "--event", "Hội đàm", "--lang", "vi", "--json")  # fmt: skip
    result[("caption",)] = _json("caption", project, first, "--lang", "vi", "--field", "place",
                                 "--json")  # fmt: skip
    result[("caption", "replace")] = _json("caption", "replace", project, "--lang", "vi",
                                           "--find", "a", "--replace", "b", "--dry-run",
                                           "--json")  # fmt: skip
    result[("caption", "templates")] = _json("caption", "templates", project, "--set", "t",
                                             "vi", "headline", "{place} {date}",
                                             "--json")  # fmt: skip
    result[("caption", "apply-template")] = _json("caption", "apply-template", project, "t",
                                                  first, "--dry-run", "--json")  # fmt: skip
    result[("glossary", "check")] = _json("glossary", "check", project, "--json", codes=(1,))
    result[("section", "list")] = _json("section", "list", project, "--json")
    result[("layout", "show")] = _json("layout", "show", project, "--json")
    result[("layout", "template")] = _json("layout", "template", project, first, "spread",
                                           "--json")  # fmt: skip
    result[("check",)] = _json("check", project, "--json", codes=(0, 2))
    result[("backup", "list")] = _json("backup", "list", project, "--json")
    result[("copy",)] = _json("copy", project, str(base / "copied.curator"), "--json")
    result[("rights", "set")] = _json("rights", "set", project, "TTXVN", "--copyright", "© TTXVN",
                                      "--usage-terms", "vi=Chỉ dùng cho triển lãm",
                                      "--usage-terms", "en=Exhibition use only",
                                      "--licensor-name", "TTXVN", "--licensor-url",
                                      "https://vnanet.vn", "--data-mining",
                                      "DMI-PROHIBITED-AIMLTRAINING", "--json")  # fmt: skip
    assert _run("rights", "source-type", project, "digitalCapture", first)[0] == 0
    result[("rights", "list")] = _json("rights", "list", project, "--json")
    result[("deliver",)] = _json("deliver", project, "--to", str(base / "out"), "--long-edge",
                                 "200", "--json", codes=(0, 1))  # fmt: skip
    memory = str(base / "memory.sqlite")
    result[("memory", "add")] = _json("memory", "add", project, "--memory", memory, "--json")
    result[("memory", "stats")] = _json("memory", "stats", "--memory", memory, "--json")
    result[("keywords", "add")] = _json("keywords", "add", project, "Hà Nội", first, "--json")
    result[("keywords", "rename")] = _json("keywords", "rename", project, "Hà Nội", "Hanoi",
                                           "--json")  # fmt: skip
    result[("keywords", "remove")] = _json("keywords", "remove", project, "Hanoi", first,
                                           "--json")  # fmt: skip
    result[("keywords", "list")] = _json("keywords", "list", project, "--json")
    # The demo's own hall taken down first: a short wall where not every panel fits.
    for _wall in _json("hall", "list", project, "--json")["walls"]:
        assert _run("hall", "remove", project, "wall", "1")[0] == 0
    assert _run("hall", "add-wall", project, "--from", "0,0", "--to", "4000,0", "--height",
                "3000", "--door", "2000,900,2100")[0] == 0  # fmt: skip
    assert _run("hall", "add-stand", project, "--at", "4000,1000", "--length", "2000",
                "--height", "2000")[0] == 0  # fmt: skip
    result[("hall", "place")] = _json("hall", "place", project, "--auto", "--json", codes=(1,))
    placed = result[("hall", "place")]["placements"][0]["panel_id"]
    assert _run("hall", "place", project, placed, "--stand", "1", "--face", "B", "--offset",
                "0")[0] == 0  # fmt: skip
    result[("hall", "list")] = _json("hall", "list", project, "--json")
    result[("hall", "check")] = _json("hall", "check", project, "--json", codes=(2,))
    assert _run("visit", "route", "add", project, "Press walk", "--allotted", "1")[0] == 0
    assert _run("visit", "stop", "add", project, "Press walk", "1.1", "--minutes", "1")[0] == 0
    assert _run("visit", "stop", "add", project, "Press walk", "--photo", first)[0] == 0
    assert _run("visit", "points", "set", project, "Press walk", "2", "ru", "Здесь")[0] == 0
    result[("visit", "route", "list")] = _json("visit", "route", "list", project, "--json")
    result[("visit", "show")] = _json("visit", "show", project, "Press walk", "--json")
    result[("visit", "check")] = _json("visit", "check", project, "--json", codes=(2,))

    # A second exhibition's photo whose caption differs from a demo photo's by one number.
    def field(photo_id: str, language: str) -> Any:
        return _json("caption", project, photo_id, "--lang", language, "--field", "caption",
                     "--json")  # fmt: skip

    caption = next(
        field(p["id"], "vi") for p in photos if field(p["id"], "ru")["status"] == "final"
    )
    second = str(base / "second.curator")
    assert _run("new", second, "--languages", "vi,ru,en")[0] == 0
    assert _run("import", second, str(extra))[0] == 0
    other = _json("photos", second, "--json")[0]["id"]
    changed = caption["text"].rstrip(".") + " 2026."
    assert _run("caption", second, other, "--lang", "vi", "--field", "caption",
                "--text", changed)[0] == 0  # fmt: skip
    result[("memory", "suggest")] = _json(
        "memory", "suggest", second, other, "--lang", "ru", "--field", "caption",
        "--memory", memory, "--json",
    )  # fmt: skip
    assert result[("memory", "suggest")], "the demo's caption is found for the second exhibition"
    for product in ("catalogue", "panels", "labels", "proof", "cover"):
        result[("export", product)] = _json(
            "export", product, project, "-o", str(base / f"{product}.pdf"), "--json"
        )
    result[("export", "web")] = _json("export", "web", project, "-o", str(base / "web"), "--json")
    result[("export", "walkthrough")] = _json("export", "walkthrough", project, "--route",
                                              "Press walk", "-o", str(base / "walk.pdf"),
                                              "--json")  # fmt: skip
    # Last: the cut photo relinked to a whole image (another file than the one imported).
    cut = next(p for p in _json("photos", project, "--json") if p["path"].endswith("cut.jpg"))
    result[("photo", "relink")] = _json(
        "photo", "relink", project, cut["id"], str(extra), "--accept-different", "--json"
    )
    return result


def _paths(value: Any, prefix: str = "") -> Iterator[str]:
    """Every key path of a JSON value: ``a.b``, ``a[].b``; a top-level array is its items."""
    if isinstance(value, dict):
        for key, item in value.items():
            path = f"{prefix}.{key}" if prefix else key
            yield path
            yield from _paths(item, path)
    elif isinstance(value, list):
        for item in value:
            yield from _paths(item, f"{prefix}[]" if prefix else "")


def _parts(path: str) -> list[str]:
    return [part for part in re.split(r"\.|(?=\[\])", path) if part]


def _matches(pattern: list[str], path: list[str]) -> bool:
    return len(pattern) == len(path) and all(
        p == q or (p.startswith("{") and p.endswith("}") and q != "[]")
        for p, q in zip(pattern, path, strict=True)
    )


def json_differences(documented: list[tuple[str, bool]], value: Any) -> list[str]:
    """Documented fields missing from ``value``, and fields of ``value`` not documented.

    A field is undocumented only where docs/cli.md describes its parent's keys (a documented
    ``captions`` alone leaves its keys free; ``counts.photos`` makes every key of ``counts``
    one to document).
    """
    real = {tuple(_parts(path)) for path in _paths(value)}
    patterns = [(_parts(name), optional) for name, optional in documented]
    missing = [
        name
        for (name, optional), (pattern, _o) in zip(documented, patterns, strict=True)
        if not optional and not any(_matches(pattern, list(path)) for path in real)
    ]

    def covered(path: list[str]) -> bool:
        return any(_matches(p[: len(path)], path) for p, _o in patterns if len(p) >= len(path))

    def keys_described(parent: list[str]) -> bool:
        return any(_matches(p[: len(parent)], parent) for p, _o in patterns if len(p) > len(parent))

    extra = sorted(
        "".join(part if part == "[]" else f".{part}" for part in path).lstrip(".")
        for path in map(list, real)
        if not covered(path) and keys_described(path[:-1])
    )
    return [f"documented, not in the output: {name}" for name in missing] + [
        f"in the output, not documented: {name}" for name in extra
    ]


JSON_COMMANDS = [
    ("info",),
    ("status",),
    ("settings",),
    ("catalogue", "texts"),
    ("photos",),
    ("problems",),
    ("search",),
    ("shown",),
    ("caption",),
    ("caption", "replace"),
    ("caption", "templates"),
    ("caption", "apply-template"),
    ("glossary", "check"),
    ("exchange", "import"),
    ("exchange", "conflicts"),
    ("photo", "relink"),
    ("section", "list"),
    ("layout", "show"),
    ("layout", "template"),
    ("check",),
    ("deliver",),
    ("backup", "list"),
    ("copy",),
    ("rights", "list"),
    ("rights", "set"),
    ("export", "catalogue"),
    ("export", "panels"),
    ("export", "labels"),
    ("export", "proof"),
    ("export", "cover"),
    ("export", "web"),
    ("export", "walkthrough"),
    ("memory", "add"),
    ("memory", "stats"),
    ("memory", "suggest"),
    ("keywords", "list"),
    ("keywords", "add"),
    ("keywords", "remove"),
    ("keywords", "rename"),
    ("hall", "list"),
    ("hall", "place"),
    ("hall", "check"),
    ("visit", "route", "list"),
    ("visit", "show"),
    ("visit", "check"),
]


#: Commands that need a PostgreSQL server: their JSON is checked against this page in tests/pg.
SERVER_JSON_COMMANDS = [("access", "list")]


def test_every_json_command_is_tried() -> None:
    leaves, _groups = parser_commands()
    with_json = {path for path, parser in leaves.items() if "--json" in _flags(parser)}
    tried = set(JSON_COMMANDS) | set(SERVER_JSON_COMMANDS)
    untried = sorted(_name(path) for path in with_json - tried)
    assert not untried, (
        "commands with --json whose output this test does not check (run each in outputs() "
        "and add it to JSON_COMMANDS): " + ", ".join(untried)
    )


@pytest.mark.parametrize(
    "path",
    JSON_COMMANDS,
    ids=lambda path: "-".join(path),
)
def test_json_fields_are_as_documented(doc, outputs, path: tuple[str, ...]) -> None:
    blocks, _common = doc
    block = blocks.get(path)
    assert block is not None and block.fields, (
        f"{_name(path)} --json: no field table in docs/cli.md"
    )
    differences = json_differences(block.fields, outputs[path])
    assert not differences, f"{_name(path)} --json (docs/cli.md line {block.line}):\n  " + (
        "\n  ".join(differences)
    )


def test_the_json_check_names_missing_and_undocumented_fields() -> None:
    documented = [
        ("path", False),
        ("uid", False),
        ("counts.photos", False),
        ("counts.captions.{status}", False),
        ("captions", False),
        ("page", True),
    ]
    value = {
        "path": "p",
        "counts": {"photos": 1, "panels": 0, "captions": {"draft": 1}},
        "captions": {"vi": {"headline": "x"}},
    }
    assert json_differences(documented, value) == [
        "documented, not in the output: uid",
        "in the output, not documented: counts.panels",
    ]
    found = [{"id": "p1", "matches": [{"language": "vi", "score": 3}]}]
    assert json_differences([("id", False), ("matches[].language", False)], found) == [
        "in the output, not documented: matches[].score"
    ]
    assert json_differences([("matches[].field", False)], [{"matches": []}]) == [
        "documented, not in the output: matches[].field"
    ]


def _enumerations() -> list[tuple[tuple[str, ...], str, list[str]]]:
    """(command, JSON field, the values the code can give it): each must be on the field's row."""
    from curator.core.checks.preflight import Severity
    from curator.core.model import CaptionField, CaptionStatus
    from curator.core.settings.setting_values import SettingKind
    from curator.core.storage.backups import SnapshotReason
    from curator.core.translators.exchange_plan import PlanAction
    from curator.deliver.service import FAILED, MISMATCH, WRITTEN
    from curator.export.images import ImageRoute

    statuses = [s.value for s in CaptionStatus]
    return [
        (("info",), "counts.captions.{status}", statuses),
        (("caption",), "status", statuses),
        (("photos",), "caption_status.{tag}.{field}", statuses),
        (("photos",), "captions.{tag}.{field}", [f.value for f in CaptionField]),
        (("settings",), "kind", [k.value for k in SettingKind]),
        (("backup", "list"), "reason", [r.value for r in SnapshotReason]),
        (("exchange", "import"), "entries[].action", [a.value for a in PlanAction]),
        (("export", "catalogue"), "images.{route}", [r.value for r in ImageRoute]),
        (("check",), "severity", [s.value for s in Severity]),
        (("deliver",), "files[].status", [WRITTEN, MISMATCH, FAILED]),
    ]


def test_enumerated_values_are_documented(doc) -> None:
    blocks, _common = doc
    problems = []
    for path, name, values in _enumerations():
        row = blocks[path].field_rows.get(name) if path in blocks else None
        if row is None:
            problems.append(f"{_name(path)} --json: no row for {name}")
            continue
        problems += [
            f"{_name(path)} --json: {name} can be {value!r}; its row does not say so"
            for value in values
            if f"`{value}`" not in row
        ]
    _fail(problems)
