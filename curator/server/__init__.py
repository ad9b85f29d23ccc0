"""The PostgreSQL side of Curator: the only package that imports a database driver (psycopg 3).

It sits between the domain (``curator.core``, plain Python, no driver) and the faces. So far
it holds the schema's PostgreSQL form and its migrations, the connection to a
:class:`~curator.core.storage.address.ServerAddress` and the search expression; the
repositories over it come with the operations layer (issue 20).
"""
