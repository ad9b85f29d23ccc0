"""The installed Hunspell dictionaries, through Enchant (pyenchant over libenchant-2).

Enchant finds the dictionaries a system has installed (on Debian: ``hunspell-vi``,
``hunspell-ru``, ``hunspell-en-us`` in /usr/share/hunspell) and checks a word in tens of
microseconds; loading the Russian dictionary takes about a tenth of a second, so it is done
off the GUI thread. Spylls (pure Python) was measured too: 1.4 to 1.7 s to load the English
and Russian dictionaries and 0.1 to 0.5 ms a word, too slow to check as one types.

Thread contract: Enchant's broker is shared by every dictionary it hands out, so requests
to it are serialised by a lock; a loaded dictionary is then used by one thread at a time.
"""

from __future__ import annotations

import importlib
import threading
from functools import cache
from types import ModuleType
from typing import Any

from curator.core.errors import CuratorError
from curator.core.language.library_messages import reason as library_reason
from curator.core.language.text import nfc
from curator.i18n import _

_LOCK = threading.Lock()


@cache
def _enchant() -> ModuleType | None:
    try:  # imported late: pyenchant raises ImportError when the C library is missing
        return importlib.import_module("enchant")
    except (ImportError, OSError):
        return None


def enchant_problem() -> str:
    """Why no dictionary can be loaded at all, or "" when Enchant works."""
    if _enchant() is None:
        return _(
            "Spell checking needs the Enchant library, which is not installed "
            "(on Debian and Ubuntu: the package libenchant-2-2)."
        )
    return ""


class EnchantDictionary:
    """One loaded dictionary."""

    def __init__(self, handle: Any) -> None:
        self._handle = handle

    @property
    def tag(self) -> str:
        """The dictionary's name (``vi_VN``)."""
        return str(self._handle.tag)

    def check(self, word: str) -> bool:
        """Whether the dictionary knows ``word``."""
        return bool(self._handle.check(word))

    def suggest(self, word: str) -> list[str]:
        """Corrections for ``word``, best first."""
        return [nfc(str(item)) for item in self._handle.suggest(word)]


class EnchantSource:
    """The dictionaries Enchant can load on this system."""

    def __init__(self) -> None:
        self._broker: Any = None

    def _get_broker(self) -> Any:
        enchant = _enchant()
        if enchant is None:
            raise CuratorError(enchant_problem())
        if self._broker is None:
            self._broker = enchant.Broker()
        return self._broker

    def available(self) -> list[str]:
        """The tags of the installed dictionaries (``en_US``, ``ru_RU``, ``vi_VN``)."""
        if _enchant() is None:
            return []
        with _LOCK:
            return sorted({str(tag) for tag in self._get_broker().list_languages()})

    def load(self, tag: str) -> EnchantDictionary:
        """Load the dictionary ``tag``; CuratorError when it cannot be."""
        with _LOCK:
            broker = self._get_broker()
            try:
                return EnchantDictionary(broker.request_dict(tag))
            except Exception as error:  # enchant.errors.Error and DictNotFoundError
                raise CuratorError(
                    _("The spelling dictionary %(tag)s could not be loaded: %(reason)s")
                    % {"tag": tag, "reason": library_reason(error)}
                ) from error
