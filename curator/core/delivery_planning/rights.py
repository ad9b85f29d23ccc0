"""What a delivered copy says about its rights and origin: the agency's template, the source type.

:func:`rights_metadata` turns a photo's rights template (:mod:`curator.core.rights`) and its
provenance record into :class:`RightsMetadata`, which the delivery writes beside the caption
(:mod:`curator.deliver.rights`): usage terms as a lang-alt with one entry per delivery
language, ``photoshop:Source``, ``plus:Licensor``, ``plus:DataMining`` and
``Iptc4xmpExt:DigitalSourceType`` as full vocabulary URIs. The template's copyright notice and
credit line take the place of the photo's own in ``dc:rights`` and ``photoshop:Credit``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from curator.core.rights import (
    DATA_MINING_URI,
    SOURCE_TYPE_URI,
    Provenance,
    RightsTemplate,
)


@dataclass(frozen=True, slots=True)
class RightsMetadata:
    """The rights and origin fields of one copy ('' or empty: the original's value stays)."""

    agency: str = ""
    copyright: str = ""
    credit_line: str = ""
    usage_terms: dict[str, str] = field(default_factory=dict)
    usage_default: str = ""
    source: str = ""
    licensor_name: str = ""
    licensor_url: str = ""
    data_mining: str = ""
    source_type: str = ""

    @property
    def empty(self) -> bool:
        """Whether the copy gets none of these fields."""
        return not any(
            (self.copyright, self.credit_line, self.usage_terms, self.source, self.source_type)
        ) and not any((self.licensor_name, self.licensor_url, self.data_mining))


#: A copy without rights or origin fields to write.
NO_RIGHTS = RightsMetadata()


def rights_metadata(
    template: RightsTemplate | None,
    record: Provenance | None,
    languages: Sequence[str],
    main_language: str,
) -> RightsMetadata:
    """The rights fields of a copy delivered in ``languages`` (``main_language`` first)."""
    source_type = record.source_type if record is not None else ""
    source_uri = SOURCE_TYPE_URI + source_type if source_type else ""
    if template is None:
        return RightsMetadata(source_type=source_uri)
    terms = {tag: template.usage_terms[tag] for tag in languages if template.usage_terms.get(tag)}
    default = terms.get(main_language) or next(iter(terms.values()), "")
    return RightsMetadata(
        agency=template.agency,
        copyright=template.copyright,
        credit_line=template.credit_line,
        usage_terms=terms,
        usage_default=default,
        source=template.source,
        licensor_name=template.licensor_name,
        licensor_url=template.licensor_url,
        data_mining=DATA_MINING_URI + template.data_mining if template.data_mining else "",
        source_type=source_uri,
    )
