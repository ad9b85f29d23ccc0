"""The hall of the exhibition (issue #26): walls, doors, stands, where panels hang, and checks.

Plain Python: :mod:`~curator.core.hall.model` (the plan), :mod:`~curator.core.hall.placing`
(filling walls in visit order) and :mod:`~curator.core.hall.checks` (findings with stable codes).
"""
