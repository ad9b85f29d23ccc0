"""Each side writes what it owns: the server itself refuses what a login's role does not allow.

Every refusal here is PostgreSQL's, seen by a login that sends its own SQL with raw psycopg,
not by Curator's client code.
"""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from curator.core.errors import ProjectOpenError
from curator.core.storage.address import ServerAddress, parse_address
from curator.server import access, access_admin, migrations
from curator.server.connection import connect
from curator.server.schema import Connection
from tests.pg.access_project import Project, make_project
from tests.pg.conftest import SUPERUSER


@pytest.fixture
def project(pg_database: str) -> Iterator[Project]:
    yield make_project(pg_database)


def _grant(project: Project, login: str, role: str, languages: tuple[str, ...] = ()) -> None:
    with project.admin() as conn:
        access_admin.grant(conn, project.address.schema, login, role, languages)


def test_a_ru_editor_cannot_change_a_vietnamese_caption_with_its_own_sql(project: Project):
    tass = project.new_login("tass")
    _grant(project, tass, "editor", ("ru",))
    with project.login(tass) as conn:
        # Reading is allowed: every language.
        assert conn.execute("SELECT count(*) FROM caption").fetchone() == (3,)
        # Its own language: written.
        changed = conn.execute(
            "UPDATE caption SET text = 'Текст ТАСС' WHERE language = 'ru'"
        ).rowcount
        assert changed == 1
        # Vietnamese: the rows are not there to change or delete ...
        assert conn.execute("UPDATE caption SET text = 'x' WHERE language = 'vi'").rowcount == 0
        assert conn.execute("DELETE FROM caption WHERE language = 'vi'").rowcount == 0
        # ... a row cannot be turned into a Vietnamese one or inserted as one ...
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute("UPDATE caption SET language = 'vi' WHERE language = 'ru'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO caption (photo_id, language, field, text, updated_at)"
                " VALUES ('p1', 'vi', 'headline', 'x', 'now')"
            )
        # ... nor can the editor arrange, rate or take the table away.
        for statement in (
            "UPDATE photo SET rating = 5",
            "DELETE FROM photo",
            "INSERT INTO section VALUES ('s2', 2)",
            "TRUNCATE caption",
            "ALTER TABLE caption DISABLE ROW LEVEL SECURITY",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(statement)
    assert project.caption("vi") == "text vi"
    assert project.caption("ru") == "Текст ТАСС"


def test_every_per_language_table_has_the_row_rule(project: Project):
    tass = project.new_login("tass")
    _grant(project, tass, "editor", ("ru",))
    with project.admin() as conn:
        conn.execute("INSERT INTO catalogue_text VALUES ('title', 'vi', 'Triển lãm')")
        conn.execute("INSERT INTO section_text VALUES ('s1', 'vi', 'title', 'Hà Nội')")
        protected = conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relrowsecurity ORDER BY 1",
            (project.address.schema,),
        ).fetchall()
    assert [name for (name,) in protected] == sorted(access.LANGUAGE_TABLES)
    with project.login(tass) as conn:
        assert conn.execute("UPDATE catalogue_text SET text = 'x' WHERE true").rowcount == 0
        assert conn.execute("UPDATE section_text SET text = 'x' WHERE true").rowcount == 0
        conn.execute("INSERT INTO catalogue_text VALUES ('title', 'ru', 'Выставка')")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO catalogue_text VALUES ('foreword', 'en', 'Foreword')")
        # A translator's file is recorded for the editor's own language only.
        conn.execute(
            "INSERT INTO exchange_export VALUES ('e1', 'ru', 'vi', 'csv', 'now', 1),"
            " ('e2', 'ru', 'vi', 'csv', 'now', 1)"
        )
        conn.execute(
            "INSERT INTO exchange_export_unit (export_id, position, key, revision,"
            " source_hash, target, status) VALUES ('e1', 1, 'k', 0, 'h', '', 'draft')"
        )
    with project.admin() as conn:
        conn.execute("INSERT INTO exchange_export VALUES ('e3', 'vi', 'ru', 'csv', 'now', 1)")
    with project.login(tass) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(
            "INSERT INTO exchange_export_unit (export_id, position, key, revision,"
            " source_hash, target, status) VALUES ('e3', 1, 'k', 0, 'h', '', 'draft')"
        )


