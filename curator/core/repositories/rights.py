"""Rights templates (one per agency) and each photo's provenance record."""

from __future__ import annotations

import json

from curator.core.repositories._util import dump_language_map, now_iso
from curator.core.rights import Provenance, RightsTemplate
from curator.core.storage.database import Database

_TEMPLATE_COLUMNS = (
    "agency, copyright, usage_terms, credit_line, source, licensor_name, licensor_url, data_mining"
)


class RightsRepository:
    """Reads and writes ``rights_template`` and ``photo_provenance``."""

    def __init__(self, conn: Database) -> None:
        self._conn = conn

    def templates(self) -> dict[str, RightsTemplate]:
        """Every template by its agency key, in the agencies' alphabetical order."""
        rows = self._conn.execute(
            f"SELECT {_TEMPLATE_COLUMNS} FROM rights_template ORDER BY agency_key"
        )
        found = [RightsTemplate(row[0], row[1], json.loads(row[2]), *row[3:]) for row in rows]
        return {template.key: template for template in found}

    def put_template(self, template: RightsTemplate) -> None:
        """Create or replace the template of ``template.agency``."""
        self._conn.execute(
            f"INSERT INTO rights_template (agency_key, {_TEMPLATE_COLUMNS}, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (agency_key) DO UPDATE SET"
            " agency = excluded.agency, copyright = excluded.copyright,"
            " usage_terms = excluded.usage_terms, credit_line = excluded.credit_line,"
            " source = excluded.source, licensor_name = excluded.licensor_name,"
            " licensor_url = excluded.licensor_url, data_mining = excluded.data_mining,"
            " updated_at = excluded.updated_at",
            (
                template.key,
                template.agency,
                template.copyright,
                dump_language_map(dict(template.usage_terms)),
                template.credit_line,
                template.source,
                template.licensor_name,
                template.licensor_url,
                template.data_mining,
                now_iso(),
            ),
        )

    def remove_template(self, key: str) -> None:
        """Delete the template of the agency ``key`` (nothing if there is none)."""
        self._conn.execute("DELETE FROM rights_template WHERE agency_key = ?", (key,))

    def provenance(self, photo_id: str) -> Provenance:
        """The photo's record (an empty one when nothing was ever stored)."""
        row = self._conn.execute(
            "SELECT source_type, source_type_edited, rights_agency_key, c2pa_state,"
            " c2pa_signer, c2pa_trusted, c2pa_detail FROM photo_provenance WHERE photo_id = ?",
            (photo_id,),
        ).fetchone()
        if row is None:
            return Provenance(photo_id)
        return Provenance(
            photo_id, row[0], bool(row[1]), row[2], row[3], row[4], bool(row[5]), row[6]
        )

    def all_provenance(self) -> dict[str, Provenance]:
        """Every stored record by photo id (photos without one are left out)."""
        rows = self._conn.execute(
            "SELECT photo_id, source_type, source_type_edited, rights_agency_key, c2pa_state,"
            " c2pa_signer, c2pa_trusted, c2pa_detail FROM photo_provenance"
        )
        return {
            row[0]: Provenance(
                row[0], row[1], bool(row[2]), row[3], row[4], row[5], bool(row[6]), row[7]
            )
            for row in rows
        }

    def put_provenance(self, record: Provenance) -> None:
        """Store ``record`` as the photo's, replacing what was there."""
        self._conn.execute(
            "INSERT INTO photo_provenance (photo_id, source_type, source_type_edited,"
            " rights_agency_key, c2pa_state, c2pa_signer, c2pa_trusted, c2pa_detail)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (photo_id) DO UPDATE SET"
            " source_type = excluded.source_type,"
            " source_type_edited = excluded.source_type_edited,"
            " rights_agency_key = excluded.rights_agency_key,"
            " c2pa_state = excluded.c2pa_state, c2pa_signer = excluded.c2pa_signer,"
            " c2pa_trusted = excluded.c2pa_trusted, c2pa_detail = excluded.c2pa_detail",
            (
                record.photo_id,
                record.source_type,
                int(record.source_type_edited),
                record.rights_agency,
                record.c2pa_state,
                record.c2pa_signer,
                int(record.c2pa_trusted),
                record.c2pa_detail,
            ),
        )
