"""Decoding photos with bounded memory, shared by import, every product and every delivery.

Whatever import accepts, the catalogue, the panels and a delivery can decode too, because
they all go through :func:`~curator.decode.bounded.load_reduced`: it produces pixels at the
size the caller needs (a 256 px thumbnail, a slot at 300 ppi, a copy at ``--long-edge``)
with memory proportional to that size, not to the photo. See :mod:`curator.decode.bounded`
for the rules and the measured limits.
"""