def test_viewer_reads_curator_arranges_and_writes_every_language(project: Project):
    viewer = project.new_login("viewer")
    curator = project.new_login("curator")
    _grant(project, viewer, "viewer")
    _grant(project, curator, "curator")
    with project.login(viewer) as conn:
        assert conn.execute("SELECT count(*) FROM photo").fetchone() == (1,)
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE caption SET text = 'x' WHERE language = 'en'")
    with project.login(curator) as conn:
        assert conn.execute("UPDATE caption SET text = text || '!'").rowcount == 3
        assert conn.execute("UPDATE photo SET rating = 4").rowcount == 1
        conn.execute("INSERT INTO section VALUES ('s2', 2)")
        conn.execute(
            "INSERT INTO caption_alternative (photo_id, language, field, text, status, origin,"
            " created_at) VALUES ('p1', 'vi', 'caption', 'x', 'draft', 'file', 'now')"
        )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE schema_version SET version = 1")
    assert project.caption("vi") == "text vi!"


def test_rights_say_what_the_server_will_accept(project: Project):
    logins = {
        "editor": project.new_login("ed"),
        "viewer": project.new_login("vw"),
        "curator": project.new_login("cu"),
        "admin": project.new_login("ad"),
    }
    _grant(project, logins["editor"], "editor", ("ru", "en"))
    for role in ("viewer", "curator", "admin"):
        _grant(project, logins[role], role)
    stranger = project.new_login("stranger")
    found = {}
    for role, login in logins.items():
        with project.login(login) as conn:
            found[role] = access.rights(conn)
    with project.login(stranger) as conn:
        nobody = access.rights(conn)
    with project.admin() as conn:
        owner = access.rights(conn)
    assert found["editor"] == access.Rights(
        logins["editor"], "editor", ("ru", "en"), True, False, False
    )
    assert found["editor"].can_write("ru") and not found["editor"].can_write("vi")
    assert found["viewer"] == access.Rights(logins["viewer"], "viewer", (), True, False, False)
    assert found["curator"] == access.Rights(
        logins["curator"], "curator", ("vi", "ru", "en"), True, True, False
    )
    assert found["admin"].role == "admin" and found["admin"].can_manage_access
    assert found["admin"].languages == ("vi", "ru", "en")
    assert nobody == access.Rights(stranger, None, (), False, False, False)
    assert owner == access.Rights(SUPERUSER, access.OWNER, ("vi", "ru", "en"), True, True, True)
    # What rights() says is what the server does: the editor's English write goes through.
    with project.login(logins["editor"]) as conn:
        assert conn.execute("UPDATE caption SET text = 'en!' WHERE language = 'en'").rowcount == 1
        assert conn.execute("UPDATE caption SET text = 'vi!' WHERE language = 'vi'").rowcount == 0


def test_an_admin_hands_out_roles_a_curator_cannot(project: Project):
    admin, curator, ttxvn = (project.new_login(s) for s in ("admin", "curator", "ttxvn"))
    _grant(project, admin, "admin")
    _grant(project, curator, "curator")
    with project.login(admin) as conn:
        given = access_admin.grant(conn, project.address.schema, ttxvn, "editor", ["vi"])
    assert given == access_admin.Member(ttxvn, "editor", ("vi",))
    with project.login(ttxvn) as conn:
        assert conn.execute("UPDATE caption SET text = 'Chú thích' WHERE language = 'vi'").rowcount
    with project.login(curator) as conn, pytest.raises(access_admin.AccessError, match="refused"):
        access_admin.grant(conn, project.address.schema, ttxvn, "editor", ["ru"])
    # Making admins is the owner's (or a CREATEROLE login's): an admin cannot make another.
    with project.login(admin) as conn, pytest.raises(access_admin.AccessError, match="refused"):
        access_admin.grant(conn, project.address.schema, curator, "admin")
    with project.admin() as conn:
        listed = access_admin.members(conn, project.address.schema)
    held = [(m.login, m.role, m.languages) for m in listed]
    assert (ttxvn, "editor", ("vi",)) in held
    assert (curator, "curator", ()) in held, "the refused grant changed nothing"


