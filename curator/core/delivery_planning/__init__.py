"""Delivering captioned copies: file names, the metadata each copy carries, IIM limits.

Plain Python, like the rest of the domain: :mod:`.naming` turns a pattern such as
``{section:02}-{order:03}-{photographer}`` into a file name safe on every system,
:mod:`.iim` knows the IPTC IIM byte limits and cuts text to them, and :mod:`.plan` decides
what is written into each copy. ``curator.deliver`` does the writing.
"""
