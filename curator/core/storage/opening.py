"""Opening a project wherever it is: a file, or a schema on a PostgreSQL server.

Everything that opens a project by what a person typed (the command line, the window, the
services) comes here: :func:`create_store` and :func:`open_store` take a path, a
:class:`~curator.core.storage.address.ProjectAddress` or the text of one, and return a
:class:`~curator.core.storage.database.Store`, the same whichever it is. The server's store
lives in ``curator.server`` (the only package that imports a database driver), which sits
above the domain: it registers itself here when imported (:func:`register_server`), and the
composition root (``curator.__main__``) registers a loader that imports it the first time a
server address is opened (:func:`register_server_loader`), so the faces never load the
driver for a project file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from curator.core.errors import ProjectOpenError
from curator.core.storage.address import FileAddress, ProjectAddress, ServerAddress, parse_address
from curator.core.storage.database import Store
from curator.core.storage.store import ProjectStore
from curator.i18n import _

#: What a project's location may be given as.
Location = Path | str | ProjectAddress


class ServerStores(Protocol):
    """How the server package creates and opens its stores."""

    def create(self, address: ServerAddress) -> Store:
        """A new, empty project at ``address``."""

    def open(self, address: ServerAddress, *, read_only: bool = False) -> Store:
        """The existing project at ``address``."""


_server: ServerStores | None = None
_loader: Callable[[], ServerStores] | None = None


def register_server(stores: ServerStores) -> None:
    """Called by ``curator.server`` when it is imported."""
    global _server
    _server = stores


def register_server_loader(loader: Callable[[], ServerStores]) -> None:
    """Called by the composition root: how to load the server's stores when first needed."""
    global _loader
    _loader = loader


def address_of(location: Location) -> ProjectAddress:
    """The address a location names (text is parsed; a bad server address is refused)."""
    if isinstance(location, FileAddress | ServerAddress):
        return location
    return parse_address(location)


def _server_stores(address: ServerAddress) -> ServerStores:
    if _server is None and _loader is not None:
        try:
            register_server(_loader())
        except ImportError as error:
            raise ProjectOpenError(
                _(
                    "Cannot open %(address)s: this Curator runs without PostgreSQL support"
                    " (%(reason)s)."
                )
                % {"address": address.display(), "reason": error}
            ) from error
    if _server is None:
        raise ProjectOpenError(
            _(
                "Cannot open %(address)s: this Curator runs without PostgreSQL support (the"
                " psycopg package is missing)."
            )
            % {"address": address.display()}
        )
    return _server


def create_store(location: Location) -> Store:
    """Create an empty project (with the schema) where ``location`` says."""
    address = address_of(location)
    if isinstance(address, ServerAddress):
        return _server_stores(address).create(address)
    return ProjectStore.create(address.path)


def open_store(location: Location, *, read_only: bool = False) -> Store:
    """Open an existing project where ``location`` says (see ``ProjectStore.open``)."""
    address = address_of(location)
    if isinstance(address, ServerAddress):
        return _server_stores(address).open(address, read_only=read_only)
    return ProjectStore.open(address.path, read_only=read_only)