def test_grant_replaces_revoke_takes_back(project: Project):
    login = project.new_login("editor")
    schema = project.address.schema
    with project.admin() as conn:
        access_admin.grant(conn, schema, login, "editor", ["ru", "en"])
        access_admin.grant(conn, schema, login, "editor", ["vi"])
        assert _member(conn, schema, login) == access_admin.Member(login, "editor", ("vi",))
        access_admin.grant(conn, schema, login, "viewer")
        assert _member(conn, schema, login) == access_admin.Member(login, "viewer")
        access_admin.grant(conn, schema, login, "editor", ["vi", "ru"])
        left = access_admin.revoke(conn, schema, login, ["vi"])
        assert left == access_admin.Member(login, "editor", ("ru",))
        assert access_admin.revoke(conn, schema, login) is None
        assert _member(conn, schema, login) is None
        owner = access_admin.members(conn, schema)[0]
    assert owner == access_admin.Member(SUPERUSER, access.OWNER)
    with project.login(login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM curator_expo.caption")


def _member(conn: Connection, schema: str, login: str) -> access_admin.Member | None:
    return next((m for m in access_admin.members(conn, schema) if m.login == login), None)


@pytest.mark.parametrize(
    ("login", "role", "languages", "message"),
    [
        ("{login}", "editor", ["de"], r"“de” is not one of the project's languages \(vi, ru, en\)"),
        ("{login}", "editor", ["xx-nowhere"], "xx-nowhere"),
        ("{login}", "editor", [], "--languages"),
        ("{login}", "curator", ["ru"], "Only an editor"),
        ("{login}", "owner", [], "Unknown role owner"),
        ("nobody_here", "viewer", [], "no login nobody_here"),
        (SUPERUSER, "viewer", [], "owns the project"),
    ],
)
def test_bad_grants_are_refused_with_a_clear_error(
    project: Project, login: str, role: str, languages: list[str], message: str
):
    name = login.format(login=project.new_login("someone"))
    with project.admin() as conn:
        before = access_admin.members(conn, project.address.schema)
        with pytest.raises(access_admin.AccessError, match=message):
            access_admin.grant(conn, project.address.schema, name, role, languages)
        assert access_admin.members(conn, project.address.schema) == before


def test_a_long_language_tag_gets_a_role_the_row_rule_finds(pg_database: str):
    project = make_project(pg_database, ("vi", "sr-Latn-RS"))
    login = project.new_login("serbian")
    _grant(project, login, "editor", ("sr-Latn-RS",))
    roles = [r for r in _roles_of(project, login) if "_w_" in r]
    assert len(roles) == 1 and len(roles[0]) <= 63 and "sr-Latn-RS" not in roles[0]
    with project.login(login) as conn:
        assert conn.execute("UPDATE caption SET text = 'x'").rowcount == 1
    assert project.caption("sr-Latn-RS") == "x"
    assert project.caption("vi") == "text vi"


def _roles_of(project: Project, login: str) -> list[str]:
    with project.admin() as conn:
        rows = conn.execute(
            "SELECT g.rolname FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid"
            " JOIN pg_roles m ON m.oid = a.member WHERE m.rolname = %s",
            (login,),
        ).fetchall()
    return [str(name) for (name,) in rows]


def test_a_migration_gives_its_new_tables_the_projects_rules(pg_database: str):
    """A step that adds a table is followed by the rules: the new table is shared at once."""
    address = parse_address(pg_database + "&project=old")
    assert isinstance(address, ServerAddress)
    # the newest step that adds a table (a later one may only change columns)
    last = next(
        version
        for version in range(migrations.steps()[-1].version, 1, -1)
        if set(_tables_at(pg_database, version)) - set(_tables_at(pg_database, version - 1))
    )
    with connect(address) as conn:
        migrations.migrate(conn, address, target=last - 1)
        conn.execute("INSERT INTO project VALUES (1, 'u', 'Old', 'vi', 'now')")
        conn.execute("INSERT INTO project_language VALUES ('vi', 0)")
    project = Project(pg_database, address)
    viewer, curator = project.new_login("viewer"), project.new_login("curator")
    _grant(project, viewer, "viewer")
    _grant(project, curator, "curator")
    with connect(address) as conn:
        assert access.rules_applied(conn, address.schema, last - 1)
        assert not access.rules_applied(conn, address.schema, last)
        assert migrations.migrate(conn, address, target=last) == last
        assert access.rules_applied(conn, address.schema, last)
        newest = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s AND tablename <> ALL(%s)",
            (address.schema, _tables_at(pg_database, last - 1)),
        ).fetchall()
    assert newest, "the last step adds a table"
    for (table,) in newest:
        with project.login(viewer) as conn:
            conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(str(table))))
        with project.login(curator) as conn:
            conn.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(str(table))))


def _tables_at(uri: str, version: int) -> list[str]:
    address = parse_address(uri + f"&project=at{version}")
    assert isinstance(address, ServerAddress)
    with connect(address) as conn:
        migrations.migrate(conn, address, target=version)
        rows = conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = %s", (address.schema,)
        ).fetchall()
    return [str(name) for (name,) in rows]


def test_two_databases_projects_of_one_name_share_no_role(pg_server, pg_database: str):
    first = make_project(pg_database)
    with psycopg.connect(pg_server.uri(), autocommit=True) as conn:
        conn.execute('CREATE DATABASE "t_access_second"')
    try:
        second = make_project(pg_server.uri("t_access_second"))
        login = first.new_login("tass")
        _grant(first, login, "editor", ("ru",))
        with first.login(login) as conn:
            assert conn.execute("UPDATE caption SET text = 'x' WHERE language = 'ru'").rowcount
        with second.login(login) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("SELECT * FROM curator_expo.caption")
    finally:
        with psycopg.connect(pg_server.uri(), autocommit=True) as conn:
            conn.execute('DROP DATABASE IF EXISTS "t_access_second" WITH (FORCE)')


