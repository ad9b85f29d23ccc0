"""Where a command's PROJECT is: a project file, or a project on a PostgreSQL server.

Every PROJECT argument goes through :func:`project_location` (argparse's ``type``): a path
stays a :class:`~pathlib.Path`; a ``postgresql://`` or ``postgres://`` URI becomes a
:class:`~curator.core.storage.address.ServerAddress`, which the services open on the server
(the composition root hands them the server's store). ``Path`` itself cannot be used for a
URI: it would fold ``postgresql:///db`` into ``postgresql:/db``. A URI with a password is
refused here, before anything connects, with a message that shows it without the password.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from curator.core.storage.address import (
    AddressError,
    ServerAddress,
    is_server_address,
    parse_address,
)


def project_location(text: str) -> Path | ServerAddress:
    """A PROJECT argument: its path, or its checked server address."""
    if not is_server_address(text):
        return Path(text)
    try:
        address = parse_address(text)
    except AddressError as error:
        raise argparse.ArgumentTypeError(error.message) from error
    assert isinstance(address, ServerAddress)
    return address
