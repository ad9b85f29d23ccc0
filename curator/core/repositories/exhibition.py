"""The exhibition's structure: sections in visit order, their photos, panels and slots."""

from __future__ import annotations

from curator.core.language.text import nfc
from curator.core.model import Crop, Panel, Section, Slot
from curator.core.repositories._util import new_id
from curator.core.storage.database import Database, dialect_of


class ExhibitionRepository:
    """Sections, section membership, panels and slots."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    # -- sections -----------------------------------------------------------------------

    def add_section(self, title: dict[str, str], intro: dict[str, str] | None = None) -> Section:
        """Append a section at the end of the visit."""
        section_id = new_id("s")
        position = self._next_position("section", None, None)
        self._conn.execute(
            "INSERT INTO section (id, position) VALUES (?, ?)", (section_id, position)
        )
        self._write_texts(section_id, "title", title)
        self._write_texts(section_id, "intro", intro or {})
        return self.section(section_id)

    def _write_texts(self, section_id: str, field: str, texts: dict[str, str]) -> None:
        for language, text in texts.items():
            cleaned = nfc(text).strip()
            if not cleaned:
                continue
            self._conn.execute(
                "INSERT INTO section_text (section_id, language, field, text) VALUES (?, ?, ?, ?)"
                " ON CONFLICT (section_id, language, field) DO UPDATE SET text = excluded.text",
                (section_id, language, field, cleaned),
            )

    def section(self, section_id: str) -> Section:
        """One section; ``KeyError`` when there is none."""
        row = self._conn.execute(
            "SELECT position FROM section WHERE id = ?", (section_id,)
        ).fetchone()
        if row is None:
            raise KeyError(section_id)
        texts: dict[str, dict[str, str]] = {"title": {}, "intro": {}}
        for language, field, text in self._conn.execute(
            "SELECT language, field, text FROM section_text WHERE section_id = ?", (section_id,)
        ):
            texts[field][language] = text
        return Section(section_id, int(row[0]), texts["title"], texts["intro"])

    def sections(self) -> list[Section]:
        """Every section in visit order."""
        ids = self._conn.execute("SELECT id FROM section ORDER BY position").fetchall()
        return [self.section(section_id) for (section_id,) in ids]

    def assign(self, section_id: str, photo_ids: list[str]) -> None:
        """Put photos at the end of a section (moving them out of any other section)."""
        self.section(section_id)
        position = self._next_position("section_photo", "section_id", section_id)
        for offset, photo_id in enumerate(photo_ids):
            self._conn.execute(
                "INSERT INTO section_photo (section_id, photo_id, position) VALUES (?, ?, ?)"
                " ON CONFLICT (photo_id) DO UPDATE SET section_id = excluded.section_id,"
                " position = excluded.position",
                (section_id, photo_id, position + offset),
            )

    def photo_ids(self, section_id: str) -> list[str]:
        """The photos of a section in visit order."""
        rows = self._conn.execute(
            "SELECT photo_id FROM section_photo WHERE section_id = ? ORDER BY position",
            (section_id,),
        )
        return [photo_id for (photo_id,) in rows]

    def section_of(self, photo_id: str) -> str | None:
        """The section a photo belongs to, if any."""
        row = self._conn.execute(
            "SELECT section_id FROM section_photo WHERE photo_id = ?", (photo_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    # -- panels and slots ---------------------------------------------------------------

    def add_panel(
        self,
        section_id: str,
        width_mm: float,
        height_mm: float,
        margin_mm: float = 20.0,
        template: str | None = None,
    ) -> Panel:
        """Append a panel to a section."""
        panel_id = new_id("n")
        position = self._next_position("panel", "section_id", section_id)
        self._conn.execute(
            "INSERT INTO panel (id, section_id, position, width_mm, height_mm, margin_mm,"
            " template) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (panel_id, section_id, position, width_mm, height_mm, margin_mm, template),
        )
        return Panel(panel_id, section_id, position, width_mm, height_mm, margin_mm, template)

    def panels(self, section_id: str) -> list[Panel]:
        """A section's panels in order."""
        rows = self._conn.execute(
            "SELECT id, position, width_mm, height_mm, margin_mm, template FROM panel"
            " WHERE section_id = ? ORDER BY position",
            (section_id,),
        )
        return [
            Panel(pid, section_id, position, width, height, margin, template)
            for pid, position, width, height, margin, template in rows.fetchall()
        ]

    def add_slot(
        self,
        panel_id: str,
        photo_id: str | None,
        x_mm: float,
        y_mm: float,
        width_mm: float,
        height_mm: float,
        crop: Crop | None = None,
    ) -> Slot:
        """Place a photo (or an empty slot) on a panel."""
        slot_id = new_id("t")
        crop = crop or Crop()
        position = self._next_position("slot", "panel_id", panel_id)
        self._conn.execute(
            "INSERT INTO slot (id, panel_id, position, photo_id, x_mm, y_mm, width_mm,"
            " height_mm, crop_x, crop_y, crop_w, crop_h) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            " ?, ?)",
            (
                slot_id,
                panel_id,
                position,
                photo_id,
                x_mm,
                y_mm,
                width_mm,
                height_mm,
                crop.x,
                crop.y,
                crop.w,
                crop.h,
            ),
        )
        return Slot(slot_id, panel_id, position, photo_id, x_mm, y_mm, width_mm, height_mm, crop)

    def slots(self, panel_id: str) -> list[Slot]:
        """A panel's slots in order."""
        rows = self._conn.execute(
            "SELECT id, position, photo_id, x_mm, y_mm, width_mm, height_mm, crop_x, crop_y,"
            " crop_w, crop_h FROM slot WHERE panel_id = ? ORDER BY position",
            (panel_id,),
        )
        return [
            Slot(sid, panel_id, position, photo_id, x, y, w, h, Crop(cx, cy, cw, ch))
            for sid, position, photo_id, x, y, w, h, cx, cy, cw, ch in rows.fetchall()
        ]

    def panel(self, panel_id: str) -> Panel:
        """One panel; ``KeyError`` when there is none."""
        row = self._conn.execute(
            "SELECT section_id, position, width_mm, height_mm, margin_mm, template FROM panel"
            " WHERE id = ?",
            (panel_id,),
        ).fetchone()
        if row is None:
            raise KeyError(panel_id)
        return Panel(panel_id, *row)

    def slot(self, slot_id: str) -> Slot:
        """One slot; ``KeyError`` when there is none."""
        row = self._conn.execute("SELECT panel_id FROM slot WHERE id = ?", (slot_id,)).fetchone()
        if row is None:
            raise KeyError(slot_id)
        return next(slot for slot in self.slots(str(row[0])) if slot.id == slot_id)

    def slots_of_photo(self, photo_id: str) -> list[Slot]:
        """Every slot that holds a photo (a photo moved between sections may hold two)."""
        rows = self._conn.execute("SELECT id FROM slot WHERE photo_id = ?", (photo_id,))
        return [self.slot(slot_id) for (slot_id,) in rows.fetchall()]

    def set_slot_crop(self, slot_id: str, crop: Crop) -> None:
        """Change the part of its photo a slot prints."""
        self._conn.execute(
            "UPDATE slot SET crop_x = ?, crop_y = ?, crop_w = ?, crop_h = ? WHERE id = ?",
            (crop.x, crop.y, crop.w, crop.h, slot_id),
        )

    def clear_panel(self, panel_id: str, template: str | None) -> None:
        """Remove a panel's slots and give it a template, before new slots are added."""
        self._conn.execute("DELETE FROM slot WHERE panel_id = ?", (panel_id,))
        self._conn.execute("UPDATE panel SET template = ? WHERE id = ?", (template, panel_id))

    def delete_panel(self, panel_id: str) -> None:
        """Remove one panel with its slots; the section's other panels close up."""
        section_id = self.panel(panel_id).section_id
        self._conn.execute("DELETE FROM panel WHERE id = ?", (panel_id,))
        self._renumber_panels([p.id for p in self.panels(section_id)])

    def move_panel(self, panel_id: str, index: int) -> None:
        """Put a panel at ``index`` of its section (0 first; clamped), renumbering all."""
        section_id = self.panel(panel_id).section_id
        order = [p.id for p in self.panels(section_id) if p.id != panel_id]
        order.insert(max(0, min(index, len(order))), panel_id)
        self._renumber_panels(order)

    def _renumber_panels(self, order: list[str]) -> None:
        self._conn.executemany(
            "UPDATE panel SET position = ? WHERE id = ?",
            [(position, pid) for position, pid in enumerate(order)],
        )

    def delete_panels(self, section_id: str) -> int:
        """Remove a section's panels and their slots; returns how many panels went."""
        self._conn.execute(
            "DELETE FROM slot WHERE panel_id IN (SELECT id FROM panel WHERE section_id = ?)",
            (section_id,),
        )
        cursor = self._conn.execute("DELETE FROM panel WHERE section_id = ?", (section_id,))
        return int(cursor.rowcount)

    def layout_snapshot(self, section_id: str) -> list[tuple[Panel, list[Slot]]]:
        """A section's panels with their slots, to put back with :meth:`restore_layout`."""
        return [(panel, self.slots(panel.id)) for panel in self.panels(section_id)]

    def restore_layout(self, section_id: str, snapshot: list[tuple[Panel, list[Slot]]]) -> None:
        """Make a section's panels and slots exactly what a snapshot holds (same ids)."""
        self.delete_panels(section_id)
        for panel, slots in snapshot:
            self._conn.execute(
                "INSERT INTO panel (id, section_id, position, width_mm, height_mm, margin_mm,"
                " template) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (panel.id, section_id, panel.position, panel.width_mm, panel.height_mm,
                 panel.margin_mm, panel.template),
            )  # fmt: skip
            self._conn.executemany(
                "INSERT INTO slot (id, panel_id, position, photo_id, x_mm, y_mm, width_mm,"
                " height_mm, crop_x, crop_y, crop_w, crop_h)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (slot.id, panel.id, slot.position, slot.photo_id, slot.x_mm, slot.y_mm,
                     slot.width_mm, slot.height_mm, slot.crop.x, slot.crop.y, slot.crop.w,
                     slot.crop.h)
                    for slot in slots
                ],
            )  # fmt: skip

    def exhibition_rows(self) -> list[tuple[str, tuple[str, ...], tuple[object, ...]]]:
        """Every row of every section (texts, photos, panels, slots), parents first."""
        rows: list[tuple[str, tuple[str, ...], tuple[object, ...]]] = []
        section_ids: list[object] = [s for (s,) in self._conn.execute("SELECT id FROM section")]
        self._collect_rows("section", "id", section_ids, rows)
        return rows

    def clear_exhibition(self) -> None:
        """Delete every section with its texts, panels and slots (photos stay)."""
        self._conn.execute("DELETE FROM section")

    def placed_photo_ids(self) -> set[str]:
        """The photos that belong to some section."""
        rows = self._conn.execute("SELECT photo_id FROM section_photo")
        return {photo_id for (photo_id,) in rows.fetchall()}

    def section_ids(self) -> list[str]:
        """The sections' ids in visit order."""
        return [str(s) for (s,) in self._conn.execute("SELECT id FROM section ORDER BY position")]

    def section_map(self) -> dict[str, str]:
        """``{photo_id: section_id}`` for every placed photo, in one query."""
        rows = self._conn.execute("SELECT photo_id, section_id FROM section_photo")
        return {str(photo_id): str(section_id) for photo_id, section_id in rows.fetchall()}

    def counts(self) -> tuple[int, int, int]:
        """``(sections, panels, slots)``."""
        row = self._conn.execute(
            "SELECT (SELECT count(*) FROM section), (SELECT count(*) FROM panel),"
            " (SELECT count(*) FROM slot)"
        ).fetchone()
        return int(row[0]), int(row[1]), int(row[2])

    def _next_position(self, table: str, column: str | None, value: str | None) -> int:
        # Table and column names come from this module only, never from input.
        where = f" WHERE {column} = ?" if column else ""
        params = (value,) if column else ()
        row = self._conn.execute(
            f"SELECT coalesce(max(position) + 1, 0) FROM {table}{where}", params
        ).fetchone()
        return int(row[0])

    # -- editing sections (the window's drag and drop, ``curator section``) --------------

    def set_section_texts(self, section_id: str, field: str, texts: dict[str, str]) -> None:
        """Replace a section's ``title`` or ``intro`` in every language (empty: none)."""
        self._conn.execute(
            "DELETE FROM section_text WHERE section_id = ? AND field = ?", (section_id, field)
        )
        self._write_texts(section_id, field, texts)

    def move_section(self, section_id: str, index: int) -> None:
        """Put a section at ``index`` of the visit (0 first; clamped), renumbering all."""
        order = self.section_ids()
        order.remove(section_id)
        order.insert(max(0, min(index, len(order))), section_id)
        cases = " ".join("WHEN ? THEN ?" for _sid in order)
        self._conn.execute(
            f"UPDATE section SET position = CASE id {cases} END",
            [value for position, sid in enumerate(order) for value in (sid, position)],
        )

    def set_section_photos(self, section_id: str, photo_ids: list[str]) -> None:
        """Make ``photo_ids`` exactly the section's photos, in this order.

        Listed photos leave any other section; the section's photos not listed leave it.
        """
        placeholders = ",".join("?" * len(photo_ids))
        # "NOT IN ()" is SQLite's alone: with no photos listed, every photo leaves.
        kept = f" AND photo_id NOT IN ({placeholders})" if photo_ids else ""
        self._conn.execute(
            f"DELETE FROM section_photo WHERE section_id = ?{kept}", (section_id, *photo_ids)
        )
        self._conn.executemany(
            "INSERT INTO section_photo (section_id, photo_id, position) VALUES (?, ?, ?)"
            " ON CONFLICT (photo_id) DO UPDATE SET section_id = excluded.section_id,"
            " position = excluded.position",
            [(section_id, photo_id, position) for position, photo_id in enumerate(photo_ids)],
        )

    def unassign(self, photo_ids: list[str]) -> None:
        """Take photos out of whatever section holds them (they stay in the project)."""
        self._conn.executemany(
            "DELETE FROM section_photo WHERE photo_id = ?", [(pid,) for pid in photo_ids]
        )

    def delete_section(self, section_id: str) -> None:
        """Delete a section with its texts, panels and slots; its photos stay unplaced."""
        self._conn.execute("DELETE FROM section WHERE id = ?", (section_id,))
        order = [s for (s,) in self._conn.execute("SELECT id FROM section ORDER BY position")]
        self._conn.executemany(
            "UPDATE section SET position = ? WHERE id = ?",
            [(position, sid) for position, sid in enumerate(order)],
        )

    def section_rows(
        self, section_id: str
    ) -> list[tuple[str, tuple[str, ...], tuple[object, ...]]]:
        """Every row that deleting the section would delete, parents first.

        Rows are ``(table, columns, values)``, found through the schema's ``ON DELETE
        CASCADE`` keys, so tables added later (panels' and slots' own) are kept too.
        """
        rows: list[tuple[str, tuple[str, ...], tuple[object, ...]]] = []
        self._collect_rows("section", "id", [section_id], rows)
        return rows

    def restore_rows(self, rows: list[tuple[str, tuple[str, ...], tuple[object, ...]]]) -> None:
        """Write back rows from :meth:`section_rows` (a photo's membership moves back)."""
        server = dialect_of(self._conn).is_server
        for table, columns, values in rows:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" * len(columns))
            # Table and column names come from the schema, never from input.
            if not server:
                self._conn.execute(
                    f'INSERT OR REPLACE INTO "{table}" ({names}) VALUES ({marks})', values
                )
                continue
            keys = self._primary_key(table)
            others = [c for c in columns if c not in keys]
            update = (
                "DO UPDATE SET " + ", ".join(f'"{c}" = excluded."{c}"' for c in others)
                if others
                else "DO NOTHING"
            )
            conflict = ", ".join(f'"{c}"' for c in keys)
            self._conn.execute(
                f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
                f" ON CONFLICT ({conflict}) {update}",
                values,
            )

    def _primary_key(self, table: str) -> list[str]:
        """A server table's key columns (the schema's own catalogue)."""
        rows = self._conn.execute(
            "SELECT a.attname FROM pg_index i JOIN pg_attribute a"
            " ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)"
            " WHERE i.indisprimary AND i.indrelid = to_regclass(quote_ident(current_schema())"
            " || '.' || quote_ident(?)) ORDER BY a.attnum",
            (table,),
        ).fetchall()
        return [str(name) for (name,) in rows]

    def _collect_rows(
        self,
        table: str,
        column: str,
        keys: list[object],
        rows: list[tuple[str, tuple[str, ...], tuple[object, ...]]],
    ) -> None:
        if not keys:
            return
        marks = ",".join("?" * len(keys))
        cursor = self._conn.execute(f'SELECT * FROM "{table}" WHERE "{column}" IN ({marks})', keys)
        columns = tuple(d[0] for d in cursor.description)
        found = [tuple(row) for row in cursor.fetchall()]
        rows.extend((table, columns, values) for values in found)
        for child, from_column, to_column in self._cascading_children(table):
            parent_keys = [values[columns.index(to_column)] for values in found]
            self._collect_rows(child, from_column, parent_keys, rows)

    def _cascading_children(self, parent: str) -> list[tuple[str, str, str]]:
        if dialect_of(self._conn).is_server:
            rows = self._conn.execute(
                "SELECT child.relname, a.attname, pa.attname FROM pg_constraint k"
                " JOIN pg_class child ON child.oid = k.conrelid"
                " JOIN pg_class parent ON parent.oid = k.confrelid"
                " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = k.conkey[1]"
                " JOIN pg_attribute pa ON pa.attrelid = k.confrelid AND pa.attnum = k.confkey[1]"
                " WHERE k.contype = 'f' AND k.confdeltype = 'c' AND parent.relname = ?"
                " AND cardinality(k.conkey) = 1"
                " AND parent.relnamespace = current_schema()::regnamespace"
                " ORDER BY child.relname",
                (parent,),
            ).fetchall()
            return [(str(t), str(f), str(to)) for t, f, to in rows]
        tables = self._conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        children = []
        for (table,) in tables:
            for key in self._conn.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
                # (id, seq, table, from, to, on_update, on_delete, match)
                if key[2] == parent and key[6].upper() == "CASCADE":
                    children.append((str(table), str(key[3]), str(key[4] or "rowid")))
        return children