def test_an_owner_with_createrole_shares_the_project_without_a_superuser(pg_database: str):
    """The usual set-up: the server's administrator gives one curator CREATEROLE, no more."""
    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("CREATE ROLE agency_owner LOGIN CREATEROLE")
        database = conn.execute("SELECT current_database()").fetchone()
        assert database is not None
        conn.execute(
            sql.SQL("GRANT CREATE ON DATABASE {} TO agency_owner").format(
                sql.Identifier(str(database[0]))
            )
        )
    try:
        project = make_project(pg_database.replace(f"user={SUPERUSER}", "user=agency_owner"))
        admin, tass, ttxvn = (project.new_login(s) for s in ("admin", "tass", "ttxvn"))
        _grant(project, admin, "admin")
        _grant(project, tass, "editor", ("ru",))
        with project.login(admin) as conn:
            access_admin.grant(conn, project.address.schema, ttxvn, "editor", ["vi"])
        with project.login(tass) as conn:
            assert (
                conn.execute("UPDATE caption SET text = 'ru!' WHERE language <> 'en'").rowcount == 1
            )
        with project.login(ttxvn) as conn:
            assert (
                conn.execute("UPDATE caption SET text = 'vi!' WHERE language <> 'en'").rowcount == 1
            )
        assert (project.caption("vi"), project.caption("ru"), project.caption("en")) == (
            "vi!",
            "ru!",
            "text en",
        )
        with project.admin() as conn:
            assert access.rights(conn).role == access.OWNER
    finally:
        with psycopg.connect(pg_database, autocommit=True) as conn:
            conn.execute("DROP OWNED BY agency_owner CASCADE")
            conn.execute("DROP ROLE agency_owner")


def test_editors_and_viewers_open_the_project_only_its_owner_updates(pg_database: str):
    address = parse_address(pg_database + "&project=expo")
    assert isinstance(address, ServerAddress)
    last = migrations.steps()[-1].version
    with connect(address) as conn:
        migrations.migrate(conn, address, target=last - 1)
        conn.execute("INSERT INTO project_language VALUES ('ru', 0)")
    project = Project(pg_database, address)
    editor, stranger = project.new_login("editor"), project.new_login("stranger")
    _grant(project, editor, "editor", ("ru",))

    def as_login(login: str) -> ServerAddress:
        found = parse_address(pg_database.replace(f"user={SUPERUSER}", f"user={login}"))
        assert isinstance(found, ServerAddress)
        return ServerAddress(found.conninfo, "expo")

    with connect(as_login(editor)) as conn:
        with pytest.raises(ProjectOpenError, match="only its owner may do"):
            migrations.migrate(conn, as_login(editor))
        assert migrations.schema_version(conn, address.schema) == last - 1
    with connect(address) as conn:
        assert migrations.migrate(conn, address, target=last) == last
    with connect(as_login(editor)) as conn:
        assert migrations.migrate(conn, as_login(editor)) == last
        assert access.rights(conn).languages == ("ru",)
    with connect(as_login(stranger)) as conn:
        with pytest.raises(ProjectOpenError, match="no access to the project"):
            migrations.migrate(conn, as_login(stranger))
        other = ServerAddress(as_login(stranger).conninfo, "elsewhere")
        with pytest.raises(ProjectOpenError, match="may not create the project"):
            migrations.migrate(conn, other)


def test_a_language_added_later_gets_its_role_when_the_owner_next_opens(project: Project):
    admin, editor = project.new_login("admin"), project.new_login("editor")
    _grant(project, admin, "admin")
    with project.admin() as conn:
        conn.execute("INSERT INTO project_language VALUES ('de', 3)")
        conn.execute(
            "INSERT INTO caption (photo_id, language, field, text, updated_at)"
            " VALUES ('p1', 'de', 'caption', 'text de', 'now')"
        )
        version = migrations.schema_version(conn, project.address.schema)
        assert not access.rules_applied(conn, project.address.schema, version)
    with project.login(admin) as conn, pytest.raises(access_admin.AccessError, match="CREATEROLE"):
        access_admin.grant(conn, project.address.schema, editor, "editor", ["de"])
    with project.admin() as conn:
        migrations.migrate(conn, project.address)
        assert access.rules_applied(conn, project.address.schema, version)
    # The admin (no CREATEROLE) hands out the new language: its role exists already.
    with project.login(admin) as conn:
        access_admin.grant(conn, project.address.schema, editor, "editor", ["de"])
    with project.login(editor) as conn:
        assert conn.execute("UPDATE caption SET text = 'Bildtext'").rowcount == 1
    assert project.caption("de") == "Bildtext"
    assert project.caption("vi") == "text vi"
