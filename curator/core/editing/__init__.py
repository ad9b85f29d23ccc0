"""A curator's edits of the exhibition.

Sections, panels, layout, shortlisting, captions in bulk.
"""
